#include "slack/web_api_client.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"

#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000000;
const std::string kToken = "xoxb-1111-2222-SECRETsecretSECRET";

class SlackWebClientTest : public ::testing::Test {
 protected:
  SlackWebClientTest()
      : clock_(kNow), client_(http_, clock_, clock_, Secret(kToken), "https://slack.com/api", {}, [] { return 0.0; }) {}
  FakeHttpClient http_;
  FakeClock clock_;
  SlackWebClient client_;
};

TEST_F(SlackWebClientTest, PostsJsonWithBearerToken) {
  http_.Push(200, R"({"ok":true,"channel":"C123","ts":"1700000000.000100","message":{}})");
  SlackCallResult r = client_.Call("chat.postMessage", {{"channel", "C123"}, {"text", "hi"}}, kNow + 10000);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.reply["ts"], "1700000000.000100");
  const HttpRequest& req = http_.requests().at(0);
  EXPECT_EQ(req.url, "https://slack.com/api/chat.postMessage");
  EXPECT_EQ(req.headers,
            (HttpHeaders{{"Content-Type", "application/json; charset=utf-8"}, {"Authorization", "Bearer " + kToken}}));
  EXPECT_EQ(nlohmann::json::parse(req.body), (nlohmann::json{{"channel", "C123"}, {"text", "hi"}}));
}

TEST_F(SlackWebClientTest, RateLimitedWaitsRetryAfter) {
  http_.Push(429, R"({"ok":false,"error":"ratelimited"})", {{"Retry-After", "3"}});
  http_.Push(200, R"({"ok":true,"channel":"C1","ts":"1.2"})");
  SlackCallResult r = client_.Call("chat.update", {{"channel", "C1"}, {"ts", "1.2"}}, kNow + 60000);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(clock_.total_slept_ms(), 3000);
}

TEST_F(SlackWebClientTest, StillRateLimitedIsThrottled) {
  for (int i = 0; i < 5; ++i) http_.Push(429, R"({"ok":false,"error":"ratelimited"})", {{"Retry-After", "1"}});
  SlackCallResult r = client_.Call("chat.postMessage", {{"text", "x"}}, kNow + 60000);
  EXPECT_EQ(r.status.code(), Code::kThrottled);
  EXPECT_EQ(r.attempts, 5);
}

TEST_F(SlackWebClientTest, OkFalseErrorsArePermanentWithHints) {
  struct Case {
    const char* error;
    Code code;
    const char* hint;
  };
  for (const Case& c :
       {Case{"channel_not_found", Code::kNotFound, "SLACK_CHANNEL"},
        Case{"not_in_channel", Code::kPermissionDenied, "/invite"},
        Case{"invalid_auth", Code::kPermissionDenied, "SLACK_BOT_TOKEN"},
        Case{"missing_scope", Code::kPermissionDenied, "chat:write"},
        Case{"msg_too_long", Code::kInvalidInput, "our bug"}, Case{"message_not_found", Code::kNotFound, "gone"}}) {
    http_.Push(200, std::string(R"({"ok":false,"error":")") + c.error + "\"}");
    SlackCallResult r = client_.Call("chat.postMessage", {{"text", "x"}}, kNow + 60000);
    EXPECT_EQ(r.status.code(), c.code) << c.error;
    EXPECT_EQ(r.error, c.error);
    EXPECT_NE(r.status.message().find(c.hint), std::string::npos) << r.status.message();
    EXPECT_EQ(r.attempts, 1);
  }
}

TEST_F(SlackWebClientTest, ServerErrorsAndTransportAreRetried) {
  http_.Push(503, "upstream");
  http_.PushError(Status(Code::kUnavailable, "connection reset by slack.com"));
  http_.Push(200, R"({"ok":false,"error":"internal_error"})");
  http_.Push(200, R"({"ok":true,"ts":"9.9"})");
  SlackCallResult r = client_.Call("chat.postMessage", {{"text", "x"}}, kNow + 60000);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.attempts, 4);
}

TEST_F(SlackWebClientTest, TokenNeverInMessages) {
  http_.PushError(Status(Code::kInvalidInput, "bad header Bearer " + kToken));
  SlackCallResult r = client_.Call("chat.postMessage", {{"text", "x"}}, kNow + 60000);
  EXPECT_FALSE(r.status.ok());
  EXPECT_EQ(r.status.message().find(kToken), std::string::npos);
  http_.Push(200, R"({"ok":false,"error":")" + kToken + R"("})");
  r = client_.Call("chat.postMessage", {{"text", "x"}}, kNow + 60000);
  EXPECT_EQ(r.status.message().find(kToken), std::string::npos);
  EXPECT_EQ(r.error.find(kToken), std::string::npos);
}

TEST_F(SlackWebClientTest, DeadlineStopsRetries) {
  http_.Push(429, R"({"ok":false,"error":"ratelimited"})", {{"Retry-After", "30"}});
  SlackCallResult r = client_.Call("chat.postMessage", {{"text", "x"}}, kNow + 5000);
  EXPECT_EQ(r.status.code(), Code::kTimeout);
  EXPECT_EQ(clock_.total_slept_ms(), 0);
}

}  // namespace
}  // namespace gdslack
