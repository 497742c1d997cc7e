#include "http/retry.h"

#include <gtest/gtest.h>

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
  Backoff max_backoff(BackoffOptions{}, Fixed(0.999999));
  EXPECT_EQ(max_backoff.ExponentialMs(1), 199);
  EXPECT_EQ(max_backoff.ExponentialMs(2), 399);
  EXPECT_EQ(max_backoff.ExponentialMs(3), 799);
  EXPECT_EQ(max_backoff.ExponentialMs(6), 4999);
  EXPECT_EQ(max_backoff.ExponentialMs(60), 4999);  // no overflow
  Backoff half(BackoffOptions{}, Fixed(0.5));
  EXPECT_EQ(half.ExponentialMs(1), 100);
  Backoff zero(BackoffOptions{}, Fixed(0.0));
  EXPECT_EQ(zero.ExponentialMs(4), 0);
  Backoff wild(BackoffOptions{}, Fixed(7.0));  // a bad source cannot exceed the ceiling
  EXPECT_EQ(wild.ExponentialMs(1), 200);
}

TEST(BackoffTest, RetryAfterHonouredWithJitter) {
  Backoff none(BackoffOptions{}, Fixed(0.0));
  EXPECT_EQ(none.RetryAfterMs(*Answer(429, {{"Retry-After", "2"}})), 2000);
  EXPECT_EQ(none.RetryAfterMs(*Answer(429, {{"retry-after", " 30 "}})), 30000);
  EXPECT_EQ(none.RetryAfterMs(*Answer(429)), 1000);
  EXPECT_EQ(none.RetryAfterMs(*Answer(429, {{"Retry-After", "soon"}})), 1000);
  EXPECT_EQ(none.RetryAfterMs(*Answer(429, {{"Retry-After", "-3"}})), 1000);
  EXPECT_EQ(none.RetryAfterMs(*Answer(429, {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}})), 1000);
  EXPECT_EQ(none.RetryAfterMs(*Answer(429, {{"Retry-After", "99999"}})), 60000);
  Backoff half(BackoffOptions{}, Fixed(0.5));
  EXPECT_EQ(half.RetryAfterMs(*Answer(429, {{"Retry-After", "2"}})), 2250);
}

TEST(BackoffTest, DelayPicksRetryAfterFor429Only) {
  Backoff b(BackoffOptions{}, Fixed(0.0));
  EXPECT_EQ(b.DelayMs(Answer(429, {{"Retry-After", "3"}}), 1), 3000);
  EXPECT_EQ(b.DelayMs(Answer(500, {{"Retry-After", "3"}}), 1), 0);
  EXPECT_EQ(b.DelayMs(Result<HttpResponse>(Code::kUnavailable, "reset"), 2), 0);
}

TEST(BackoffTest, ParseRetryAfterSeconds) {
  EXPECT_EQ(ParseRetryAfterSeconds("0"), 0);
  EXPECT_EQ(ParseRetryAfterSeconds("17"), 17);
  EXPECT_EQ(ParseRetryAfterSeconds(""), -1);
  EXPECT_EQ(ParseRetryAfterSeconds("1.5"), -1);
  EXPECT_EQ(ParseRetryAfterSeconds("12345678901234"), -1);
}

TEST(DeadlineTest, WaitFitsDeadline) {
  EXPECT_TRUE(WaitFitsDeadline(1000, 500, 2000, 100));
  EXPECT_FALSE(WaitFitsDeadline(1000, 900, 2000, 100));
  EXPECT_FALSE(WaitFitsDeadline(1000, 2000, 2000, 0));
  EXPECT_FALSE(WaitFitsDeadline(2000, 0, 2000, 0));
}

}  // namespace
}  // namespace gdslack
