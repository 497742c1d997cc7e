#include "app/triage_setup.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "http/fake_http_client.h"
#include "state/memory_triage_store.h"
#include "triage/triage_handler.h"

namespace gdslack {
namespace {

TEST(TriageSetupTest, AllowedUsersComeFromTheFileElseTheEnvironment) {
  RoutingConfig config;
  Result<std::set<std::string>> users =
      TriageAllowedUsers(config, MapEnvironment({{"TRIAGE_ALLOWED_USERS", " U0ALICE, W0BOB ,"}}));
  ASSERT_TRUE(users) << users.error().message();
  EXPECT_EQ(*users, (std::set<std::string>{"U0ALICE", "W0BOB"}));
  EXPECT_TRUE(TriageAllowedUsers(config, MapEnvironment({}))->empty());
  Result<std::set<std::string>> bad = TriageAllowedUsers(config, MapEnvironment({{"TRIAGE_ALLOWED_USERS", "alice"}}));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), Code::kConfig);
  config.triage_allowed_users = {"U0CAROL"};
  EXPECT_EQ(*TriageAllowedUsers(config, MapEnvironment({{"TRIAGE_ALLOWED_USERS", "U0ALICE"}})),
            (std::set<std::string>{"U0CAROL"}));
}

TEST(TriageSetupTest, TheEndpointExistsOnlyWithASigningSecret) {
  FakeClock clock;
  FakeHttpClient http;
  Credentials c;
  c.access_key_id = "AKIDEXAMPLE";
  c.secret_access_key = Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  AwsAccess aws;
  aws.credentials = std::make_unique<StaticCredentialsProvider>(std::move(c));
  aws.region = "eu-west-1";
  RoutingConfig config;
  DestinationServices services;
  services.aws = &aws;
  services.slack_http = &http;
  services.aws_http = &http;
  services.clock = &clock;
  services.sleeper = &clock;
  services.env = MapEnvironment({});
  Result<std::unique_ptr<TriageEndpoint>> none = BuildTriageEndpoint(config, services);
  ASSERT_TRUE(none) << none.error().message();
  EXPECT_EQ(*none, nullptr);

  services.env = MapEnvironment({{"SLACK_SIGNING_SECRET", "short"}});
  ASSERT_FALSE(BuildTriageEndpoint(config, services));

  services.env = MapEnvironment({{"SLACK_SIGNING_SECRET", "0123456789abcdef0123456789abcdef"},
                                 {"TRIAGE_ALLOWED_USERS", "U0ALICE"},
                                 {"SLACK_BOT_TOKEN", "xoxb-1-2-3"}});
  Result<std::unique_ptr<TriageEndpoint>> built = BuildTriageEndpoint(config, services);
  ASSERT_TRUE(built) << built.error().message();
  ASSERT_NE(*built, nullptr);
  EXPECT_NE((*built)->handler, nullptr);
  EXPECT_NE((*built)->slack, nullptr);
  EXPECT_NE(dynamic_cast<MemoryTriageStore*>((*built)->store.get()), nullptr);  // no STATE_TABLE
  EXPECT_TRUE(http.requests().empty());  // nothing read from AWS: every value was given
}

}  // namespace
}  // namespace gdslack
