// SlackWebClient: one Slack Web API method call (chat.postMessage, chat.update) with a bot token, retried
// inside a deadline by the shared Retrier (retry.h), like the webhook: HTTP 429 `ratelimited` waits Retry-After, 5xx
// and transport failures back off. Slack answers HTTP 200 with {"ok":false,"error":...} for most failures; those become
// Status codes with a hint (channel_not_found, not_in_channel, invalid_auth, msg_too_long, ...). The token is
// a Secret: it goes only into the Authorization header and is scrubbed from anything shown.
// Thread-compatible: one client per thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/result.h"
#include "base/secret.h"
#include "http/http_client.h"
#include "http/retry.h"

namespace gdslack {

inline constexpr std::string_view kDefaultSlackApiUrl = "https://slack.com/api/";

struct SlackCallResult {
  Status status;  // OK when Slack answered ok:true
  int attempts = 0;
  long http_status = 0;
  std::string error;     // Slack's error code of the last answer ("channel_not_found"), sanitized
  nlohmann::json reply;  // the last answer's JSON (ok:true: channel, ts, message)
};

class SlackWebClient {
 public:
  // `api_url`: SLACK_API_URL, e.g. "https://slack.com/api/" (a trailing '/' is added when missing).
  SlackWebClient(HttpClient& http, const Clock& clock, Sleeper& sleeper, Secret token, std::string api_url,
                 RetryPolicy policy = {}, RandomSource random = nullptr);

  // POSTs `args` as JSON to <api_url><method> with the bearer token.
  SlackCallResult Call(std::string_view method, const nlohmann::json& args, int64_t deadline_unix_ms);

  const std::string& host() const { return host_; }

 private:
  HttpClient& http_;
  Secret token_;
  std::string api_url_;
  std::string host_;
  Retrier retrier_;
};

// The Status code and hint for a Slack Web API error code (`ok:false`). Retryable errors are not here:
// ratelimited, internal_error, fatal_error, service_unavailable, request_timeout.
struct SlackErrorVerdict {
  Code code;
  std::string hint;
};
SlackErrorVerdict VerdictForSlackError(std::string_view error);
// True for the ok:false errors that are worth another attempt.
bool IsRetryableSlackError(std::string_view error);

}  // namespace gdslack
