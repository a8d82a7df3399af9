#include "services/common/call_log.h"

#include <grpcpp/server_context.h>

#include <iostream>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace civicwatch {
namespace {

using grpc::experimental::InterceptionHookPoints;

class CallLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit CallLogInterceptor(grpc::experimental::ServerRpcInfo* info)
      : info_(info), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      code_ = status.error_code();
      sent_status_ = true;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_CLOSE) ||
        (sent_status_ && !logged_ &&
         methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS))) {
      Log();
    }
    methods->Proceed();
  }

 private:
  void Log() {
    if (logged_) return;
    logged_ = true;
    std::string peer = info_->server_context() ? info_->server_context()->peer() : "";
    // One line, written with a single call so lines from threads do not mix.
    std::cerr << absl::StrFormat("%s call method=%s peer=%s status=%d latency_ms=%.3f\n",
                                 absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(),
                                                  absl::UTCTimeZone()),
                                 info_->method(), peer, static_cast<int>(code_),
                                 absl::ToDoubleMilliseconds(absl::Now() - start_));
  }

  grpc::experimental::ServerRpcInfo* info_;
  absl::Time start_;
  grpc::StatusCode code_ = grpc::StatusCode::OK;
  bool sent_status_ = false;
  bool logged_ = false;
};

class CallLogFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new CallLogInterceptor(info);
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> MakeCallLogFactory() {
  return std::make_unique<CallLogFactory>();
}

}  // namespace civicwatch
