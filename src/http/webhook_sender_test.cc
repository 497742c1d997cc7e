#include "http/webhook_sender.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/fake_clock.h"
#include "base/log.h"
#include "http/fake_http_client.h"

namespace gdslack {
namespace {

constexpr const char* kUrl = "https://hooks.slack.com/services/T000/B000/XXXXsecretXXXX";
constexpr const char* kSecretPart = "XXXXsecretXXXX";
constexpr int64_t kStart = 1700000000000;
constexpr const char* kPayload = R"({"text":"hello"})";

RandomSource Half() {
  return [] { return 0.5; };
}

// Captures log lines so every test can assert that none shows the webhook URL.
class WebhookSenderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SetLogSink([this](const std::string& line) { log_lines_.push_back(line); });
  }
  void TearDown() override {
    SetLogSink(nullptr);
    for (const std::string& line : log_lines_) EXPECT_EQ(line.find(kSecretPart), std::string::npos) << line;
  }

  DeliveryResult Deliver(HttpClient& http, int64_t budget_ms = 30000, RetryPolicy options = {}) {
    WebhookSender sender(http, clock_, clock_, Secret(kUrl), options, Half());
    DeliveryResult r = sender.Deliver(kPayload, kStart + budget_ms);
    EXPECT_EQ(r.status.message().find(kSecretPart), std::string::npos) << r.status.message();
    EXPECT_EQ(r.slack_error.find(kSecretPart), std::string::npos) << r.slack_error;
    EXPECT_LE(clock_.NowUnixMs(), kStart + budget_ms) << "slept past the deadline";
    return r;
  }

  FakeClock clock_{kStart};
  FakeHttpClient http_;
  std::vector<std::string> log_lines_;
};

TEST_F(WebhookSenderTest, DeliversOnFirst200) {
  http_.Push(200, "ok", {{"Content-Type", "text/html"}});
  DeliveryResult r = Deliver(http_);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.slack_error, "ok");
  EXPECT_EQ(r.latency_ms, 0);
  ASSERT_EQ(http_.requests().size(), 1u);
  const HttpRequest& req = http_.requests()[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.url, kUrl);
  EXPECT_EQ(req.body, kPayload);
  EXPECT_EQ(req.timeout_ms, 5000);
  ASSERT_EQ(req.headers.size(), 1u);
  EXPECT_EQ(req.headers[0].first, "Content-Type");
  EXPECT_EQ(req.headers[0].second, "application/json");
  EXPECT_EQ(clock_.total_slept_ms(), 0);
}

TEST_F(WebhookSenderTest, RetriesServerErrorsThenSucceeds) {
  http_.Push(500, "rollup_error");
  http_.Push(503, "");
  http_.Push(200, "ok");
  DeliveryResult r = Deliver(http_);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(r.http_status, 200);
  // Full jitter at 0.5: 100 ms after the first failure, 200 ms after the second.
  EXPECT_EQ(clock_.total_slept_ms(), 300);
  EXPECT_EQ(r.latency_ms, 300);
  EXPECT_EQ(log_lines_.size(), 2u);
}

TEST_F(WebhookSenderTest, Honours429RetryAfter) {
  http_.Push(429, "rate_limited", {{"Retry-After", "2"}});
  http_.Push(200, "ok");
  DeliveryResult r = Deliver(http_);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.attempts, 2);
  EXPECT_GE(clock_.total_slept_ms(), 2000);
  EXPECT_LE(clock_.total_slept_ms(), 2500);
}

TEST_F(WebhookSenderTest, InvalidBlocksIsPermanentAndOurBug) {
  http_.Push(400, "invalid_blocks");
  http_.Push(200, "ok");
  DeliveryResult r = Deliver(http_);
  EXPECT_EQ(r.status.code(), Code::kInvalidInput);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at hooks.slack.com rejected the message: 400 invalid_blocks (Slack refused the message "
            "format: our bug; report it)");
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.http_status, 400);
  EXPECT_EQ(r.slack_error, "invalid_blocks");
  EXPECT_EQ(http_.remaining(), 1u);
  EXPECT_EQ(clock_.total_slept_ms(), 0);
}

TEST_F(WebhookSenderTest, ChannelNotFoundAndNoServiceArePermanentNotFound) {
  for (const char* error : {"channel_not_found", "no_service"}) {
    FakeHttpClient http;
    http.Push(404, error);
    DeliveryResult r = Deliver(http);
    EXPECT_EQ(r.status.code(), Code::kNotFound);
    EXPECT_EQ(r.status.message(), std::string("Slack webhook at hooks.slack.com rejected the message: 404 ") + error +
                                      " (the webhook was revoked or the channel deleted; create a new webhook)");
    EXPECT_EQ(r.attempts, 1);
    EXPECT_EQ(r.slack_error, error);
  }
}

