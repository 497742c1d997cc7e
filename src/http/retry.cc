#include "http/retry.h"
#include "base/strings.h"

#include <algorithm>
#include <charconv>
#include <random>

namespace gdslack {

RetryDecision Classify(const Result<HttpResponse>& result) {
  if (!result.has_value()) {
    switch (result.error().code()) {
      case Code::kUnavailable:
      case Code::kTimeout:
      case Code::kThrottled:
        return RetryDecision::kRetry;
      default:
        return RetryDecision::kPermanent;
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

Backoff::Backoff(BackoffOptions options, RandomSource random)
    : options_(options), random_(random ? std::move(random) : DefaultRandomSource()) {}

double Backoff::Random() const {
  const double r = random_();
  // Guard against a source that strays outside [0, 1).
  if (!(r >= 0.0)) return 0.0;
  return std::min(r, 1.0);
}

int64_t Backoff::ExponentialMs(int retry) const {
  int64_t ceiling = std::max<int64_t>(options_.base_ms, 0);
  for (int i = 1; i < retry && ceiling < options_.cap_ms; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, options_.cap_ms);
  return static_cast<int64_t>(Random() * static_cast<double>(ceiling));
}

int64_t ParseRetryAfterSeconds(std::string_view value) {
  value = TrimWhitespace(value);
  if (value.empty() || value.size() > 9) return -1;
  int64_t seconds = 0;
  const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || ptr != value.data() + value.size() || seconds < 0) return -1;
  return seconds;
}

int64_t Backoff::RetryAfterMs(const HttpResponse& response) const {
  const int64_t seconds = ParseRetryAfterSeconds(response.Header("Retry-After"));
  int64_t wait = seconds < 0 ? options_.retry_after_default_ms : seconds * 1000;
  wait = std::min(wait, options_.retry_after_max_ms);
  return wait + static_cast<int64_t>(Random() * static_cast<double>(options_.retry_after_jitter_ms));
}

int64_t Backoff::DelayMs(const Result<HttpResponse>& result, int retry) const {
  if (result.has_value() && result->status == 429) return RetryAfterMs(*result);
  return ExponentialMs(retry);
}

bool WaitFitsDeadline(int64_t now_unix_ms, int64_t wait_ms, int64_t deadline_unix_ms, int64_t min_attempt_ms) {
  return now_unix_ms + std::max<int64_t>(wait_ms, 0) + std::max<int64_t>(min_attempt_ms, 0) < deadline_unix_ms;
}

}  // namespace gdslack
