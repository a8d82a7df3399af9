#include "services/common/metrics/grpc_metrics.h"

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <algorithm>
#include <chrono>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"

namespace civicwatch::metrics {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::ServerRpcInfo;

const char* const kCodeNames[17] = {
    "OK",          "Canceled",          "Unknown",          "InvalidArgument",
    "DeadlineExceeded", "NotFound",     "AlreadyExists",    "PermissionDenied",
    "ResourceExhausted", "FailedPrecondition", "Aborted",   "OutOfRange",
    "Unimplemented", "Internal",        "Unavailable",      "DataLoss",
    "Unauthenticated"};

const char* TypeName(ServerRpcInfo::Type type) {
  switch (type) {
    case ServerRpcInfo::Type::UNARY:
      return "unary";
    case ServerRpcInfo::Type::CLIENT_STREAMING:
      return "client_stream";
    case ServerRpcInfo::Type::SERVER_STREAMING:
      return "server_stream";
    case ServerRpcInfo::Type::BIDI_STREAMING:
      return "bidi_stream";
  }
  return "unary";
}

const char* TypeName(const google::protobuf::MethodDescriptor& m) {
  if (m.client_streaming() && m.server_streaming()) return "bidi_stream";
  if (m.client_streaming()) return "client_stream";
  if (m.server_streaming()) return "server_stream";
  return "unary";
}

class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  MetricsInterceptor(MethodMetrics* m, ServerRpcInfo* info)
      : m_(m), info_(info), start_(std::chrono::steady_clock::now()) {
    m_->started.Increment();
  }
  // A call that ends without sending a status (the client went away
  // first) still counts as handled: Canceled, as its client saw it.
  ~MetricsInterceptor() override {
    if (!handled_) Handled(static_cast<int>(grpc::StatusCode::CANCELLED));
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      // A null message marks the end of the client's stream, not a message.
      if (methods->GetRecvMessage() != nullptr) m_->msg_received.Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      m_->msg_sent.Increment();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      // A stream's handler that stops because its client cancelled (the
      // usual end of a watch) may still return OK; the client saw
      // CANCELLED, and so do the metrics. Unary calls are counted with
      // their handler's status: on the synchronous server IsCancelled()
      // polls the call's completion queue, which costs more CPU than the
      // rest of a loopback health check (metrics_benchmark shows it), and
      // a unary call's client rarely leaves early.
      const grpc::ServerContextBase* context = info_->server_context();
      Handled(info_->type() != ServerRpcInfo::Type::UNARY && context != nullptr &&
                      context->IsCancelled()
                  ? static_cast<int>(grpc::StatusCode::CANCELLED)
                  : static_cast<int>(methods->GetSendStatus().error_code()));
    }
    methods->Proceed();
  }

 private:
  void Handled(int code) {
    handled_ = true;
    m_->handled[code >= 0 && code < 17 ? code : 2].Increment();
    m_->handling_seconds.Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
  }

  MethodMetrics* m_;
  ServerRpcInfo* info_;
  std::chrono::steady_clock::time_point start_;
  bool handled_ = false;
};

class MetricsInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit MetricsInterceptorFactory(GrpcServerMetrics* metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(ServerRpcInfo* info) override {
    return new MetricsInterceptor(metrics_->ForMethod(info->method(), info->type()), info);
  }

 private:
  GrpcServerMetrics* metrics_;
};

}  // namespace

MethodMetrics::MethodMetrics(std::string service_name, std::string method_name,
                             std::string type_name)
    : service(std::move(service_name)),
      method(std::move(method_name)),
      type(std::move(type_name)),
      handling_seconds(LatencyBuckets()) {}

GrpcServerMetrics::GrpcServerMetrics(const std::vector<std::string>& service_names) {
  for (const std::string& name : service_names) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* m = service->method(i);
      known_.try_emplace(absl::StrCat("/", name, "/", m->name()),
                         std::make_unique<MethodMetrics>(name, m->name(), TypeName(*m)));
    }
  }
}

MethodMetrics* GrpcServerMetrics::ForMethod(const char* full_method, ServerRpcInfo::Type type) {
  const absl::string_view full(full_method == nullptr ? "" : full_method);
  if (auto it = known_.find(full); it != known_.end()) return it->second.get();
  absl::MutexLock lock(&mu_);
  auto& slot = late_[std::string(full)];
  if (slot == nullptr) {
    // "/package.Service/Method"
    const size_t slash = full.rfind('/');
    const absl::string_view service =
        slash == absl::string_view::npos || slash == 0 ? full : full.substr(1, slash - 1);
    const absl::string_view method =
        slash == absl::string_view::npos ? full : full.substr(slash + 1);
    slot = std::make_unique<MethodMetrics>(std::string(service), std::string(method),
                                           TypeName(type));
  }
  return slot.get();
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
GrpcServerMetrics::MakeInterceptorFactory() {
  return std::make_unique<MetricsInterceptorFactory>(this);
}

void GrpcServerMetrics::Collect(Exposition& out) const {
  std::vector<const MethodMetrics*> all;
  for (const auto& [name, m] : known_) all.push_back(m.get());
  absl::MutexLock lock(&mu_);
  for (const auto& [name, m] : late_) all.push_back(m.get());
  std::sort(all.begin(), all.end(), [](const MethodMetrics* a, const MethodMetrics* b) {
    return std::tie(a->service, a->method) < std::tie(b->service, b->method);
  });
  auto labels = [](const MethodMetrics& m) {
    return Labels{{"grpc_service", m.service}, {"grpc_method", m.method}, {"grpc_type", m.type}};
  };
  // A counter family with one sample per method.
  auto counter = [&](const char* name, const char* help, Counter MethodMetrics::*counted) {
    out.Family(name, "counter", help);
    for (const MethodMetrics* m : all) out.Sample(name, labels(*m), (m->*counted).Value());
  };
  counter("grpc_server_started_total", "Total number of RPCs started on the server.",
          &MethodMetrics::started);
  out.Family("grpc_server_handled_total", "counter",
             "Total number of RPCs completed on the server, regardless of success or failure.");
  for (const MethodMetrics* m : all) {
    for (int code = 0; code < 17; ++code) {
      const uint64_t n = m->handled[code].Value();
      // Every method shows its OK count (zero included) so that rates
      // exist before the first call; other codes appear once they occur.
      if (n == 0 && code != 0) continue;
      Labels l = labels(*m);
      l.emplace_back("grpc_code", kCodeNames[code]);
      out.Sample("grpc_server_handled_total", l, n);
    }
  }
  out.Family("grpc_server_handling_seconds", "histogram",
             "Histogram of response latency (seconds) of gRPC that had been application-level "
             "handled by the server.");
  for (const MethodMetrics* m : all) {
    out.HistogramSamples("grpc_server_handling_seconds", labels(*m), m->handling_seconds);
  }
  counter("grpc_server_msg_received_total",
          "Total number of RPC stream messages received on the server.",
          &MethodMetrics::msg_received);
  counter("grpc_server_msg_sent_total", "Total number of gRPC stream messages sent by the server.",
          &MethodMetrics::msg_sent);
}

}  // namespace civicwatch::metrics
