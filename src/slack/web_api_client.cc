#include "slack/web_api_client.h"

#include <algorithm>

#include "base/log.h"
#include "base/scrub.h"
#include "base/url.h"
#include "http/webhook_sender.h"

namespace gdslack {
namespace {

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
}

}  // namespace

Status ValidateSlackApiUrl(const std::string& url) {
  if (url.rfind("https://", 0) == 0 && !HostOf(url).empty()) return Status::Ok();
  if (url.rfind("http://", 0) == 0 && IsLoopback(HostOf(url))) return Status::Ok();
  return Status(Code::kConfig, "SLACK_API_URL must start with https:// (http:// only to a loopback address)");
}

bool IsRetryableSlackError(std::string_view error) {
  return error == "ratelimited" || error == "internal_error" || error == "fatal_error" ||
         error == "service_unavailable" || error == "request_timeout";
}

// https://api.slack.com/methods/chat.postMessage and chat.update, "Errors" (docs/STATE.md lists them).
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
      e == "invalid_attachments" || e == "too_many_attachments" || e == "invalid_arguments" ||
      e == "invalid_json" || e == "json_not_object") {
    return {Code::kInvalidInput, "Slack refused the message format: our bug; report it"};
  }
  return {Code::kInvalidInput, "unexpected Slack error; see the Web API documentation"};
}

SlackWebClient::SlackWebClient(HttpClient& http, const Clock& clock, Sleeper& sleeper, Secret token,
                               std::string api_url, SlackWebOptions options, RandomSource random)
    : http_(http),
      clock_(clock),
      sleeper_(sleeper),
      token_(std::move(token)),
      api_url_(std::move(api_url)),
      host_(HostOf(api_url_)),
      options_(options),
      backoff_(options.backoff, std::move(random)) {
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
  const int max_attempts = std::max(options_.max_attempts, 1);
  std::string last;
  for (;;) {
    const int64_t remaining = deadline_unix_ms - clock_.NowUnixMs();
    if (remaining <= 0) {
      out.status = Status(Code::kTimeout, prefix + ": deadline reached after " + std::to_string(out.attempts) +
                                              " attempt(s)" + (last.empty() ? "" : "; last: " + last));
      return out;
    }
    request.timeout_ms = std::min(options_.attempt_timeout_ms, remaining);
    ++out.attempts;
    Result<HttpResponse> result = http_.Send(request);
    bool retry = false;
    if (!result) {
      last = ScrubSecrets(result.error().message(), {token_.Reveal()});
      out.http_status = 0;
      retry = Classify(result) == RetryDecision::kRetry;
      if (!retry) {
        out.status = Status(result.error().code(), prefix + ": " + last);
        return out;
      }
    } else {
      out.http_status = result->status;
      nlohmann::json reply = nlohmann::json::parse(result->body, nullptr, false);
      const bool is_object = !reply.is_discarded() && reply.is_object();
      std::string error;
      if (is_object && reply.contains("error") && reply["error"].is_string()) error = reply["error"].get<std::string>();
      out.error = SanitizeSlackError(error, token_.Reveal(), 100);
      if (result->status == 200 && is_object && reply.value("ok", false)) {
        out.reply = std::move(reply);
        out.status = Status::Ok();
        return out;
      }
      last = std::to_string(result->status) + (out.error.empty() ? "" : " " + out.error);
      retry = result->status == 429 || result->status >= 500 || IsRetryableSlackError(out.error);
      if (!retry) {
        if (result->status == 200 && !is_object) {
          out.status = Status(Code::kUnavailable, prefix + ": the answer is not JSON");
          return out;
        }
        const SlackErrorVerdict v = out.error.empty() ? SlackErrorVerdict{Code::kInvalidInput, "unexpected answer"}
                                                      : VerdictForSlackError(out.error);
        out.status = Status(v.code, prefix + " refused: " + last + " (" + v.hint + ")");
        return out;
      }
    }
    if (out.attempts >= max_attempts) {
      const bool throttled = result.has_value() && (result->status == 429 || out.error == "ratelimited");
      out.status = Status(throttled ? Code::kThrottled : Code::kUnavailable,
                          prefix + " failed after " + std::to_string(out.attempts) + " attempts; last: " + last);
      return out;
    }
    // A 200 ok:false ratelimited (rare) carries Retry-After too; DelayMs only reads it for a 429.
    int64_t wait_ms = backoff_.DelayMs(result, out.attempts);
    if (result.has_value() && result->status != 429 && out.error == "ratelimited") wait_ms = backoff_.RetryAfterMs(*result);
    if (!WaitFitsDeadline(clock_.NowUnixMs(), wait_ms, deadline_unix_ms, options_.min_attempt_ms)) {
      out.status = Status(Code::kTimeout, prefix + ": deadline reached after " + std::to_string(out.attempts) +
                                              " attempt(s) (next retry in " + std::to_string(wait_ms) +
                                              " ms would pass it); last: " + last);
      return out;
    }
    Log(LogLevel::kWarn, "slack api attempt failed; retrying",
        {{"host", host_}, {"method", std::string(method)}, {"attempt", out.attempts}, {"error", last},
         {"wait_ms", wait_ms}});
    sleeper_.SleepMs(wait_ms);
  }
}

}  // namespace gdslack