TEST_F(WebhookSenderTest, ArchivedChannelIsPermanent) {
  http_.Push(410, "channel_is_archived");
  DeliveryResult r = Deliver(http_);
  EXPECT_EQ(r.status.code(), Code::kNotFound);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at hooks.slack.com rejected the message: 410 channel_is_archived (the channel is "
            "archived; unarchive it or create a webhook for another channel)");
  EXPECT_EQ(r.attempts, 1);
}

TEST_F(WebhookSenderTest, ForbiddenIsPermissionDenied) {
  http_.Push(403, "invalid_token");
  DeliveryResult r = Deliver(http_);
  EXPECT_EQ(r.status.code(), Code::kPermissionDenied);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at hooks.slack.com rejected the message: 403 invalid_token (Slack does not accept this "
            "webhook's token; check the Slack app or create a new webhook)");
  FakeHttpClient http;
  http.Push(403, "action_prohibited");
  EXPECT_EQ(Deliver(http).status.code(), Code::kPermissionDenied);
}

TEST_F(WebhookSenderTest, RedirectIsNotFollowed) {
  http_.Push(302, "", {{"Location", "https://elsewhere.example/"}});
  DeliveryResult r = Deliver(http_);
  EXPECT_EQ(r.status.code(), Code::kConfig);
  EXPECT_EQ(r.attempts, 1);
}

TEST_F(WebhookSenderTest, TransportResetIsRetried) {
  http_.PushError(
      Status(Code::kUnavailable, "POST to hooks.slack.com failed: Failure when receiving data from the peer"));
  http_.Push(200, "ok");
  DeliveryResult r = Deliver(http_);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.attempts, 2);
}

TEST_F(WebhookSenderTest, OutOfAttemptsOnServerErrors) {
  for (int i = 0; i < 5; ++i) http_.Push(500, "rollup_error");
  DeliveryResult r = Deliver(http_);
  EXPECT_EQ(r.status.code(), Code::kUnavailable);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at hooks.slack.com failed after 5 attempts; last: 500 rollup_error (Slack-side trouble; "
            "retry later)");
  EXPECT_EQ(r.attempts, 5);
  EXPECT_EQ(http_.requests().size(), 5u);
}

TEST_F(WebhookSenderTest, OutOfAttemptsOnTransportErrors) {
  for (int i = 0; i < 5; ++i) {
    http_.PushError(Status(Code::kUnavailable, "POST to hooks.slack.com failed: Couldn't connect to server"));
  }
  DeliveryResult r = Deliver(http_);
  EXPECT_EQ(r.status.code(), Code::kUnavailable);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at hooks.slack.com failed after 5 attempts; last: POST to hooks.slack.com failed: "
            "Couldn't connect to server (check network access to hooks.slack.com; retry later)");
  EXPECT_EQ(r.http_status, 0);
}

TEST_F(WebhookSenderTest, OutOfAttemptsWhileRateLimited) {
  RetryPolicy options;
  options.max_attempts = 2;
  http_.Push(429, "rate_limited", {{"Retry-After", "1"}});
  http_.Push(429, "rate_limited", {{"Retry-After", "1"}});
  DeliveryResult r = Deliver(http_, 30000, options);
  EXPECT_EQ(r.status.code(), Code::kThrottled);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at hooks.slack.com still rate-limited after 2 attempts: 429 rate_limited (send less "
            "often: Slack allows about 1 message per second per webhook)");
}

// A peer that never answers: each attempt uses its whole timeout.
class StallingClient : public HttpClient {
 public:
  explicit StallingClient(FakeClock& clock) : clock_(clock) {}
  Result<HttpResponse> Send(const HttpRequest& request) override {
    timeouts.push_back(request.timeout_ms);
    clock_.Advance(request.timeout_ms);
    return Status(Code::kTimeout, "POST to hooks.slack.com failed: Timeout was reached");
  }
  std::vector<int64_t> timeouts;

 private:
  FakeClock& clock_;
};

TEST_F(WebhookSenderTest, StallsStopAtTheDeadline) {
  StallingClient http(clock_);
  DeliveryResult r = Deliver(http, 12000);
  EXPECT_EQ(r.status.code(), Code::kTimeout);
  EXPECT_EQ(clock_.NowUnixMs(), kStart + 12000);
  // 5000 ms, 100 ms backoff, 5000 ms, 200 ms backoff, then only 1700 ms are left for the third attempt.
  EXPECT_EQ(http.timeouts, (std::vector<int64_t>{5000, 5000, 1700}));
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at hooks.slack.com: deadline reached after 3 attempt(s) (next retry in 400 ms would "
            "pass it); last: POST to hooks.slack.com failed: Timeout was reached");
}

TEST_F(WebhookSenderTest, RetryAfterBeyondDeadlineStopsWithoutSleeping) {
  http_.Push(429, "rate_limited", {{"Retry-After", "30"}});
  http_.Push(200, "ok");
  DeliveryResult r = Deliver(http_, 10000);
  EXPECT_EQ(r.status.code(), Code::kTimeout);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(clock_.total_slept_ms(), 0);
  EXPECT_EQ(r.http_status, 429);
  EXPECT_EQ(r.status.message(),
            "Slack webhook at hooks.slack.com: deadline reached after 1 attempt(s) (next retry in 30250 ms would "
            "pass it); last: 429 rate_limited");
}

