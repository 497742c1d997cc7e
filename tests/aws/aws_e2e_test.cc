// End to end: the real SigV4 signer and CurlHttpClient against the AWS stand-in
// (tests/standins/aws_standin.py) on 127.0.0.1, which verifies every signature with botocore. Real wall-clock
// time (the stand-in rejects requests more than 5 minutes off); backoff sleeps are a few hundred ms at most.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "aws/account_names.h"
#include "aws/aws_client.h"
#include "aws/endpoints.h"
#include "aws/guardduty.h"
#include "aws/organizations.h"
#include "aws/secrets_manager.h"
#include "aws/sns.h"
#include "aws/ssm.h"
#include "aws/sts.h"
#include "base/clock.h"
#include "base/log.h"
#include "http/curl_http_client.h"
#include "standins/standin_process.h"

namespace gdslack {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBaseKey = "AKIDE2EBASE0001";
constexpr const char* kBaseSecret = "e2eBaseSecretValue/0123456789+abcdefghijkl";
constexpr const char* kDeniedKey = "AKIDE2EDENIED01";
constexpr const char* kDeniedSecret = "e2eDeniedSecretValue/0123456789+abcdefghij";
constexpr const char* kWebhook = "https://hooks.slack.com/services/T0/B0/e2eWebhookSECRET";
constexpr const char* kRoleArn = "arn:aws:iam::999999999999:role/OrgRead";
constexpr const char* kTopic = "arn:aws:sns:eu-west-1:111111111111:gd-fallback";
constexpr const char* kDetector = "12abc34d567e8fa901bc2d34e56789f0";

nlohmann::json State() {
  return {
      {"access_keys", {{kBaseKey, {{"secret", kBaseSecret}}}, {kDeniedKey, {{"secret", kDeniedSecret}}}}},
      {"accounts", {{"111111111111", "prod-payments"}, {"222222222222", "dev"}}},
      {"tags", {{"111111111111", {{"team", "payments"}, {"slack-destination", "payments"}}}}},
      {"parents", {{"111111111111", "ou-ab12-prod0001"}, {"ou-ab12-prod0001", "ou-ab12-work0001"}}},
      {"ous", {{"ou-ab12-prod0001", "Prod"}, {"ou-ab12-work0001", "Workloads"}}},
      {"parameters", {{"/gdslack/webhook", {{"value", kWebhook}, {"type", "SecureString"}}}}},
      {"secrets", {{"gdslack/webhook", std::string(R"({"url":")") + kWebhook + "\"}"}}},
      {"roles", {{kRoleArn, nlohmann::json::object()}}},
      {"topics", {kTopic}},
      {"guardduty",
       {{"eu-west-1",
         {{"detector", kDetector},
          {"findings",
           {{{"id", "f1"},
             {"type", "Recon:EC2/PortProbeUnprotectedPort"},
             {"severity", 8.0},
             {"accountId", "111111111111"},
             {"service", {{"archived", false}}}},
            {{"id", "f2"},
             {"type", "Trojan:EC2/DNSDataExfiltration"},
             {"severity", 5.0},
             {"accountId", "222222222222"},
             {"service", {{"archived", false}}}}}}}}}},
  };
}

// The AWS stand-in (tests/standins/aws_standin.py) with State() and a fault plan, for the object's lifetime.
class AwsStandin {
 public:
  explicit AwsStandin(const nlohmann::json& plan = nlohmann::json::array())
      : state_file_(WriteState(state_dir_)),
        process_("aws_standin.py", {"--state", state_file_, "--plan", plan.dump()}) {}

  bool ok() const { return process_.ok(); }
  const std::string& url() const { return process_.url(); }
  std::string RawLog() const { return process_.RawLog(); }
  std::vector<nlohmann::json> Requests() const { return process_.Requests(); }

