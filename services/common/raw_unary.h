// Serves methods whose requests arrive as raw bytes, so that a request
// with non-UTF-8 text gets INVALID_ARGUMENT naming the field instead of
// gRPC's bare INTERNAL (see wire_utf8.h).
//
// Services keep their generated, synchronous signatures and their threads
// (and so the thread quota that bounds calls in flight); the constructor
// routes each method through a decoder that calls the same handler:
//
//   class Impl : public RequestsFromBytes<v1::Svc> {
//     Impl() {
//       ServeUnaryFromBytes("Foo", &Impl::Foo);
//       ServeServerStreamFromBytes("Watch", &Impl::WatchFromBytes);
//       ServeClientStreamFromBytes("Upload", &Impl::UploadFromBytes);
//     }
//     grpc::Status Foo(grpc::ServerContext*, const v1::FooRequest*,
//                      v1::FooResponse*) override;
//     ...
//   };
//
// The method stays what it is on the wire, in reflection and to every
// client; only the server's handler reads the request itself.
//
// Each method takes requests of at most kDefaultMaxRequestBytes (8 MiB)
// unless it is served with a larger bound (the server's own receive limit
// must then be at least that); a larger request gets RESOURCE_EXHAUSTED
// naming its largest field, before it is decoded.
#ifndef CIVICWATCH_SERVICES_COMMON_RAW_UNARY_H_
#define CIVICWATCH_SERVICES_COMMON_RAW_UNARY_H_

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/method_handler.h>
#include <grpcpp/support/sync_stream.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "services/common/grpc_status.h"
#include "services/common/errors.h"
#include "services/common/request_size.h"
#include "services/common/wire_utf8.h"

