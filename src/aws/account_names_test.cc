#include "aws/account_names.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/fake_clock.h"
#include "base/log.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000000;

TEST(ParseAccountNamesTest, Forms) {
  auto pairs = ParseAccountNames(" 111111111111=prod-payments , 222222222222 = dev ,");
  ASSERT_TRUE(pairs.has_value()) << pairs.error().message();
  EXPECT_EQ(pairs->size(), 2u);
  EXPECT_EQ(pairs->at("222222222222"), "dev");
  auto json = ParseAccountNames(R"({"111111111111":"prod-payments"})");
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(json->at("111111111111"), "prod-payments");
  EXPECT_TRUE(ParseAccountNames("")->empty());
  EXPECT_EQ(ParseAccountNames("1234=x").error().message(), "ACCOUNT_NAMES entry 1: expected 12-digit-id=name");
  EXPECT_EQ(ParseAccountNames("111111111111=").error().message(), "ACCOUNT_NAMES entry 1: empty name for 111111111111");
  EXPECT_EQ(ParseAccountNames(R"({"x":"y"})").error().code(), Code::kConfig);

  const std::string path = (std::filesystem::temp_directory_path() / "gdslack_account_names_test.json").string();
  std::ofstream(path) << R"({"333333333333": "sandbox"})";
  auto file = ParseAccountNames(path);
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->at("333333333333"), "sandbox");
  std::filesystem::remove(path);
  EXPECT_EQ(ParseAccountNames("/nonexistent/names.json").error().code(), Code::kConfig);
}

class AccountNameResolverTest : public ::testing::Test {
 protected:
  AccountNameResolverTest()
      : clock_(kNow),
        provider_(Credentials{"AKID", Secret("secret-value-xyz"), Secret(), {}}),
        org_(AwsClient(http_, clock_, clock_, provider_,
                       Endpoint{"https://organizations.us-east-1.amazonaws.com", "us-east-1", "organizations"},
                       AwsStandardRetryPolicy(), [] { return 0.5; })) {
    SetLogSink([this](const std::string& line) { logs_.push_back(line); });
  }
  ~AccountNameResolverTest() override { SetLogSink(nullptr); }

  static std::string NameReply(const std::string& name) {
    return R"({"Account":{"Id":"111111111111","Name":")" + name + R"("}})";
  }

  FakeHttpClient http_;
  FakeClock clock_;
  StaticCredentialsProvider provider_;
  OrganizationsClient org_;
  std::vector<std::string> logs_;
};

TEST_F(AccountNameResolverTest, StaticMapFirst) {
  AccountNameResolver r({{"111111111111", "from-map"}}, &org_, clock_);
  EXPECT_EQ(r.Lookup("111111111111", kNow + 10000), "from-map");
  EXPECT_TRUE(http_.requests().empty());
}

TEST_F(AccountNameResolverTest, CachesAndExpires) {
  AccountNameResolver r({}, &org_, clock_);
  http_.Push(200, NameReply("prod"));
  EXPECT_EQ(r.Lookup("111111111111", kNow + 10000), "prod");
  clock_.Advance(59 * 60 * 1000);
  EXPECT_EQ(r.Lookup("111111111111", clock_.NowUnixMs() + 10000), "prod");
  EXPECT_EQ(http_.requests().size(), 1u);
  clock_.Advance(2 * 60 * 1000);
  http_.Push(200, NameReply("prod-renamed"));
  EXPECT_EQ(r.Lookup("111111111111", clock_.NowUnixMs() + 10000), "prod-renamed");
  EXPECT_EQ(http_.requests().size(), 2u);
}

TEST_F(AccountNameResolverTest, BudgetNeverPastDeadline) {
  AccountNameResolver r({}, &org_, clock_);
  http_.Push(200, NameReply("prod"));
  EXPECT_EQ(r.Lookup("111111111111", kNow + 100000), "prod");
  EXPECT_EQ(http_.requests()[0].timeout_ms, 1500);
  http_.Push(200, NameReply("dev"));
  EXPECT_EQ(r.Lookup("222222222222", kNow + 300), "dev");
  EXPECT_EQ(http_.requests()[1].timeout_ms, 300);
  EXPECT_EQ(r.Lookup("333333333333", kNow - 1), "");  // deadline already gone: no call, nothing cached
  EXPECT_EQ(http_.requests().size(), 2u);
  EXPECT_TRUE(logs_.empty());
  http_.Push(200, NameReply("sandbox"));
  EXPECT_EQ(r.Lookup("333333333333", kNow + 10000), "sandbox");
}