 private:
  static std::string WriteState(const test_support::TempDir& dir) {
    const fs::path path = dir.path() / "state.json";
    std::ofstream(path) << State().dump();
    return path.string();
  }
  test_support::TempDir state_dir_{"gdslack-aws"};
  std::string state_file_;
  test_support::StandinProcess process_;
};

Credentials Creds(const char* key, const std::string& secret) {
  Credentials c;
  c.access_key_id = key;
  c.secret_access_key = Secret(secret);
  return c;
}

class AwsE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([this](const std::string& line) { log_lines_.push_back(line); });
  }
  void TearDown() override { SetLogSink(nullptr); }

  EnvLookup Env(const AwsStandin& aws, std::map<std::string, std::string> extra = {}) {
    extra["AWS_ENDPOINT_URL"] = aws.url();
    extra["AWS_REGION"] = "eu-west-1";
    return MapEnvironment(std::move(extra));
  }
  AwsClient Client(const AwsStandin& aws, AwsService service, CredentialsProvider& creds) {
    Result<Endpoint> ep = ResolveEndpoint(service, "eu-west-1", Env(aws));
    EXPECT_TRUE(ep.has_value());
    return AwsClient(http_, SystemClock::Instance(), RealSleeper::Instance(), creds, *ep);
  }
  static int64_t Deadline() { return SystemClock::Instance().NowUnixMs() + 15000; }

  // No secret value of the scenario appears in `text`.
  static void ExpectNoSecrets(const std::string& text) {
    for (const char* s : {kBaseSecret, kDeniedSecret, kWebhook, "e2eWebhookSECRET", "Signature="}) {
      EXPECT_EQ(text.find(s), std::string::npos) << "leaked " << s;
    }
  }

  CurlHttpClient http_;
  StaticCredentialsProvider base_{Creds(kBaseKey, kBaseSecret)};
  std::vector<std::string> log_lines_;
};

TEST_F(AwsE2eTest, DescribeAccount) {
  AwsStandin aws;
  ASSERT_TRUE(aws.ok());
  OrganizationsClient org(Client(aws, AwsService::kOrganizations, base_));
  Result<std::string> name = org.DescribeAccount("111111111111", Deadline());
  ASSERT_TRUE(name.has_value()) << name.error().ToString();
  EXPECT_EQ(*name, "prod-payments");
  auto log = aws.Requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["action"], "DescribeAccount");
  EXPECT_EQ(log[0]["verified"], true);
  EXPECT_EQ(log[0]["access_key_id"], kBaseKey);
}

// Routing by owner: tags and the OU walk, each call signed by our signer and verified by botocore.
TEST_F(AwsE2eTest, AccountTagsAndOuPath) {
  AwsStandin aws;
  ASSERT_TRUE(aws.ok());
  OrganizationsClient org(Client(aws, AwsService::kOrganizations, base_));
  Result<std::map<std::string, std::string>> tags = org.ListAccountTags("111111111111", Deadline());
  ASSERT_TRUE(tags.has_value()) << tags.error().ToString();
  EXPECT_EQ(*tags, (std::map<std::string, std::string>{{"slack-destination", "payments"}, {"team", "payments"}}));
  Result<std::vector<std::string>> path = org.OuPath("111111111111", Deadline());
  ASSERT_TRUE(path.has_value()) << path.error().ToString();
  EXPECT_EQ(*path, (std::vector<std::string>{"Workloads", "Prod"}));
  Result<std::vector<std::string>> root_only = org.OuPath("222222222222", Deadline());
  ASSERT_TRUE(root_only.has_value()) << root_only.error().ToString();
  EXPECT_TRUE(root_only->empty());
  Result<std::map<std::string, std::string>> missing = org.ListAccountTags("333333333333", Deadline());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), Code::kNotFound);
  std::vector<std::string> actions;
  for (const nlohmann::json& r : aws.Requests()) {
    EXPECT_EQ(r["verified"], true);
    actions.push_back(r["action"]);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"ListTagsForResource", "ListParents", "DescribeOrganizationalUnit",
                                               "ListParents", "DescribeOrganizationalUnit", "ListParents",
                                               "ListParents", "ListTagsForResource"}));
}

TEST_F(AwsE2eTest, GetParameterAndSecretValue) {
  AwsStandin aws;
  ASSERT_TRUE(aws.ok());
  SsmClient ssm(Client(aws, AwsService::kSsm, base_));
  Result<Secret> p = ssm.GetParameter("/gdslack/webhook", Deadline());
  ASSERT_TRUE(p.has_value()) << p.error().ToString();
  EXPECT_EQ(p->Reveal(), kWebhook);
  SecretsManagerClient sm(Client(aws, AwsService::kSecretsManager, base_));
  Result<Secret> s = sm.GetSecretValue("gdslack/webhook", Deadline());
  ASSERT_TRUE(s.has_value()) << s.error().ToString();
  EXPECT_EQ(SecretUrlField(*s).Reveal(), kWebhook);
  Result<Secret> missing = ssm.GetParameter("/gdslack/nope", Deadline());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code(), Code::kNotFound);
  for (const auto& entry : aws.Requests()) EXPECT_EQ(entry["verified"], true);
  ExpectNoSecrets(aws.RawLog());
}