namespace civicwatch {

// The bytes of `buffer`, in one piece.
inline std::string FlattenByteBuffer(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (buffer.Dump(&slices).ok()) {
    bytes.reserve(buffer.Length());
    for (const grpc::Slice& s : slices) {
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  return bytes;
}

// The requests of a client-streaming call, decoded one at a time.
template <typename Request>
class RequestReader {
 public:
  RequestReader(grpc::ServerReader<grpc::ByteBuffer>* bytes, size_t max_request_bytes)
      : bytes_(bytes), max_request_bytes_(max_request_bytes) {}

  // Reads the next request into `request`. Returns false at the end of the
  // stream. A request that does not decode sets `*error` (INVALID_ARGUMENT
  // naming the field, as DecodeRequest; RESOURCE_EXHAUSTED naming it when
  // the message is over the method's bound) and returns true: the stream
  // goes on after it, and the caller decides what a bad request means.
  bool Read(Request* request, absl::Status* error) {
    grpc::ByteBuffer buffer;
    if (!bytes_->Read(&buffer)) return false;
    request->Clear();
    const std::string bytes = FlattenByteBuffer(buffer);
    *error = CheckRequestSize(*Request::descriptor(), bytes, max_request_bytes_);
    if (error->ok()) *error = DecodeRequest(bytes, *request);
    return true;
  }

 private:
  grpc::ServerReader<grpc::ByteBuffer>* bytes_;
  size_t max_request_bytes_;
};

// A synchronous service (the generated `Grpc::Service`, Grpc being the
// generated v1::Svc) whose methods can be switched to reading their
// requests as bytes; see the top of this file.
template <typename Grpc>
class RequestsFromBytes : public Grpc::Service {
 protected:
  // Runs before a request is read; a call it refuses ends with its status
  // (an unauthenticated caller learns nothing about whether its request
  // would have decoded). The handlers still check for themselves.
  virtual grpc::Status Admit(grpc::ServerContext& /*context*/) { return grpc::Status::OK; }

  // Serves unary method `method` (its name in the .proto) with `handler`,
  // a member of the derived class with the generated signature, taking
  // requests of at most `max_request_bytes`.
  template <typename Derived, typename Request, typename Response>
  void ServeUnaryFromBytes(absl::string_view method,
                           grpc::Status (Derived::*handler)(grpc::ServerContext*, const Request*,
                                                            Response*),
                           size_t max_request_bytes = kDefaultMaxRequestBytes) {
    Derived* self = static_cast<Derived*>(this);
    this->MarkMethodStreamed(
        MethodIndex(method),
        new grpc::internal::StreamedUnaryHandler<grpc::ByteBuffer, Response>(
            [this, self, handler, max_request_bytes](
                grpc::ServerContext* context,
                grpc::ServerUnaryStreamer<grpc::ByteBuffer, Response>* stream) {
              if (grpc::Status s = Admit(*context); !s.ok()) return s;
              Request request;
              if (grpc::Status s = ReadRequest(*stream, request, max_request_bytes); !s.ok()) {
                return s;
              }
              Response response;
              grpc::Status status = (self->*handler)(context, &request, &response);
              if (status.ok()) stream->Write(response);
              return status;
            }));
  }

  // Serves server-streaming method `method` with `handler`, which writes
  // its responses to a grpc::internal::WriterInterface<Response> (both the
  // generated handler's grpc::ServerWriter and this one's stream are one).
  template <typename Derived, typename Request, typename Response>
  void ServeServerStreamFromBytes(
      absl::string_view method,
      grpc::Status (Derived::*handler)(grpc::ServerContext*, const Request*,
                                       grpc::internal::WriterInterface<Response>*)) {
    Derived* self = static_cast<Derived*>(this);
    this->MarkMethodStreamed(
        MethodIndex(method),
        new grpc::internal::SplitServerStreamingHandler<grpc::ByteBuffer, Response>(
            [this, self, handler](grpc::ServerContext* context,
                                  grpc::ServerSplitStreamer<grpc::ByteBuffer, Response>* stream) {
              if (grpc::Status s = Admit(*context); !s.ok()) return s;
              Request request;
              if (grpc::Status s = ReadRequest(*stream, request, kDefaultMaxRequestBytes);
                  !s.ok()) {
                return s;
              }
              return (self->*handler)(context, &request, stream);
            }));
  }

  // Serves client-streaming method `method` with `handler`, which reads
  // the requests from a RequestReader (the generated override is then
  // never called).
  template <typename Derived, typename Request, typename Response>
  void ServeClientStreamFromBytes(
      absl::string_view method,
      grpc::Status (Derived::*handler)(grpc::ServerContext*, RequestReader<Request>*,
                                       Response*)) {
    Derived* self = static_cast<Derived*>(this);
    this->MarkMethodStreamed(
        MethodIndex(method),
        new grpc::internal::ClientStreamingHandler<RequestsFromBytes, grpc::ByteBuffer, Response>(
            [self, handler](RequestsFromBytes* service, grpc::ServerContext* context,
                            grpc::ServerReader<grpc::ByteBuffer>* reader, Response* response) {
              if (grpc::Status s = service->Admit(*context); !s.ok()) return s;
              RequestReader<Request> requests(reader, kDefaultMaxRequestBytes);
              return (self->*handler)(context, &requests, response);
            },
            this));
  }

 private:
  // The index gRPC's generated code gives `method`: its position in the
  // service's descriptor.
  static int MethodIndex(absl::string_view method) {
    const google::protobuf::ServiceDescriptor* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            std::string(Grpc::service_full_name()));
    const google::protobuf::MethodDescriptor* found =
        service == nullptr ? nullptr : service->FindMethodByName(std::string(method));
    if (found == nullptr) std::abort();  // A typo in the constructor: fail at start-up.
    return found->index();
  }

  // Reads the one request message of the call, checks its size and
  // decodes it.
  template <typename Stream, typename Request>
  static grpc::Status ReadRequest(Stream& stream, Request& request, size_t max_request_bytes) {
    grpc::ByteBuffer buffer;
    if (!stream.Read(&buffer)) {
      return ToGrpcStatus(InvalidInputError(
          absl::StrCat("the call carried no ", Request::descriptor()->full_name())));
    }
    const std::string bytes = FlattenByteBuffer(buffer);
    if (absl::Status s = CheckRequestSize(*Request::descriptor(), bytes, max_request_bytes);
        !s.ok()) {
      return ToGrpcStatus(s);
    }
    return ToGrpcStatus(DecodeRequest(bytes, request));
  }
};

}  // namespace civicwatch

#endif  // CIVICWATCH_SERVICES_COMMON_RAW_UNARY_H_