TEST_F(AccountNameResolverTest, FailuresCachedBrieflyAndLoggedOncePerKind) {
  AccountNameResolver r({}, &org_, clock_);
  const std::string denied = R"({"__type":"AccessDeniedException","message":"You don't have permissions"})";
  http_.Push(400, denied);
  EXPECT_EQ(r.Lookup("111111111111", kNow + 10000), "");
  EXPECT_EQ(r.Lookup("111111111111", kNow + 10000), "");  // cached failure: no second call
  EXPECT_EQ(http_.requests().size(), 1u);
  http_.Push(400, denied);
  EXPECT_EQ(r.Lookup("222222222222", kNow + 10000), "");  // another account, same kind: not logged again
  ASSERT_EQ(logs_.size(), 1u);
  EXPECT_NE(logs_[0].find("organizations:DescribeAccount denied for account 111111111111"), std::string::npos);
  EXPECT_NE(logs_[0].find("\"error_code\":\"PermissionDenied\""), std::string::npos);
  EXPECT_EQ(logs_[0].find("secret-value-xyz"), std::string::npos);

  clock_.Advance(5 * 60 * 1000 + 1);  // failure TTL over: try again
  http_.Push(200, NameReply("prod"));
  EXPECT_EQ(r.Lookup("111111111111", clock_.NowUnixMs() + 10000), "prod");

  for (int i = 0; i < 3; ++i) http_.Push(400, R"({"__type":"TooManyRequestsException"})");
  EXPECT_EQ(r.Lookup("333333333333", clock_.NowUnixMs() + 10000), "");
  EXPECT_EQ(logs_.size(), 2u);  // a new kind: one more line
}

// Tags, then the OU walk (ListParents, DescribeOrganizationalUnit per OU) up to the root; cached like names.
TEST_F(AccountNameResolverTest, OrgInfoTagsAndOuPathCached) {
  AccountNameResolver r({}, &org_, clock_);
  http_.Push(200, R"({"Tags":[{"Key":"team","Value":"payments"}],"NextToken":"t2"})");
  http_.Push(200, R"({"Tags":[{"Key":"slack-destination","Value":"payments"}]})");
  http_.Push(200, R"({"Parents":[{"Id":"ou-ab12-prod0001","Type":"ORGANIZATIONAL_UNIT"}]})");
  http_.Push(200, R"({"OrganizationalUnit":{"Id":"ou-ab12-prod0001","Name":"Prod"}})");
  http_.Push(200, R"({"Parents":[{"Id":"ou-ab12-work0001","Type":"ORGANIZATIONAL_UNIT"}]})");
  http_.Push(200, R"({"OrganizationalUnit":{"Id":"ou-ab12-work0001","Name":"Workloads"}})");
  http_.Push(200, R"({"Parents":[{"Id":"r-ab12","Type":"ROOT"}]})");
  AccountOrgInfo info = r.LookupOrgInfo("111111111111", kNow + 10000);
  EXPECT_EQ(info.tags.size(), 2u);
  EXPECT_EQ(info.tags["team"], "payments");
  EXPECT_EQ(info.tags["slack-destination"], "payments");
  EXPECT_EQ(info.ou_path, "Workloads/Prod");
  ASSERT_EQ(http_.requests().size(), 7u);
  EXPECT_EQ(http_.requests()[0].body, R"({"ResourceId":"111111111111"})");
  EXPECT_NE(http_.requests()[1].body.find(R"("NextToken":"t2")"), std::string::npos);
  EXPECT_EQ(http_.requests()[2].body, R"({"ChildId":"111111111111"})");
  EXPECT_EQ(http_.requests()[3].body, R"({"OrganizationalUnitId":"ou-ab12-prod0001"})");
  EXPECT_EQ(http_.requests()[4].body, R"({"ChildId":"ou-ab12-prod0001"})");
  bool target = false;
  for (const auto& [k, v] : http_.requests()[2].headers) {
    if (k == "X-Amz-Target") target = v == "AWSOrganizationsV20161128.ListParents";
  }
  EXPECT_TRUE(target);
  // Cached: no further calls within the hour.
  EXPECT_EQ(r.LookupOrgInfo("111111111111", kNow + 10000).ou_path, "Workloads/Prod");
  EXPECT_EQ(http_.requests().size(), 7u);
  EXPECT_TRUE(logs_.empty());
}