TEST_F(AwsE2eTest, AssumeRoleChainThenDescribeAccountWithSessionToken) {
  AwsStandin aws;
  ASSERT_TRUE(aws.ok());
  auto resolver = AccountNameResolver::FromEnvironment(Env(aws, {{"ORG_ROLE_ARN", kRoleArn}}), http_,
                                                       SystemClock::Instance(), RealSleeper::Instance(), base_);
  ASSERT_TRUE(resolver.has_value()) << resolver.error().ToString();
  EXPECT_EQ((*resolver)->Lookup("222222222222", Deadline()), "dev");
  EXPECT_EQ((*resolver)->Lookup("111111111111", Deadline()), "prod-payments");  // cached role credentials
  auto log = aws.Requests();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0]["action"], "AssumeRole");
  EXPECT_EQ(log[0]["access_key_id"], kBaseKey);
  for (int i : {1, 2}) {
    EXPECT_EQ(log[i]["action"], "DescribeAccount");
    EXPECT_EQ(log[i]["verified"], true);
    EXPECT_EQ(log[i]["has_session_token"], true);
    EXPECT_EQ(log[i]["access_key_id"].get<std::string>().rfind("ASIA", 0), 0u);
  }
  EXPECT_TRUE(log_lines_.empty());
}

TEST_F(AwsE2eTest, ThrottledThenOk) {
  AwsStandin aws(nlohmann::json::array({{{"action", "DescribeAccount"}, {"fault", "throttle"}, {"times", 2}}}));
  ASSERT_TRUE(aws.ok());
  OrganizationsClient org(Client(aws, AwsService::kOrganizations, base_));
  Result<std::string> name = org.DescribeAccount("111111111111", Deadline());
  ASSERT_TRUE(name.has_value()) << name.error().ToString();
  EXPECT_EQ(org.client().last_attempts(), 3);
  auto log = aws.Requests();
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0]["outcome"], "throttle");
  EXPECT_EQ(log[2]["outcome"], "ok");
}

TEST_F(AwsE2eTest, AccessDeniedExplainsAndIsLoggedOnce) {
  AwsStandin aws(
      nlohmann::json::array({{{"action", "DescribeAccount"}, {"access_key", kDeniedKey}, {"fault", "deny"}}}));
  ASSERT_TRUE(aws.ok());
  StaticCredentialsProvider denied(Creds(kDeniedKey, kDeniedSecret));
  OrganizationsClient org(Client(aws, AwsService::kOrganizations, denied));
  Result<std::string> name = org.DescribeAccount("111111111111", Deadline());
  ASSERT_FALSE(name.has_value());
  EXPECT_EQ(name.error().code(), Code::kPermissionDenied);
  EXPECT_EQ(name.error().message(),
            "organizations:DescribeAccount denied for account 111111111111 (AccessDeniedException): the function's "
            "role needs organizations:DescribeAccount, and the call must come from the management account or a "
            "delegated administrator (or set ORG_ROLE_ARN)");
  EXPECT_EQ(org.client().last_attempts(), 1);  // not retried

  AccountNameResolver resolver({}, &org, SystemClock::Instance());
  EXPECT_EQ(resolver.Lookup("111111111111", Deadline()), "");
  EXPECT_EQ(resolver.Lookup("222222222222", Deadline()), "");
  ASSERT_EQ(log_lines_.size(), 1u);
  EXPECT_NE(log_lines_[0].find("organizations:DescribeAccount denied"), std::string::npos);
  ExpectNoSecrets(log_lines_[0] + name.error().message() + aws.RawLog());
}

TEST_F(AwsE2eTest, AccountNotFound) {
  AwsStandin aws;
  ASSERT_TRUE(aws.ok());
  OrganizationsClient org(Client(aws, AwsService::kOrganizations, base_));
  Result<std::string> name = org.DescribeAccount("333333333333", Deadline());
  ASSERT_FALSE(name.has_value());
  EXPECT_EQ(name.error().code(), Code::kNotFound);
  EXPECT_EQ(
      name.error().message(),
      "organizations:DescribeAccount: account 333333333333 is not in this organization (AccountNotFoundException)");
}

