#include "http/webhook_sender.h"

#include <algorithm>
#include <utility>

#include "base/log.h"
#include "base/scrub.h"
#include "base/strings.h"

namespace gdslack {
namespace {

constexpr std::string_view kContentTypeJson = "application/json";
// Removes the URL and its path from text that came from elsewhere (a transport error), belt and braces:
// HttpClient promises never to include them.
std::string Scrub(std::string text, const std::string& url) {
  return ScrubSecrets(std::move(text), {url, SplitUrl(url).AfterAuthority()});
}

// "404 channel_not_found", or "404" when Slack sent no body.
std::string Answer(long http_status, const std::string& slack_error) {
  std::string s = std::to_string(http_status);
  if (!slack_error.empty()) s += " " + slack_error;
  return s;
}

struct Verdict {
  Code code;
  std::string hint;  // what to do about it
};

// Slack's webhook errors: https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks
// (docs/reference/slack.md#responses).
Verdict PermanentVerdict(long http_status, const std::string& slack_error) {
  if (http_status == 404) {
    return {Code::kNotFound, "the webhook was revoked or the channel deleted; create a new webhook"};
  }
  if (http_status == 410) {
    return {Code::kNotFound, "the channel is archived; unarchive it or create a webhook for another channel"};
  }
  if (http_status == 401 || http_status == 403) {
    if (slack_error == "action_prohibited") {
      return {Code::kPermissionDenied,
              "a workspace admin restricted posting to this channel; ask them or use another channel"};
    }
    return {Code::kPermissionDenied,
            "Slack does not accept this webhook's token; check the Slack app or create a new webhook"};
  }
  if (http_status == 400) {
    return {Code::kInvalidInput, "Slack refused the message format: our bug; report it"};
  }
  if (http_status >= 300 && http_status < 400) {
    return {Code::kConfig, "redirects are never followed; check the webhook URL"};
  }
  return {Code::kInvalidInput, "unexpected answer; check the webhook URL, or report it"};
}

}  // namespace

std::string SanitizeSlackError(std::string_view body, std::string_view secret, std::size_t max_bytes) {
  body = TrimWhitespace(body);
  std::string out;
  out.reserve(std::min(body.size(), max_bytes));
  for (char c : body) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u >= 0x20 && u < 0x7f ? c : '?');
  }
  out = ScrubSecrets(std::move(out), {secret});
  if (out.size() > max_bytes) {
    out.resize(max_bytes);
    // A cut may leave the start of the secret at the end.
    out = DropTrailingPartialSecret(std::move(out), {secret});
  }
  return out;
}

WebhookSender::WebhookSender(HttpClient& http, const Clock& clock, Sleeper& sleeper, Secret webhook_url,
                             RetryPolicy options, RandomSource random)
    : http_(http),
      clock_(clock),
      webhook_url_(std::move(webhook_url)),
      host_(HostOf(webhook_url_.Reveal())),
      retrier_(clock, sleeper, options, std::move(random)) {}

DeliveryResult WebhookSender::Deliver(const std::string& payload_json, int64_t deadline_unix_ms) {
  const int64_t start_ms = clock_.MonotonicMs();
  DeliveryResult out;
  auto finish = [&](Status status) {
    out.status = std::move(status);
    out.latency_ms = clock_.MonotonicMs() - start_ms;
    return std::move(out);
  };
  const std::string prefix = "Slack webhook at " + host_;
  const std::string& url = webhook_url_.Reveal();
  if (url.empty() || host_.empty()) {
    return finish(Status(Code::kConfig, "Slack webhook URL is empty or has no host; set the webhook URL"));
  }

  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = {{"Content-Type", std::string(kContentTypeJson)}};
  request.body = payload_json;

  // The part of a webhook URL after the host ("/services/T…/B…/secret") is the credential.
  const std::string secret_path = SplitUrl(url).AfterAuthority();
  std::string last;                 // what went wrong last, for messages: "500 rollup_error" or a transport error
  Code transport_code = Code::kOk;  // the last attempt's transport failure, kOk when Slack answered
  const RetryRun run = retrier_.Run(
      deadline_unix_ms,
      [&](int /*attempt*/, int64_t timeout_ms) {
        request.timeout_ms = timeout_ms;
        Result<HttpResponse> result = http_.Send(request);
        if (result.has_value()) {
          transport_code = Code::kOk;
          out.http_status = result->status;
          out.slack_error = SanitizeSlackError(result->body, secret_path);
          last = Answer(out.http_status, out.slack_error);
        } else {
          transport_code = result.error().code();
          out.http_status = 0;
          out.slack_error.clear();
          last = Scrub(result.error().message(), url);
        }
        return OutcomeOf(result);
      },
      [&](int attempt, int64_t wait_ms) {
        Log(LogLevel::kWarn, "slack webhook attempt failed; retrying",
            {{"host", host_},
             {"attempt", attempt},
             {"http_status", static_cast<int64_t>(out.http_status)},
             {"error", last},
             {"wait_ms", wait_ms}});
      });
  out.attempts = run.attempts;
  const std::string attempts = std::to_string(run.attempts);
  switch (run.end) {
    case RetryEnd::kSuccess: return finish(Status::Ok());
    case RetryEnd::kNoTimeToStart:
      return finish(Status(Code::kTimeout, prefix + ": " + std::to_string(run.time_left_ms) +
                                               " ms left before the deadline, less than an attempt needs (" +
                                               std::to_string(retrier_.policy().min_attempt_ms) +
                                               " ms); not attempted"));
    case RetryEnd::kDeadline:
      return finish(Status(
          Code::kTimeout,
          prefix + ": deadline reached after " + attempts + " attempt(s)" +
              (run.next_wait_ms > 0 ? " (next retry in " + std::to_string(run.next_wait_ms) + " ms would pass it)"
                                    : std::string()) +
              "; last: " + last));
    case RetryEnd::kPermanent: {
      if (transport_code != Code::kOk) return finish(Status(transport_code, prefix + ": " + last));
      const Verdict v = PermanentVerdict(out.http_status, out.slack_error);
      return finish(Status(v.code, prefix + " rejected the message: " + last + " (" + v.hint + ")"));
    }
    case RetryEnd::kAttemptsExhausted: break;
  }
  if (transport_code == Code::kOk && out.http_status == 429) {
    return finish(Status(Code::kThrottled, prefix + " still rate-limited after " + attempts + " attempts: " + last +
                                               " (send less often: Slack allows about 1 message per "
                                               "second per webhook)"));
  }
  return finish(Status(Code::kUnavailable,
                       prefix + " failed after " + attempts + " attempts; last: " + last +
                           (transport_code == Code::kOk ? " (Slack-side trouble; retry later)"
                                                        : " (check network access to " + host_ + "; retry later)")));
}

}  // namespace gdslack
