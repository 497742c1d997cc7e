// Retry policy for HTTP calls: which answers to retry and how long to wait. Pure: no I/O, no clock, no
// sleeping; randomness comes from an injectable source so tests are deterministic. Callers own the loop
// and the deadline (see WebhookSender); WaitFitsDeadline() is the one rule they share.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "base/result.h"
#include "http/http_client.h"

namespace gdslack {

enum class RetryDecision {
  kSuccess,    // 2xx
  kRetry,      // 429, 5xx, transport failure (kUnavailable, kTimeout, kThrottled)
  kPermanent,  // any other 1xx/3xx/4xx, or a local error (kConfig, kInvalidInput, kInternal, ...)
};

// 2xx -> kSuccess; 429 and 5xx -> kRetry; other statuses -> kPermanent (a 3xx is never followed).
// A failed Result (no answer) -> kRetry for kUnavailable/kTimeout/kThrottled, else kPermanent.
RetryDecision Classify(const Result<HttpResponse>& result);

// Uniform random number in [0, 1).
using RandomSource = std::function<double()>;
// A process-wide Mersenne Twister seeded from std::random_device. Not thread-safe.
RandomSource DefaultRandomSource();

struct BackoffOptions {
  int64_t base_ms = 200;                 // first retry waits up to this
  int64_t cap_ms = 5000;                 // no exponential wait above this
  int64_t retry_after_default_ms = 1000; // 429 without a usable Retry-After (python-slack-sdk uses 1 s)
  int64_t retry_after_jitter_ms = 500;   // added on top of Retry-After, uniform in [0, this]
  int64_t retry_after_max_ms = 60000;    // a Retry-After above this is clamped (the deadline still rules)
};

class Backoff {
 public:
  explicit Backoff(BackoffOptions options = {}, RandomSource random = nullptr);

  // "Full jitter" exponential backoff: uniform in [0, min(cap, base * 2^(retry-1))].
  // REQUIRES: retry >= 1 (1 = the wait after the first failed attempt).
  int64_t ExponentialMs(int retry) const;

  // Wait asked for by a 429: Retry-After (delta-seconds) * 1000 plus jitter; a missing or invalid header
  // (an HTTP-date included) counts as retry_after_default_ms.
  int64_t RetryAfterMs(const HttpResponse& response) const;

  // The wait before retry number `retry` after `result`: RetryAfterMs for a 429, ExponentialMs otherwise.
  int64_t DelayMs(const Result<HttpResponse>& result, int retry) const;

 private:
  double Random() const;

  BackoffOptions options_;
  RandomSource random_;
};

// Parses a Retry-After delta-seconds value ("2", " 10 "); -1 when absent or not a non-negative integer.
int64_t ParseRetryAfterSeconds(std::string_view value);

// True when sleeping `wait_ms` from `now_unix_ms` still leaves time before `deadline_unix_ms` for another
// attempt (at least `min_attempt_ms`). Never sleep when this is false: stop and report the last error.
bool WaitFitsDeadline(int64_t now_unix_ms, int64_t wait_ms, int64_t deadline_unix_ms, int64_t min_attempt_ms);

}  // namespace gdslack
