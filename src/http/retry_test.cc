#include "http/retry.h"

#include <gtest/gtest.h>

#include <vector>

#include "base/fake_clock.h"

namespace gdslack {
namespace {

Result<HttpResponse> Answer(long status, HttpHeaders headers = {}) {
  HttpResponse r;
  r.status = status;
  r.headers = std::move(headers);
  return r;
}

RandomSource Fixed(double value) {
  return [value] { return value; };
}

TEST(ClassifyTest, SuccessRetryPermanent) {
  EXPECT_EQ(Classify(Answer(200)), RetryDecision::kSuccess);
  EXPECT_EQ(Classify(Answer(204)), RetryDecision::kSuccess);
  EXPECT_EQ(Classify(Answer(429)), RetryDecision::kRetry);
  EXPECT_EQ(Classify(Answer(500)), RetryDecision::kRetry);
  EXPECT_EQ(Classify(Answer(503)), RetryDecision::kRetry);
  for (long s : {301L, 302L, 400L, 401L, 403L, 404L, 410L, 413L}) {
    EXPECT_EQ(Classify(Answer(s)), RetryDecision::kPermanent) << s;
  }
}

TEST(ClassifyTest, TransportErrors) {
  EXPECT_EQ(Classify(Result<HttpResponse>(Code::kUnavailable, "reset")), RetryDecision::kRetry);
  EXPECT_EQ(Classify(Result<HttpResponse>(Code::kTimeout, "slow")), RetryDecision::kRetry);
  EXPECT_EQ(Classify(Result<HttpResponse>(Code::kConfig, "bad url")), RetryDecision::kPermanent);
  EXPECT_EQ(Classify(Result<HttpResponse>(Code::kInternal, "bug")), RetryDecision::kPermanent);
}

TEST(BackoffTest, ExponentialWithFullJitterIsCapped) {
  Backoff max_backoff(RetryPolicy{}, Fixed(0.999999));
  EXPECT_EQ(max_backoff.ExponentialMs(1), 199);
  EXPECT_EQ(max_backoff.ExponentialMs(2), 399);
  EXPECT_EQ(max_backoff.ExponentialMs(3), 799);
  EXPECT_EQ(max_backoff.ExponentialMs(6), 4999);
  EXPECT_EQ(max_backoff.ExponentialMs(60), 4999);  // no overflow
  Backoff half(RetryPolicy{}, Fixed(0.5));
  EXPECT_EQ(half.ExponentialMs(1), 100);
  Backoff zero(RetryPolicy{}, Fixed(0.0));
  EXPECT_EQ(zero.ExponentialMs(4), 0);
  Backoff wild(RetryPolicy{}, Fixed(7.0));  // a bad source cannot exceed the ceiling
  EXPECT_EQ(wild.ExponentialMs(1), 200);
}

// 1700000000000 ms is 2023-11-14T22:13:20Z.
constexpr int64_t kNow = 1700000000000;

TEST(BackoffTest, RetryAfterHonouredWithJitter) {
  Backoff none(RetryPolicy{}, Fixed(0.0));
  EXPECT_EQ(none.RetryAfterMs("2", kNow), 2000);
  EXPECT_EQ(none.RetryAfterMs(" 30 ", kNow), 30000);
  EXPECT_EQ(none.RetryAfterMs("", kNow), 1000);
  EXPECT_EQ(none.RetryAfterMs("soon", kNow), 1000);
  EXPECT_EQ(none.RetryAfterMs("-3", kNow), 1000);
  EXPECT_EQ(none.RetryAfterMs("1.5", kNow), 1000);
  EXPECT_EQ(none.RetryAfterMs("99999", kNow), 60000);
  Backoff half(RetryPolicy{}, Fixed(0.5));
  EXPECT_EQ(half.RetryAfterMs("2", kNow), 2250);
}

// Regression (issue 9): more than 9 digits meant "no header" (1 s); it means "very long": clamp it.
TEST(BackoffTest, LongRetryAfterIsClamped) {
  Backoff none(RetryPolicy{}, Fixed(0.0));
  EXPECT_EQ(none.RetryAfterMs("1234567890", kNow), 60000);
  EXPECT_EQ(none.RetryAfterMs("99999999999999999999999999", kNow), 60000);
}

// Regression (issue 9): the HTTP-date form (RFC 9110 10.2.3) was ignored.
TEST(BackoffTest, HttpDateRetryAfterIsHonoured) {
  Backoff none(RetryPolicy{}, Fixed(0.0));
  EXPECT_EQ(none.RetryAfterMs("Tue, 14 Nov 2023 22:13:50 GMT", kNow), 30000);
  // The obsolete forms recipients must accept: RFC 850 and asctime.
  EXPECT_EQ(none.RetryAfterMs("Tuesday, 14-Nov-23 22:13:25 GMT", kNow), 5000);
  EXPECT_EQ(none.RetryAfterMs("Tue Nov 14 22:13:22 2023", kNow), 2000);
  // A date in the past: retry now. A date an hour away: clamped.
  EXPECT_EQ(none.RetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT", kNow), 0);
  EXPECT_EQ(none.RetryAfterMs("Tue, 14 Nov 2023 23:13:20 GMT", kNow), 60000);
}

TEST(BackoffTest, ParseRetryAfterSeconds) {
  EXPECT_EQ(ParseRetryAfterSeconds("0"), 0);
  EXPECT_EQ(ParseRetryAfterSeconds("17"), 17);
  EXPECT_EQ(ParseRetryAfterSeconds(" 17\r\n"), 17);
  EXPECT_EQ(ParseRetryAfterSeconds(""), -1);
  EXPECT_EQ(ParseRetryAfterSeconds("1.5"), -1);
  EXPECT_EQ(ParseRetryAfterSeconds("+5"), -1);
  EXPECT_EQ(ParseRetryAfterSeconds("12345678901234"), kMaxRetryAfterSeconds);
}

TEST(OutcomeOfTest, CarriesRetryAfterOnlyFor429) {
  EXPECT_EQ(OutcomeOf(Answer(429, {{"Retry-After", "3"}})).retry_after, "3");
  EXPECT_EQ(OutcomeOf(Answer(429)).retry_after, "");
  EXPECT_FALSE(OutcomeOf(Answer(503, {{"Retry-After", "3"}})).retry_after.has_value());
  EXPECT_FALSE(OutcomeOf(Result<HttpResponse>(Code::kUnavailable, "reset")).retry_after.has_value());
  EXPECT_EQ(OutcomeOf(Answer(503)).decision, RetryDecision::kRetry);
}

TEST(DeadlineTest, WaitFitsDeadline) {
  EXPECT_TRUE(WaitFitsDeadline(1000, 500, 2000, 100));
  EXPECT_FALSE(WaitFitsDeadline(1000, 900, 2000, 100));
  EXPECT_FALSE(WaitFitsDeadline(1000, 2000, 2000, 0));
  EXPECT_FALSE(WaitFitsDeadline(2000, 0, 2000, 0));
  EXPECT_TRUE(WaitFitsDeadline(2000, 1000000, kNoDeadline, 100));
}

AttemptOutcome Outcome(RetryDecision d) {
  AttemptOutcome o;
  o.decision = d;
  return o;
}

TEST(RetrierTest, RetriesTransientFailuresWithBackoffUntilSuccess) {
  FakeClock clock(kNow);
  Retrier retrier(clock, clock, RetryPolicy{}, Fixed(0.999999));
  std::vector<int64_t> timeouts;
  std::vector<int64_t> waits;
  const RetryRun run = retrier.Run(
      kNow + 30000,
      [&](int attempt, int64_t timeout_ms) {
        timeouts.push_back(timeout_ms);
        return Outcome(attempt < 3 ? RetryDecision::kRetry : RetryDecision::kSuccess);
      },
      [&](int, int64_t wait_ms) { waits.push_back(wait_ms); });
  EXPECT_EQ(run.end, RetryEnd::kSuccess);
  EXPECT_EQ(run.attempts, 3);
  EXPECT_EQ(waits, (std::vector<int64_t>{199, 399}));
  EXPECT_EQ(clock.total_slept_ms(), 199 + 399);
  EXPECT_EQ(timeouts, (std::vector<int64_t>{5000, 5000, 5000}));
}

TEST(RetrierTest, PermanentStopsAtOnce) {
  FakeClock clock(kNow);
  Retrier retrier(clock, clock, RetryPolicy{}, Fixed(0.5));
  const RetryRun run = retrier.Run(kNow + 30000, [](int, int64_t) { return Outcome(RetryDecision::kPermanent); });
  EXPECT_EQ(run.end, RetryEnd::kPermanent);
  EXPECT_EQ(run.attempts, 1);
  EXPECT_EQ(clock.total_slept_ms(), 0);
}

TEST(RetrierTest, AttemptsRunOut) {
  FakeClock clock(kNow);
  RetryPolicy policy;
  policy.max_attempts = 3;
  Retrier retrier(clock, clock, policy, Fixed(0.0));
  const RetryRun run = retrier.Run(kNow + 30000, [](int, int64_t) { return Outcome(RetryDecision::kRetry); });
  EXPECT_EQ(run.end, RetryEnd::kAttemptsExhausted);
  EXPECT_EQ(run.attempts, 3);
}

TEST(RetrierTest, AttemptTimeoutIsCappedByTheTimeLeft) {
  FakeClock clock(kNow);
  Retrier retrier(clock, clock, RetryPolicy{}, Fixed(0.0));
  int64_t timeout = 0;
  (void)retrier.Run(kNow + 1234, [&](int, int64_t timeout_ms) {
    timeout = timeout_ms;
    return Outcome(RetryDecision::kSuccess);
  });
  EXPECT_EQ(timeout, 1234);
}

TEST(RetrierTest, RetryAfterDrivesTheWaitAndTheDeadlineStopsIt) {
  FakeClock clock(kNow);
  Retrier retrier(clock, clock, RetryPolicy{}, Fixed(0.0));
  const RetryRun run = retrier.Run(kNow + 10000, [](int, int64_t) {
    AttemptOutcome o = Outcome(RetryDecision::kRetry);
    o.retry_after = "20";
    return o;
  });
  EXPECT_EQ(run.end, RetryEnd::kDeadline);
  EXPECT_EQ(run.attempts, 1);
  EXPECT_EQ(run.next_wait_ms, 20000);
  EXPECT_EQ(clock.total_slept_ms(), 0);
}

// Regression (issue 9): no attempt starts with less than min_attempt_ms before the deadline.
TEST(RetrierTest, NoFirstAttemptWithoutTimeForOne) {
  FakeClock clock(kNow);
  Retrier retrier(clock, clock, RetryPolicy{}, Fixed(0.0));
  int calls = 0;
  const RetryRun run = retrier.Run(kNow + 3, [&](int, int64_t) {
    ++calls;
    return Outcome(RetryDecision::kSuccess);
  });
  EXPECT_EQ(run.end, RetryEnd::kNoTimeToStart);
  EXPECT_EQ(run.attempts, 0);
  EXPECT_EQ(run.time_left_ms, 3);
  EXPECT_EQ(calls, 0);
}

TEST(RetrierTest, NoDeadlineMeansNoTimeout) {
  FakeClock clock(kNow);
  RetryPolicy policy;
  policy.attempt_timeout_ms = 0;
  Retrier retrier(clock, clock, policy, Fixed(0.0));
  int64_t timeout = -1;
  (void)retrier.Run(kNoDeadline, [&](int, int64_t timeout_ms) {
    timeout = timeout_ms;
    return Outcome(RetryDecision::kSuccess);
  });
  EXPECT_EQ(timeout, 0);
}

}  // namespace
}  // namespace gdslack
