#include "slack/web_api_client.h"

#include "base/log.h"
#include "base/scrub.h"
#include "base/url.h"
#include "http/webhook_sender.h"

namespace gdslack {

bool IsRetryableSlackError(std::string_view error) {
  return error == "ratelimited" || error == "internal_error" || error == "fatal_error" ||
         error == "service_unavailable" || error == "request_timeout";
}

// docs.slack.dev/reference/methods/chat.postMessage and chat.update, "Errors" (docs/STATE.md lists them).
SlackErrorVerdict VerdictForSlackError(std::string_view e) {
  if (e == "channel_not_found") {
    return {Code::kNotFound, "the channel does not exist or the app cannot see it; check SLACK_CHANNEL (a channel id)"};
  }
  if (e == "message_not_found" || e == "thread_not_found") return {Code::kNotFound, "the message is gone"};
  if (e == "not_in_channel") {
    return {Code::kPermissionDenied, "invite the app to the channel (/invite @app) or grant chat:write.public"};
  }
  if (e == "is_archived") return {Code::kPermissionDenied, "the channel is archived; unarchive it or pick another"};
  if (e == "invalid_auth" || e == "not_authed" || e == "token_revoked" || e == "token_expired" ||
      e == "account_inactive" || e == "no_permission" || e == "team_access_not_granted") {
    return {Code::kPermissionDenied, "Slack does not accept the bot token; check SLACK_BOT_TOKEN (xoxb-...)"};
  }
  if (e == "missing_scope") return {Code::kPermissionDenied, "the app needs the chat:write scope; reinstall it"};
  if (e == "restricted_action" || e == "cant_update_message" || e == "edit_window_closed") {
    return {Code::kPermissionDenied, "a workspace setting forbids this; ask an admin"};
  }
  if (e == "msg_too_long" || e == "no_text" || e == "invalid_blocks" || e == "invalid_blocks_format" ||
      e == "invalid_attachments" || e == "too_many_attachments" || e == "invalid_arguments" || e == "invalid_json" ||
      e == "json_not_object") {
    return {Code::kInvalidInput, "Slack refused the message format: our bug; report it"};
  }
  return {Code::kInvalidInput, "unexpected Slack error; see the Web API documentation"};
}

SlackWebClient::SlackWebClient(HttpClient& http, const Clock& clock, Sleeper& sleeper, Secret token,
                               std::string api_url, RetryPolicy policy, RandomSource random)
    : http_(http),
      token_(std::move(token)),
      api_url_(std::move(api_url)),
      host_(HostOf(api_url_)),
      retrier_(clock, sleeper, policy, std::move(random)) {
  if (!api_url_.empty() && api_url_.back() != '/') api_url_.push_back('/');
}

SlackCallResult SlackWebClient::Call(std::string_view method, const nlohmann::json& args, int64_t deadline_unix_ms) {
  SlackCallResult out;
  const std::string prefix = "Slack " + std::string(method) + " at " + host_;
  HttpRequest request;
  request.method = "POST";
  request.url = api_url_ + std::string(method);
  request.headers = {{"Content-Type", "application/json; charset=utf-8"},
                     {"Authorization", "Bearer " + token_.Reveal()}};
  request.body = args.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string last;  // what went wrong last: "429 ratelimited", "200 channel_not_found", a transport error
  Code transport_code = Code::kOk;  // the last attempt's transport failure; kOk when Slack answered
  bool not_json = false;
  const RetryRun run = retrier_.Run(
      deadline_unix_ms,
      [&](int /*attempt*/, int64_t timeout_ms) {
        request.timeout_ms = timeout_ms;
        Result<HttpResponse> result = http_.Send(request);
        AttemptOutcome outcome = OutcomeOf(result);
        if (!result) {
          transport_code = result.error().code();
          out.http_status = 0;
          out.error.clear();
          last = ScrubSecrets(result.error().message(), {token_.Reveal()});
          return outcome;
        }
        transport_code = Code::kOk;
        out.http_status = result->status;
        nlohmann::json reply = nlohmann::json::parse(result->body, nullptr, false);
        const bool is_object = !reply.is_discarded() && reply.is_object();
        std::string error;
        if (is_object && reply.contains("error") && reply["error"].is_string())
          error = reply["error"].get<std::string>();
        out.error = SanitizeSlackError(error, token_.Reveal(), 100);
        last = std::to_string(result->status) + (out.error.empty() ? "" : " " + out.error);
        not_json = result->status == 200 && !is_object;
        if (result->status == 200 && is_object && reply.value("ok", false)) {
          out.reply = std::move(reply);
          return outcome;  // kSuccess
        }
        if (result->status == 200) {
          // Slack's failures come as HTTP 200 {"ok":false}: some are worth another attempt.
          outcome.decision = IsRetryableSlackError(out.error) ? RetryDecision::kRetry : RetryDecision::kPermanent;
          if (out.error == "ratelimited") outcome.retry_after = result->Header("Retry-After");
        }
        return outcome;
      },
      [&](int attempt, int64_t wait_ms) {
        Log(LogLevel::kWarn, "slack api attempt failed; retrying",
            {{"host", host_},
             {"method", std::string(method)},
             {"attempt", attempt},
             {"error", last},
             {"wait_ms", wait_ms}});
      });
  out.attempts = run.attempts;
  const std::string attempts = std::to_string(run.attempts);
  switch (run.end) {
    case RetryEnd::kSuccess: out.status = Status::Ok(); return out;
    case RetryEnd::kNoTimeToStart:
      out.status = Status(Code::kTimeout, prefix + ": no time left before the deadline; not attempted");
      return out;
    case RetryEnd::kDeadline:
      out.status =
          Status(Code::kTimeout, prefix + ": deadline reached after " + attempts + " attempt(s)" +
                                     (run.next_wait_ms > 0
                                          ? " (next retry in " + std::to_string(run.next_wait_ms) + " ms would pass it)"
                                          : std::string()) +
                                     "; last: " + last);
      return out;
    case RetryEnd::kPermanent: {
      if (transport_code != Code::kOk) {
        out.status = Status(transport_code, prefix + ": " + last);
      } else if (not_json) {
        out.status = Status(Code::kUnavailable, prefix + ": the answer is not JSON");
      } else {
        const SlackErrorVerdict v = out.error.empty() ? SlackErrorVerdict{Code::kInvalidInput, "unexpected answer"}
                                                      : VerdictForSlackError(out.error);
        out.status = Status(v.code, prefix + " refused: " + last + " (" + v.hint + ")");
      }
      return out;
    }
    case RetryEnd::kAttemptsExhausted: break;
  }
  const bool throttled = transport_code == Code::kOk && (out.http_status == 429 || out.error == "ratelimited");
  out.status = Status(throttled ? Code::kThrottled : Code::kUnavailable,
                      prefix + " failed after " + attempts + " attempts; last: " + last);
  return out;
}

}  // namespace gdslack
