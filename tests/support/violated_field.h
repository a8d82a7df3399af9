// Reading the field a gRPC error blames.
#ifndef CIVICWATCH_TESTS_SUPPORT_VIOLATED_FIELD_H_
#define CIVICWATCH_TESTS_SUPPORT_VIOLATED_FIELD_H_

#include <grpcpp/grpcpp.h>

#include <string>

namespace civicwatch::testing {

// The field of the first google.rpc.BadRequest field violation in the
// details of `status`, or "" when it carries none.
std::string ViolatedField(const grpc::Status& status);

}  // namespace civicwatch::testing

#endif  // CIVICWATCH_TESTS_SUPPORT_VIOLATED_FIELD_H_
