// What an operator sees with grpcurl: the grpcurl-compatible client in
// tools/grpcurl.py (reflection only) lists and describes the services, checks health and
// makes JSON calls against the real binaries.
#include <cstdio>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/support/ingest_and_query.h"
#include "tests/support/server_process.h"

namespace civicwatch {
namespace {

using testing::MakeTempDir;
using testing::ServerProcess;

struct Output {
  int code;
  std::string text;
};

// Runs the grpcurl-compatible tool with `args`; stdout and stderr.
Output Grpcurl(const std::string& args) {
  std::string cmd = absl::StrCat("/usr/bin/python3 ", CIVICWATCH_TOOLS_DIR,
                                 "/grpcurl.py -plaintext ", args, " 2>&1");
  FILE* pipe = popen(cmd.c_str(), "r");
  Output out{-1, ""};
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.text.append(buf, n);
  int status = pclose(pipe);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

class OperatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::FILE* f = std::fopen(CIVICWATCH_TOOLS_DIR "/grpcurl.py", "r");
    ASSERT_NE(f, nullptr) << "no grpcurl.py under " << CIVICWATCH_TOOLS_DIR;
    std::fclose(f);
    dir_ = MakeTempDir("cw-operator");
    auto servers = testing::StartIngestAndQuery(dir_);
    ASSERT_TRUE(servers.ok()) << servers.status();
    ingest_ = std::move(servers->ingest);
    query_ = std::move(servers->query);
  }

  std::string dir_;
  std::unique_ptr<ServerProcess> ingest_;
  std::unique_ptr<ServerProcess> query_;
};

TEST_F(OperatorTest, ReflectionListsEveryService) {
  Output q = Grpcurl(query_->address() + " list");
  EXPECT_EQ(q.code, 0) << q.text;
  EXPECT_TRUE(absl::StrContains(q.text, "civicwatch.v1.QueryService")) << q.text;
  EXPECT_TRUE(absl::StrContains(q.text, "grpc.health.v1.Health")) << q.text;
  Output i = Grpcurl(ingest_->address() + " list");
  EXPECT_TRUE(absl::StrContains(i.text, "civicwatch.v1.IngestService")) << i.text;
  EXPECT_TRUE(absl::StrContains(i.text, "civicwatch.v1.ChangeFeed")) << i.text;
  Output methods = Grpcurl(query_->address() + " list civicwatch.v1.QueryService");
  EXPECT_TRUE(absl::StrContains(methods.text, "civicwatch.v1.QueryService.ListEvents"))
      << methods.text;
}

TEST_F(OperatorTest, DescribeAndHealthThroughReflection) {
  Output d = Grpcurl(query_->address() + " describe civicwatch.v1.Event");
  EXPECT_EQ(d.code, 0) << d.text;
  EXPECT_TRUE(absl::StrContains(d.text, "country_code")) << d.text;
  Output h = Grpcurl(ingest_->address() + " grpc.health.v1.Health/Check");
  EXPECT_EQ(h.code, 0) << h.text;
  EXPECT_TRUE(absl::StrContains(h.text, "SERVING")) << h.text;
}

TEST_F(OperatorTest, JsonCallsAndReadableErrors) {
  Output created = Grpcurl(absl::StrCat(
      "-d '{\"report\": {\"body\": \"Kazakhstan: update\\n\\nOn 3rd May 2021 activist Aigul "
      "Nurlanova was detained in Almaty.\"}}' ",
      ingest_->address(), " civicwatch.v1.IngestService/CreateReport"));
  EXPECT_EQ(created.code, 0) << created.text;
  EXPECT_TRUE(absl::StrContains(created.text, "\"name\": \"reports/")) << created.text;

  Output bad = Grpcurl(absl::StrCat("-d '{\"pageSize\": -3}' ", query_->address(),
                                    " civicwatch.v1.QueryService/ListEvents"));
  EXPECT_EQ(bad.code, 64 + 3) << bad.text;  // grpcurl's exit code for INVALID_ARGUMENT
  EXPECT_TRUE(absl::StrContains(bad.text, "page_size")) << bad.text;
}

}  // namespace
}  // namespace civicwatch
