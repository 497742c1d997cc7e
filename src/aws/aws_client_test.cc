#include "aws/aws_client.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1440938160000;  // 2015-08-30T12:36:00Z

class AwsClientTest : public ::testing::Test {
 protected:
  AwsClientTest() : clock_(kNow), provider_(MakeCreds()) {}
  static Credentials MakeCreds() {
    Credentials c;
    c.access_key_id = "ASIAEXAMPLE";
    c.secret_access_key = Secret("secretSECRETsecret1234");
    c.session_token = Secret("tokenTOKENtoken5678");
    return c;
  }
  AwsClient Client(RetryPolicy policy = AwsStandardRetryPolicy()) {
    return AwsClient(http_, clock_, clock_, provider_,
                     Endpoint{"https://ssm.eu-west-1.amazonaws.com", "eu-west-1", "ssm"}, policy, [] { return 0.5; });
  }
  static std::string Find(const HttpRequest& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "<absent>";
  }
  FakeHttpClient http_;
  FakeClock clock_;
  StaticCredentialsProvider provider_;
};

TEST_F(AwsClientTest, JsonCallIsSignedWithTargetAndToken) {
  http_.Push(200, R"({"ok":true})");
  AwsClient c = Client();
  Result<std::string> r = c.CallJson("AmazonSSM.GetParameter", R"({"Name":"x"})", kNow + 5000);
  ASSERT_TRUE(r.has_value()) << r.error().message();
  EXPECT_EQ(*r, R"({"ok":true})");
  ASSERT_EQ(http_.requests().size(), 1u);
  const HttpRequest& req = http_.requests()[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, "https://ssm.eu-west-1.amazonaws.com/");
  EXPECT_EQ(Find(req, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(Find(req, "X-Amz-Target"), "AmazonSSM.GetParameter");
  EXPECT_EQ(Find(req, "X-Amz-Security-Token"), "tokenTOKENtoken5678");
  EXPECT_EQ(Find(req, "X-Amz-Date"), "20150830T123600Z");
  EXPECT_EQ(Find(req, "Authorization")
                .rfind("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20150830/eu-west-1/ssm/aws4_request, "
                       "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=",
                       0),
            0u);
  EXPECT_LE(req.timeout_ms, 5000);
}

TEST_F(AwsClientTest, QueryCallIsFormEncoded) {
  http_.Push(200, "<ok/>");
  AwsClient c = Client();
  ASSERT_TRUE(c.CallQuery("Publish", "2010-03-31", {{"Message", "a b&c=d/é"}}, kNow + 5000).has_value());
  const HttpRequest& req = http_.requests()[0];
  EXPECT_EQ(req.body, "Action=Publish&Version=2010-03-31&Message=a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_EQ(Find(req, "Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
}

TEST_F(AwsClientTest, RetriesThrottlingThenSucceeds) {
  http_.Push(400, R"({"__type":"ThrottlingException","message":"Rate exceeded"})");
  http_.Push(503, "");
  http_.Push(200, "{}");
  AwsClient c = Client();
  ASSERT_TRUE(c.CallJson("AmazonSSM.GetParameter", "{}", kNow + 60000).has_value());
  EXPECT_EQ(c.last_attempts(), 3);
  EXPECT_LE(clock_.total_slept_ms(), 100 + 200);
}

TEST_F(AwsClientTest, GivesUpAfterThreeAttempts) {
  for (int i = 0; i < 3; ++i) http_.Push(400, R"({"__type":"ThrottlingException","message":"Rate exceeded"})");
  AwsClient c = Client();
  Result<std::string> r = c.CallJson("AmazonSSM.GetParameter", "{}", kNow + 60000);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::kThrottled);
  EXPECT_EQ(r.error().message(), "ssm:GetParameter failed: ThrottlingException: Rate exceeded (HTTP 400)");
  EXPECT_EQ(c.last_error_code(), "ThrottlingException");
  EXPECT_EQ(http_.remaining(), 0u);
}

TEST_F(AwsClientTest, TransportErrorsAreRetried) {
  http_.PushError(Status(Code::kUnavailable, "connection refused"));
  http_.Push(200, "{}");
  AwsClient c = Client();
  ASSERT_TRUE(c.CallJson("AmazonSSM.GetParameter", "{}", kNow + 60000).has_value());
  EXPECT_EQ(c.last_attempts(), 2);
}

TEST_F(AwsClientTest, DoesNotRetryClientErrors) {
  http_.Push(400, R"({"__type":"com.amazon#AccessDeniedException","message":"no"})");
  http_.Push(200, "{}");
  AwsClient c = Client();
  Result<std::string> r = c.CallJson("AmazonSSM.GetParameter", "{}", kNow + 60000);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::kPermissionDenied);
  EXPECT_EQ(c.last_attempts(), 1);
}

TEST_F(AwsClientTest, DeadlineBoundsRetries) {
  http_.Push(500, "");
  http_.Push(500, "");
  RetryPolicy policy = AwsStandardRetryPolicy();
  policy.base_ms = policy.cap_ms = 1000;
  AwsClient c = Client(policy);
  // 150 ms left: one attempt fits (its timeout capped to them), a 500 ms wait after it does not.
  Result<std::string> r = c.CallJson("AmazonSSM.GetParameter", "{}", kNow + 150);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code(), Code::kUnavailable);
  EXPECT_EQ(http_.requests()[0].timeout_ms, 150);
  EXPECT_EQ(clock_.total_slept_ms(), 0);
  Result<std::string> late = c.CallJson("AmazonSSM.GetParameter", "{}", kNow - 1);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code(), Code::kTimeout);
}

// Regression (issue 9, shared policy): with less time left than an attempt needs, none starts.
TEST_F(AwsClientTest, NoAttemptWithoutTimeForOne) {
  http_.Push(200, "{}");
  AwsClient c = Client();
  Result<std::string> r = c.CallJson("AmazonSSM.GetParameter", "{}", kNow + 3);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().ToString(), "Timeout: ssm:GetParameter not attempted: 3 ms left before the deadline");
  EXPECT_TRUE(http_.requests().empty());
}

TEST_F(AwsClientTest, ErrorMessagesNeverCarryCredentials) {
  http_.Push(
      403, R"({"__type":"InvalidSignatureException","message":"bad tokenTOKENtoken5678 and secretSECRETsecret1234"})");
  AwsClient c = Client();
  Result<std::string> r = c.CallJson("AmazonSSM.GetParameter", "{}", kNow + 1000);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message(), "ssm:GetParameter failed: InvalidSignatureException: bad *** and *** (HTTP 403)");
}

}  // namespace
}  // namespace gdslack
