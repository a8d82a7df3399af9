// Serves a unary method whose request arrives as raw bytes, so that a
// request with non-UTF-8 text gets INVALID_ARGUMENT naming the field
// instead of gRPC's bare INTERNAL (see wire_utf8.h).
//
//   class Impl : public v1::Svc::WithRawCallbackMethod_Foo<v1::Svc::Service> {
//     grpc::ServerUnaryReactor* Foo(grpc::CallbackServerContext* ctx,
//                                   const grpc::ByteBuffer* in,
//                                   grpc::ByteBuffer* out) override {
//       return ServeRawUnary<v1::FooRequest>(ctx, in, out,
//           [&](const v1::FooRequest& r) { return DoFoo(ctx, r); });
//     }
//   };
#ifndef CIVICWATCH_SERVICES_COMMON_RAW_UNARY_H_
#define CIVICWATCH_SERVICES_COMMON_RAW_UNARY_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/grpc_status.h"
#include "services/common/wire_utf8.h"

namespace civicwatch {

// Decodes `request` as Request, runs `handler` and finishes the call with
// its answer or error. `handler` returns absl::StatusOr<Response>.
template <typename Request, typename Handler>
grpc::ServerUnaryReactor* ServeRawUnary(grpc::CallbackServerContext* context,
                                        const grpc::ByteBuffer* request,
                                        grpc::ByteBuffer* response, Handler handler) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (request->Dump(&slices).ok()) {
    for (const grpc::Slice& s : slices) {
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  Request decoded;
  if (absl::Status s = DecodeRequest(bytes, decoded); !s.ok()) {
    reactor->Finish(ToGrpcStatus(s));
    return reactor;
  }
  auto answer = handler(decoded);
  if (!answer.ok()) {
    reactor->Finish(ToGrpcStatus(answer.status()));
    return reactor;
  }
  std::string out = answer->SerializeAsString();
  grpc::Slice slice(out);
  *response = grpc::ByteBuffer(&slice, 1);
  reactor->Finish(grpc::Status::OK);
  return reactor;
}

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_RAW_UNARY_H_