TEST_F(WebhookSenderTest, BackoffNeverSleepsPastTheDeadline) {
  RetryPolicy options;
  options.max_attempts = 100;
  options.base_ms = 1000;
  options.cap_ms = 60000;
  for (int i = 0; i < 100; ++i) http_.Push(500, "");
  DeliveryResult r = Deliver(http_, 3000, options);
  EXPECT_EQ(r.status.code(), Code::kTimeout);
  EXPECT_LE(clock_.total_slept_ms(), 3000);
  // Waits of 500 and 1000 ms fit; the next 2000 ms would not.
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(clock_.total_slept_ms(), 1500);
}

TEST_F(WebhookSenderTest, DeadlineAlreadyPassed) {
  DeliveryResult r = Deliver(http_, 0);
  EXPECT_EQ(r.status.code(), Code::kTimeout);
  EXPECT_EQ(r.attempts, 0);
  EXPECT_TRUE(http_.requests().empty());
}

// Regression (issue 9): a Retry-After of 10+ digits was read as "no header" and waited the 1 s default.
TEST_F(WebhookSenderTest, HugeRetryAfterIsClampedNotShortened) {
  http_.Push(429, "rate_limited", {{"Retry-After", "99999999999999999999"}});
  http_.Push(200, "ok");
  DeliveryResult r = Deliver(http_, 200000);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(clock_.total_slept_ms(), 60000 + 250);  // retry_after_max_ms + half the jitter
}

// Regression (issue 9): an HTTP-date Retry-After (RFC 9110 10.2.3) was ignored (1 s default).
TEST_F(WebhookSenderTest, HttpDateRetryAfterIsHonoured) {
  // kStart is 2023-11-14T22:13:20Z; Slack asks to come back 30 s later.
  http_.Push(429, "rate_limited", {{"Retry-After", "Tue, 14 Nov 2023 22:13:50 GMT"}});
  http_.Push(200, "ok");
  DeliveryResult r = Deliver(http_, 60000);
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(clock_.total_slept_ms(), 30000 + 250);
}

// Regression (issue 9): the first attempt started even with 3 ms left, bound to time out mid-request.
TEST_F(WebhookSenderTest, NoFirstAttemptWithoutTimeForOne) {
  http_.Push(200, "ok");
  DeliveryResult r = Deliver(http_, 3);
  EXPECT_EQ(r.status.code(), Code::kTimeout);
  EXPECT_EQ(r.attempts, 0);
  EXPECT_TRUE(http_.requests().empty());
  EXPECT_EQ(r.status.message(),
            "Slack webhook at hooks.slack.com: 3 ms left before the deadline, less than an attempt needs (100 ms); "
            "not attempted");
}

TEST_F(WebhookSenderTest, EmptyUrlIsConfigError) {
  WebhookSender sender(http_, clock_, clock_, Secret(""));
  DeliveryResult r = sender.Deliver(kPayload, kStart + 1000);
  EXPECT_EQ(r.status.code(), Code::kConfig);
  EXPECT_TRUE(http_.requests().empty());
}

TEST_F(WebhookSenderTest, NeverShowsTheUrlEvenWhenPeersEchoIt) {
  // A proxy error page that echoes the URL, and a transport layer that breaks its promise.
  http_.Push(502, std::string("<html>bad gateway for ") + kUrl + "</html>");
  http_.PushError(Status(Code::kUnavailable, std::string("failed: ") + kUrl));
  http_.PushError(Status(Code::kUnavailable, "failed: /services/T000/B000/XXXXsecretXXXX"));
  http_.Push(404, std::string("no_service ") + kUrl);
  DeliveryResult r = Deliver(http_);
  EXPECT_EQ(r.status.code(), Code::kNotFound);
  EXPECT_EQ(r.attempts, 4);
  EXPECT_NE(r.status.message().find("hooks.slack.com"), std::string::npos);
}

TEST(SanitizeSlackErrorTest, TrimsReplacesAndCaps) {
  EXPECT_EQ(SanitizeSlackError("  invalid_blocks\n", ""), "invalid_blocks");
  EXPECT_EQ(SanitizeSlackError("bad\x01\xff"
                               "byte",
                               ""),
            "bad??byte");
  EXPECT_EQ(SanitizeSlackError(std::string(500, 'a'), "").size(), 100u);
  EXPECT_EQ(SanitizeSlackError("x /services/T/B/secretpath y", "/services/T/B/secretpath"), "x *** y");
  // A cut in the middle of the secret leaves none of it.
  const std::string body = std::string(90, 'a') + "/services/T/B/secretpath";
  EXPECT_EQ(SanitizeSlackError(body, "/services/T/B/secretpath"), std::string(90, 'a') + "***");
}

}  // namespace
}  // namespace gdslack
