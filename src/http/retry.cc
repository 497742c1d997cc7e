#include "http/retry.h"

#include <curl/curl.h>

#include <algorithm>
#include <random>
#include <utility>

#include "base/strings.h"

namespace gdslack {

RetryDecision Classify(const Result<HttpResponse>& result) {
  if (!result.has_value()) {
    switch (result.error().code()) {
      case Code::kUnavailable:
      case Code::kTimeout:
      case Code::kThrottled: return RetryDecision::kRetry;
      default: return RetryDecision::kPermanent;
    }
  }
  const long status = result->status;
  if (status >= 200 && status < 300) return RetryDecision::kSuccess;
  if (status == 429 || (status >= 500 && status < 600)) return RetryDecision::kRetry;
  return RetryDecision::kPermanent;
}

RandomSource DefaultRandomSource() {
  return [] {
    static std::mt19937_64 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
  };
}

Backoff::Backoff(RetryPolicy policy, RandomSource random)
    : policy_(policy), random_(random ? std::move(random) : DefaultRandomSource()) {}

double Backoff::Random() const {
  const double r = random_();
  // Guard against a source that strays outside [0, 1).
  if (!(r >= 0.0)) return 0.0;
  return std::min(r, 1.0);
}

int64_t Backoff::ExponentialMs(int retry) const {
  int64_t ceiling = std::max<int64_t>(policy_.base_ms, 0);
  for (int i = 1; i < retry && ceiling < policy_.cap_ms; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, policy_.cap_ms);
  return static_cast<int64_t>(Random() * static_cast<double>(ceiling));
}

int64_t ParseRetryAfterSeconds(std::string_view value) {
  value = TrimWhitespace(value);
  if (value.empty()) return -1;
  int64_t seconds = 0;
  for (char c : value) {
    if (c < '0' || c > '9') return -1;
    // Saturate instead of overflowing: "wait very long" must stay "very long" (RFC 9110 10.2.3 sets no bound).
    seconds = seconds >= kMaxRetryAfterSeconds ? kMaxRetryAfterSeconds
                                               : std::min(seconds * 10 + (c - '0'), kMaxRetryAfterSeconds);
  }
  return seconds;
}

namespace {

// Retry-After as an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT", RFC 9110 5.6.7): milliseconds from
// `now_unix_ms` until then (0 when it is past); -1 when `value` is not a date. libcurl's parser also reads
// the obsolete RFC 850 and asctime forms the RFC asks recipients to accept.
int64_t HttpDateWaitMs(std::string_view value, int64_t now_unix_ms) {
  const std::string text(TrimWhitespace(value));
  if (text.empty()) return -1;
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return -1;
  return std::max<int64_t>(static_cast<int64_t>(when) * 1000 - now_unix_ms, 0);
}

}  // namespace

int64_t Backoff::RetryAfterMs(std::string_view value, int64_t now_unix_ms) const {
  int64_t wait = policy_.retry_after_default_ms;
  if (const int64_t seconds = ParseRetryAfterSeconds(value); seconds >= 0) {
    wait = std::min(seconds, policy_.retry_after_max_ms / 1000 + 1) * 1000;
  } else if (const int64_t until = HttpDateWaitMs(value, now_unix_ms); until >= 0) {
    wait = until;
  }
  wait = std::min(wait, policy_.retry_after_max_ms);
  return wait + static_cast<int64_t>(Random() * static_cast<double>(policy_.retry_after_jitter_ms));
}

bool WaitFitsDeadline(int64_t now_unix_ms, int64_t wait_ms, int64_t deadline_unix_ms, int64_t min_attempt_ms) {
  if (deadline_unix_ms == kNoDeadline) return true;
  return now_unix_ms + std::max<int64_t>(wait_ms, 0) + std::max<int64_t>(min_attempt_ms, 0) < deadline_unix_ms;
}

AttemptOutcome OutcomeOf(const Result<HttpResponse>& result) {
  AttemptOutcome out;
  out.decision = Classify(result);
  if (result.has_value() && result->status == 429) out.retry_after = result->Header("Retry-After");
  return out;
}

Retrier::Retrier(const Clock& clock, Sleeper& sleeper, RetryPolicy policy, RandomSource random)
    : clock_(clock), sleeper_(sleeper), policy_(policy), backoff_(policy, std::move(random)) {}

RetryRun Retrier::Run(int64_t deadline_unix_ms, const std::function<AttemptOutcome(int, int64_t)>& attempt,
                      const std::function<void(int, int64_t)>& on_retry) const {
  RetryRun run;
  const int max_attempts = std::max(policy_.max_attempts, 1);
  const int64_t min_attempt_ms = std::max<int64_t>(policy_.min_attempt_ms, 1);
  for (;;) {
    const int64_t now = clock_.NowUnixMs();
    int64_t timeout_ms = policy_.attempt_timeout_ms;
    if (deadline_unix_ms != kNoDeadline) {
      const int64_t remaining = deadline_unix_ms - now;
      if (remaining < min_attempt_ms) {
        // An attempt with less time than it needs would only time out mid-request (and may deliver a
        // message whose success we never learn).
        run.end = run.attempts == 0 ? RetryEnd::kNoTimeToStart : RetryEnd::kDeadline;
        run.time_left_ms = std::max<int64_t>(remaining, 0);
        return run;
      }
      timeout_ms = timeout_ms > 0 ? std::min(timeout_ms, remaining) : remaining;
    }
    ++run.attempts;
    const AttemptOutcome outcome = attempt(run.attempts, timeout_ms);
    if (outcome.decision == RetryDecision::kSuccess) {
      run.end = RetryEnd::kSuccess;
      return run;
    }
    if (outcome.decision == RetryDecision::kPermanent) {
      run.end = RetryEnd::kPermanent;
      return run;
    }
    if (run.attempts >= max_attempts) {
      run.end = RetryEnd::kAttemptsExhausted;
      return run;
    }
    const int64_t after = clock_.NowUnixMs();
    const int64_t wait_ms =
        outcome.retry_after ? backoff_.RetryAfterMs(*outcome.retry_after, after) : backoff_.ExponentialMs(run.attempts);
    if (!WaitFitsDeadline(after, wait_ms, deadline_unix_ms, policy_.min_attempt_ms)) {
      run.end = RetryEnd::kDeadline;
      run.next_wait_ms = wait_ms;
      return run;
    }
    if (on_retry) on_retry(run.attempts, wait_ms);
    sleeper_.SleepMs(wait_ms);
  }
}

}  // namespace gdslack
