// The one retry policy for every client that talks to a peer (Slack webhook, AWS APIs, the Lambda Runtime
// API): how many attempts, how long each may take, full-jitter exponential backoff, a 429's Retry-After
// (delta-seconds or HTTP-date), and the caller's deadline. RetryPolicy and Backoff are pure; Retrier runs
// the loop over an injected Clock and Sleeper. What counts as retryable is the caller's call (Classify()
// for plain HTTP; AWS error codes for AwsClient). Thread-compatible.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "http/http_client.h"

namespace gdslack {

// A deadline far enough away never to matter (the Runtime API's /next waits as long as Lambda likes).
inline constexpr int64_t kNoDeadline = std::numeric_limits<int64_t>::max();

struct RetryPolicy {
  int max_attempts = 5;                   // attempts in all, the first included
  int64_t base_ms = 200;                  // the first retry waits up to this
  int64_t cap_ms = 5000;                  // no exponential wait above this
  int64_t retry_after_default_ms = 1000;  // a 429 without a usable Retry-After (python-slack-sdk uses 1 s)
  int64_t retry_after_jitter_ms = 500;    // added on top of Retry-After, uniform in [0, this]
  int64_t retry_after_max_ms = 60000;     // a longer Retry-After is clamped (the deadline still rules)
  int64_t attempt_timeout_ms = 5000;      // per attempt, connect included, capped by the time left; <= 0: none
  int64_t min_attempt_ms = 100;           // never start an attempt (the first included) with less time left
};

enum class RetryDecision {
  kSuccess,    // done, with an answer the caller wants
  kRetry,      // transient: 429, 5xx, transport failure (kUnavailable, kTimeout, kThrottled)
  kPermanent,  // retrying cannot help: other 1xx/3xx/4xx, or a local error (kConfig, kInvalidInput, ...)
};

// 2xx -> kSuccess; 429 and 5xx -> kRetry; other statuses -> kPermanent (a 3xx is never followed).
// A failed Result (no answer) -> kRetry for kUnavailable/kTimeout/kThrottled, else kPermanent (a TLS
// certificate that does not verify is kConfig in CurlHttpClient, so it is never retried).
RetryDecision Classify(const Result<HttpResponse>& result);

// Uniform random number in [0, 1).
using RandomSource = std::function<double()>;
// A process-wide Mersenne Twister seeded from std::random_device. Not thread-safe.
RandomSource DefaultRandomSource();

class Backoff {
 public:
  explicit Backoff(RetryPolicy policy = {}, RandomSource random = nullptr);

  // "Full jitter" exponential backoff: uniform in [0, min(cap, base * 2^(retry-1))].
  // REQUIRES: retry >= 1 (1 = the wait after the first failed attempt).
  int64_t ExponentialMs(int retry) const;

  // The wait a 429 asks for: its Retry-After `value` (delta-seconds, or an HTTP-date measured from
  // `now_unix_ms`) clamped to retry_after_max_ms, plus jitter. Empty or unreadable: retry_after_default_ms.
  int64_t RetryAfterMs(std::string_view value, int64_t now_unix_ms) const;

 private:
  double Random() const;

  RetryPolicy policy_;
  RandomSource random_;
};

// Retry-After delta-seconds ("2", " 10 "): the number, saturated at kMaxRetryAfterSeconds so that a
// longer value is clamped rather than misread; -1 when absent or not all digits.
inline constexpr int64_t kMaxRetryAfterSeconds = 999999999;
int64_t ParseRetryAfterSeconds(std::string_view value);

// True when sleeping `wait_ms` from `now_unix_ms` still leaves time before `deadline_unix_ms` for another
// attempt (at least `min_attempt_ms`). Never sleep when this is false: stop and report the last error.
bool WaitFitsDeadline(int64_t now_unix_ms, int64_t wait_ms, int64_t deadline_unix_ms, int64_t min_attempt_ms);

// What one attempt came to, as the Retrier needs it.
struct AttemptOutcome {
  RetryDecision decision = RetryDecision::kPermanent;
  // Set for a 429: its Retry-After header ("" when absent). The wait then follows it, not the backoff.
  std::optional<std::string> retry_after;
};
// The outcome of an HTTP attempt by Classify(), with a 429's Retry-After.
AttemptOutcome OutcomeOf(const Result<HttpResponse>& result);

enum class RetryEnd {
  kSuccess,            // an attempt succeeded
  kPermanent,          // an attempt failed in a way retrying cannot help
  kAttemptsExhausted,  // the last allowed attempt failed transiently
  kDeadline,           // the next wait plus an attempt would not fit before the deadline (no sleep done)
  kNoTimeToStart,      // less than min_attempt_ms was left before the first attempt: none was made
};

struct RetryRun {
  RetryEnd end = RetryEnd::kNoTimeToStart;
  int attempts = 0;          // attempts made
  int64_t next_wait_ms = 0;  // kDeadline: the wait that would have passed the deadline
  int64_t time_left_ms = 0;  // kNoTimeToStart: what was left
};

class Retrier {
 public:
  // `clock` and `sleeper` must outlive the Retrier. `random` drives jitter; null = DefaultRandomSource().
  Retrier(const Clock& clock, Sleeper& sleeper, RetryPolicy policy = {}, RandomSource random = nullptr);

  // Calls `attempt(number, timeout_ms)` (number from 1; timeout_ms <= 0 means none) until it succeeds,
  // fails permanently, the attempts run out, or the deadline (absolute Unix ms, or kNoDeadline) leaves no
  // room for another attempt. `on_retry(attempt, wait_ms)`, when given, runs before each sleep (logging).
  RetryRun Run(int64_t deadline_unix_ms, const std::function<AttemptOutcome(int, int64_t)>& attempt,
               const std::function<void(int, int64_t)>& on_retry = nullptr) const;

  const RetryPolicy& policy() const { return policy_; }

 private:
  const Clock& clock_;
  Sleeper& sleeper_;
  RetryPolicy policy_;
  Backoff backoff_;
};

}  // namespace gdslack