TEST_F(AccountNameResolverTest, OrgInfoDirectlyUnderRootHasEmptyPath) {
  AccountNameResolver r({}, &org_, clock_);
  http_.Push(200, R"({"Tags":[]})");
  http_.Push(200, R"({"Parents":[{"Id":"r-ab12","Type":"ROOT"}]})");
  AccountOrgInfo info = r.LookupOrgInfo("111111111111", kNow + 10000);
  EXPECT_TRUE(info.tags.empty());
  EXPECT_EQ(info.ou_path, "");
  EXPECT_EQ(http_.requests().size(), 2u);
}

// A failure never loses the finding: what was read stays, the failure is logged once and cached briefly.
TEST_F(AccountNameResolverTest, OrgInfoFailureKeepsTagsLogsOnceCachesBriefly) {
  AccountNameResolver r({}, &org_, clock_);
  http_.Push(200, R"({"Tags":[{"Key":"owner","Value":"alice"}]})");
  http_.Push(400, R"({"__type":"AccessDeniedException","message":"no"})");
  AccountOrgInfo info = r.LookupOrgInfo("111111111111", kNow + 10000);
  EXPECT_EQ(info.tags["owner"], "alice");
  EXPECT_EQ(info.ou_path, "");
  ASSERT_EQ(logs_.size(), 1u);
  EXPECT_NE(logs_[0].find("organizations:ListParents denied"), std::string::npos);
  EXPECT_NE(logs_[0].find("account tags and OU lookup failed"), std::string::npos);
  EXPECT_EQ(r.LookupOrgInfo("111111111111", kNow + 10000).tags.size(), 1u);  // cached failure
  EXPECT_EQ(http_.requests().size(), 2u);
  http_.Push(400, R"({"__type":"AccessDeniedException","message":"no"})");
  EXPECT_TRUE(r.LookupOrgInfo("222222222222", kNow + 10000).tags.empty());
  EXPECT_EQ(logs_.size(), 1u);  // same kind: not logged again
  clock_.Advance(5 * 60 * 1000 + 1);
  http_.Push(400, R"({"__type":"TargetNotFoundException","message":"gone"})");
  EXPECT_TRUE(r.LookupOrgInfo("111111111111", clock_.NowUnixMs() + 10000).tags.empty());
  EXPECT_EQ(http_.requests().size(), 4u);
  ASSERT_EQ(logs_.size(), 2u);
  EXPECT_NE(logs_[1].find("NotFound"), std::string::npos);
}

TEST_F(AccountNameResolverTest, OrgInfoEmptyWithoutOrganizations) {
  AccountNameResolver r({{"111111111111", "mapped"}}, nullptr, clock_);
  EXPECT_TRUE(r.LookupOrgInfo("111111111111", kNow + 10000).tags.empty());
  EXPECT_TRUE(http_.requests().empty());
}

TEST_F(AccountNameResolverTest, FromEnvironmentWithRole) {
  auto env = MapEnvironment({{"ACCOUNT_NAMES", "444444444444=mapped"},
                             {"AWS_REGION", "eu-west-1"},
                             {"ORG_ROLE_ARN", "arn:aws:iam::999999999999:role/OrgRead"}});
  auto r = AccountNameResolver::FromEnvironment(env, http_, clock_, clock_, provider_);
  ASSERT_TRUE(r.has_value()) << r.error().message();
  EXPECT_EQ((*r)->Lookup("444444444444", kNow + 10000), "mapped");
  http_.Push(200,
             "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAORG</AccessKeyId>"
             "<SecretAccessKey>orgsecret</SecretAccessKey><SessionToken>orgtoken</SessionToken>"
             "<Expiration>2023-11-14T23:13:20Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>");
  http_.Push(200, NameReply("prod"));
  EXPECT_EQ((*r)->Lookup("111111111111", kNow + 10000), "prod");
  ASSERT_EQ(http_.requests().size(), 2u);
  EXPECT_EQ(http_.requests()[0].url, "https://sts.eu-west-1.amazonaws.com/");
  EXPECT_EQ(http_.requests()[1].url, "https://organizations.us-east-1.amazonaws.com/");
  bool token_sent = false;
  for (const auto& [k, v] : http_.requests()[1].headers) token_sent |= (k == "X-Amz-Security-Token" && v == "orgtoken");
  EXPECT_TRUE(token_sent);
  EXPECT_EQ(AccountNameResolver::FromEnvironment(MapEnvironment({{"ORG_ROLE_ARN", "OrgRead"}}), http_, clock_, clock_,
                                                 provider_)
                .error()
                .code(),
            Code::kConfig);
}

}  // namespace
}  // namespace gdslack
