// The fixture of the command tests: whole command lines run against a
// mock connection, with what they print kept.
#ifndef CIVICWATCH_SDK_CLI_COMMANDS_TEST_FIXTURE_H_
#define CIVICWATCH_SDK_CLI_COMMANDS_TEST_FIXTURE_H_

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "civicwatch/mocks/mock_connection.h"
#include "cli.h"
#include "gtest/gtest.h"

namespace civicwatch::cli {

class CommandsTest : public ::testing::Test {
 protected:
  int Run(std::vector<std::string> args,
          std::map<std::string, std::string> env = {}) {
    Context ctx{out_, err_};
    ctx.make_client = [this](const ClientOptions& o) -> absl::StatusOr<std::unique_ptr<Client>> {
      options_ = o;
      return std::make_unique<Client>(mock_);
    };
    return RunCli(args, ctx, [env](const char* name) {
      auto it = env.find(name);
      return it == env.end() ? std::string() : it->second;
    });
  }

  static v1::Event MakeEvent(int y, int m, int d, const std::string& summary) {
    v1::Event e;
    e.set_name("events/" + summary);
    e.set_country_code("KG");
    e.mutable_date()->set_year(y);
    e.mutable_date()->set_month(m);
    e.mutable_date()->set_day(d);
    e.set_category(v1::CATEGORY_DETENTION);
    e.set_freedom(v1::FREEDOM_EXPRESSION);
    e.set_summary(summary);
    e.set_review_state(v1::REVIEW_STATE_SUGGESTED);
    return e;
  }

  std::shared_ptr<MockConnection> mock_ = std::make_shared<MockConnection>();
  std::ostringstream out_, err_;
  ClientOptions options_;
};

}  // namespace civicwatch::cli

#endif  // CIVICWATCH_SDK_CLI_COMMANDS_TEST_FIXTURE_H_
