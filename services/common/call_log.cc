#include "services/common/call_log.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/byte_buffer.h>

#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/common/auth.h"
#include "services/common/log.h"

namespace civicwatch {
namespace {

using grpc::experimental::InterceptionHookPoints;

const char* CodeName(grpc::StatusCode code) {
  static const char* kNames[] = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
                                 "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
                                 "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
                                 "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
                                 "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
                                 "UNAUTHENTICATED"};
  int i = static_cast<int>(code);
  return i >= 0 && i < 17 ? kNames[i] : "UNKNOWN";
}

class CallLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit CallLogInterceptor(grpc::experimental::ServerRpcInfo* info)
      : info_(info), start_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto* metadata = methods->GetRecvInitialMetadata();
      std::string authorization;
      if (metadata != nullptr) {
        auto it = metadata->find("authorization");
        if (it != metadata->end()) authorization.assign(it->second.data(), it->second.size());
      }
      principal_ = auth::PrincipalForLog(authorization);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      if (const grpc::ByteBuffer* buffer = methods->GetSerializedSendMessage()) {
        response_bytes_ += buffer->Length();
      }
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      code_ = methods->GetSendStatus().error_code();
      Log();
    }
    methods->Proceed();
  }

 private:
  void Log() {
    std::string peer = info_->server_context() ? info_->server_context()->peer() : "";
    LogLine("call", {{"method", info_->method()},
                     {"peer", peer},
                     {"principal", principal_},
                     {"status", CodeName(code_)},
                     {"latency_ms", absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(
                                                                absl::Now() - start_))},
                     {"response_bytes", absl::StrCat(response_bytes_)}});
  }

  grpc::experimental::ServerRpcInfo* info_;
  absl::Time start_;
  std::string principal_ = "-";
  grpc::StatusCode code_ = grpc::StatusCode::OK;
  size_t response_bytes_ = 0;
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
