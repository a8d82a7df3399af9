#include "error_messages.h"

#include "civicwatch/errors.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace civicwatch::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

absl::Status WithViolation(const std::string& field, const std::string& description) {
  google::rpc::BadRequest bad;
  auto* v = bad.add_field_violations();
  v->set_field(field);
  v->set_description(description);
  google::rpc::Status details;
  details.set_code(3);
  details.add_details()->PackFrom(bad);
  absl::Status s = absl::InvalidArgumentError("invalid request");
  s.SetPayload(kRpcStatusTypeUrl, absl::Cord(details.SerializeAsString()));
  return s;
}

TEST(DescribeErrorTest, NamesTheFieldAndItsFlag) {
  Service query = QueryServiceOf(ClientOptions());
  std::string m = DescribeError(WithViolation("filter.start_date", "month must be 1 to 12"), query);
  EXPECT_EQ(m, "the server rejected --from (filter.start_date): month must be 1 to 12");
  m = DescribeError(WithViolation("report.body", "is empty"), query);
  EXPECT_EQ(m, "the server rejected report.body: is empty");
}

TEST(DescribeErrorTest, UnreachableServerSaysWhatToDo) {
  std::string m = DescribeError(absl::UnavailableError("failed to connect to all addresses"),
                                QueryServiceOf(ClientOptions()));
  EXPECT_THAT(m, HasSubstr("could not reach the query service at 127.0.0.1:50052"));
  EXPECT_THAT(m, HasSubstr("--query_address"));
  EXPECT_THAT(m, HasSubstr("CIVICWATCH_QUERY_ADDRESS"));
}

TEST(DescribeErrorTest, AHandshakeFailureNamesTheTlsFlags) {
  const absl::Status closed = absl::UnavailableError(
      "failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:50051: Socket "
      "closed");
  ClientOptions options;
  EXPECT_THAT(DescribeError(closed, IngestServiceOf(options)), HasSubstr("give --tls_ca"));
  options.tls_root_certs_pem = "roots";
  EXPECT_THAT(DescribeError(closed, IngestServiceOf(options)),
              HasSubstr("give --tls_cert and --tls_key"));
  options.tls_client_cert_pem = "cert";
  EXPECT_THAT(DescribeError(closed, IngestServiceOf(options)),
              HasSubstr("trusts the one of --tls_cert"));
  // Nothing listening: no word about TLS.
  const absl::Status refused = absl::UnavailableError(
      "failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:50051: Failed to "
      "connect to remote host: Connection refused");
  EXPECT_THAT(DescribeError(refused, IngestServiceOf(options)), Not(HasSubstr("tls")));
}

TEST(DescribeErrorTest, NoRawStatusDumps) {
  for (absl::Status s : {absl::DeadlineExceededError("Deadline Exceeded"),
                         absl::UnauthenticatedError("no token"),
                         absl::PermissionDeniedError("needs query.read"),
                         absl::NotFoundError("events/x does not exist"),
                         absl::InternalError("")}) {
    std::string m = DescribeError(s, IngestServiceOf(ClientOptions()));
    EXPECT_THAT(m, Not(HasSubstr("DEADLINE_EXCEEDED"))) << m;
    EXPECT_THAT(m, Not(HasSubstr("INTERNAL:"))) << m;
    EXPECT_FALSE(m.empty());
  }
  EXPECT_THAT(DescribeError(absl::DeadlineExceededError("x"), IngestServiceOf(ClientOptions())),
              HasSubstr("--timeout"));
  EXPECT_THAT(DescribeError(absl::UnauthenticatedError("x"), IngestServiceOf(ClientOptions())),
              HasSubstr("CIVICWATCH_TOKEN"));
}

}  // namespace
}  // namespace civicwatch::cli