TEST_F(AwsE2eTest, TamperedSignatureIsCaughtByTheStandin) {
  AwsStandin aws;
  ASSERT_TRUE(aws.ok());
  const std::string corrupt = std::string(kBaseSecret) + "x";
  StaticCredentialsProvider wrong(Creds(kBaseKey, corrupt));
  OrganizationsClient org(Client(aws, AwsService::kOrganizations, wrong));
  Result<std::string> name = org.DescribeAccount("111111111111", Deadline());
  ASSERT_FALSE(name.has_value());
  EXPECT_EQ(name.error().code(), Code::kPermissionDenied);
  EXPECT_NE(name.error().message().find("InvalidSignatureException"), std::string::npos) << name.error().message();
  EXPECT_EQ(name.error().message().find(corrupt), std::string::npos);
  ExpectNoSecrets(name.error().message());
  auto log = aws.Requests();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["verified"], false);
  EXPECT_EQ(log[0]["outcome"], "bad_signature");

  StaticCredentialsProvider unknown(Creds("AKIDNOBODY", kBaseSecret));
  SnsClient sns(Client(aws, AwsService::kSns, unknown));
  Result<std::string> id = sns.Publish(kTopic, "m", "s", Deadline());
  ASSERT_FALSE(id.has_value());
  EXPECT_EQ(id.error().code(), Code::kPermissionDenied);
  EXPECT_NE(id.error().message().find("InvalidClientTokenId"), std::string::npos) << id.error().message();
}

TEST_F(AwsE2eTest, PublishAndAssumeRoleDirect) {
  AwsStandin aws;
  ASSERT_TRUE(aws.ok());
  StsClient sts(Client(aws, AwsService::kSts, base_));
  Result<Credentials> role = sts.AssumeRole(kRoleArn, "e2e", 900, Deadline());
  ASSERT_TRUE(role.has_value()) << role.error().ToString();
  ASSERT_TRUE(role->expiration_unix_ms.has_value());
  EXPECT_GT(*role->expiration_unix_ms, SystemClock::Instance().NowUnixMs());
  StaticCredentialsProvider assumed(*role);
  SnsClient sns(Client(aws, AwsService::kSns, assumed));
  Result<std::string> id = sns.Publish(kTopic, "GuardDuty: HIGH finding & <details>", "GuardDuty finding", Deadline());
  ASSERT_TRUE(id.has_value()) << id.error().ToString();
  EXPECT_EQ(id->size(), 36u);
  // Without its session token, the temporary key is refused.
  Credentials no_token = *role;
  no_token.session_token = Secret();
  StaticCredentialsProvider stripped(no_token);
  SnsClient sns2(Client(aws, AwsService::kSns, stripped));
  Result<std::string> refused = sns2.Publish(kTopic, "m", "", Deadline());
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code(), Code::kPermissionDenied);
  ExpectNoSecrets(refused.error().message());
  EXPECT_EQ(refused.error().message().find(role->secret_access_key.Reveal()), std::string::npos);
}

}  // namespace
}  // namespace gdslack

namespace gdslack {
namespace {

// GuardDuty's REST-JSON through the real signer: GET without a body, POSTs with one, each verified by botocore
// and answered from the stand-in's per-Region state.
TEST_F(AwsE2eTest, GuardDutyArchiveListCountAndGet) {
  AwsStandin aws;
  ASSERT_TRUE(aws.ok());
  GuardDutyClient gd(Client(aws, AwsService::kGuardDuty, base_));
  Result<std::string> detector = gd.DetectorId(Deadline());
  ASSERT_TRUE(detector.has_value()) << detector.error().ToString();
  EXPECT_EQ(*detector, kDetector);
  ASSERT_TRUE(gd.ArchiveFindings(*detector, {"f1"}, Deadline()).ok());
  const nlohmann::json open = {{"criterion", {{"service.archived", {{"eq", {"false"}}}}}}};
  auto ids = gd.ListFindingIds(*detector, open, "severity", 50, Deadline());
  ASSERT_TRUE(ids.has_value()) << ids.error().ToString();
  EXPECT_EQ(ids->first, std::vector<std::string>{"f2"});
  auto stats = gd.CountFindings(*detector, FindingGroupBy::kAccount, nullptr, 10, Deadline());
  ASSERT_TRUE(stats.has_value()) << stats.error().ToString();
  EXPECT_EQ(stats->groups.size(), 2u);
  ASSERT_TRUE(gd.UnarchiveFindings(*detector, {"f1"}, Deadline()).ok());
  auto found = gd.GetFindings(*detector, {"f1"}, Deadline());
  ASSERT_TRUE(found.has_value());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0]["service"]["archived"], false);
  for (const nlohmann::json& e : aws.Requests()) {
    EXPECT_EQ(e["verified"], true) << e.dump();
    EXPECT_EQ(e["region"], "eu-west-1");
  }
  Status wrong = gd.ArchiveFindings("00000000000000000000000000000000", {"f1"}, Deadline());
  EXPECT_EQ(wrong.code(), Code::kInvalidInput);
  ExpectNoSecrets(wrong.message());
}

}  // namespace
}  // namespace gdslack
