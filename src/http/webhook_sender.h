// WebhookSender: delivers one JSON payload to a Slack incoming webhook, retrying 429/5xx/transport failures
// inside a deadline (retry.h), and turns Slack's plain-text error codes into Status messages that say what
// to fix. The webhook URL is a Secret: no message, log line or slack_error ever contains it; only its host.
// Thread-compatible: one sender per thread (it shares the HttpClient it was given).
#pragma once

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "base/result.h"
#include "base/secret.h"
#include "http/http_client.h"
#include "http/retry.h"

namespace gdslack {

struct DeliveryResult {
  Status status;         // OK when Slack answered 200
  int attempts = 0;      // HTTP requests sent
  long http_status = 0;  // last HTTP status seen; 0 when no answer came
  // Slack's plain-text error code of the last answer ("channel_not_found"), sanitized, <= 100 bytes.
  std::string slack_error;
  int64_t latency_ms = 0;  // from the start of Deliver() to its return, sleeps included (monotonic)
};

class WebhookSender {
 public:
  // References must outlive the sender. `random` drives jitter; null means DefaultRandomSource().
  WebhookSender(HttpClient& http, const Clock& clock, Sleeper& sleeper, Secret webhook_url, RetryPolicy options = {},
                RandomSource random = nullptr);

  // POSTs `payload_json` (Content-Type: application/json) until Slack answers 200, a permanent error, the
  // attempts run out, or the next attempt could not finish before `deadline_unix_ms` (absolute, Unix ms;
  // with less than min_attempt_ms left no attempt starts).
  // Status codes: kOk; kNotFound (404 channel_not_found/no_service, 410 channel_is_archived);
  // kPermissionDenied (401/403); kInvalidInput (400 invalid_blocks/invalid_payload/..., our bug);
  // kThrottled (still 429 after the last attempt); kUnavailable (5xx or transport failure after the last
  // attempt); kTimeout (the deadline stopped the retries); kConfig (empty or unusable webhook URL).
  DeliveryResult Deliver(const std::string& payload_json, int64_t deadline_unix_ms);

  // "hooks.slack.com": what messages may show of the webhook.
  const std::string& host() const { return host_; }

 private:
  HttpClient& http_;
  const Clock& clock_;
  Secret webhook_url_;
  std::string host_;
  Retrier retrier_;
};

// Slack's error body made safe to show: trimmed, bytes outside printable ASCII replaced by '?', cut to
// `max_bytes`, and any occurrence of `secret` (non-empty) replaced by "***".
std::string SanitizeSlackError(std::string_view body, std::string_view secret, std::size_t max_bytes = 100);

}  // namespace gdslack
