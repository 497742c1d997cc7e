#include "triage/triage_handler.h"

#include <algorithm>

#include "base/log.h"
#include "base/url.h"
#include "render/mention.h"
#include "slack/triage_blocks.h"

namespace gdslack {
namespace {

InboundResponse Answer(int status, const std::string& text) {
  return InboundResponse{status, "text/plain; charset=utf-8", text};
}

InboundResponse Refuse(int status, const std::string& reason) {
  Log(LogLevel::kWarn, "triage request refused", {{"status", static_cast<int64_t>(status)}, {"reason", reason}});
  return Answer(status, reason);
}

const std::string* StringAt(const nlohmann::json& j, std::initializer_list<const char*> path) {
  const nlohmann::json* cur = &j;
  for (const char* key : path) {
    if (!cur->is_object() || !cur->contains(key)) return nullptr;
    cur = &(*cur)[key];
  }
  return cur->is_string() ? cur->get_ptr<const std::string*>() : nullptr;
}

bool IsTriageAction(const std::string& id) {
  return id == kAckActionId || id == kArchiveActionId || id == kUnarchiveActionId || id == kMuteActionId;
}

}  // namespace

TriageHandler::TriageHandler(TriageSettings settings, TriageStore& store, FindingArchiver& archiver,
                             SlackWebClient* slack, HttpClient& http, const Clock& clock,
                             bool allow_loopback_response_url)
    : settings_(std::move(settings)),
      store_(store),
      archiver_(archiver),
      slack_(slack),
      http_(http),
      clock_(clock),
      allow_loopback_response_url_(allow_loopback_response_url) {}

InboundResponse TriageHandler::Handle(const nlohmann::json& event, int64_t deadline_unix_ms) {
  const int64_t now_ms = clock_.NowUnixMs();
  const int64_t deadline = std::min(deadline_unix_ms, now_ms + settings_.budget_ms);
  Result<ParsedRequest> parsed = ReadFunctionUrlEvent(event);
  if (!parsed) return Refuse(400, "malformed request");
  if (parsed->oversized) return Refuse(413, "request body too large");
  const InboundRequest& req = parsed->request;
  if (req.method != "POST") return Refuse(405, "only POST is served");

  const std::string timestamp = req.Header("x-slack-request-timestamp");
  const std::string signature = req.Header("x-slack-signature");
  Status verified = VerifySlackSignature(settings_.signing_secret, timestamp, signature, req.body, now_ms / 1000);
  if (verified.code() == Code::kConfig) {
    Log(LogLevel::kError, "triage endpoint has no signing secret", {});
    return Answer(500, "not configured");
  }
  if (!verified.ok()) return Refuse(401, verified.message());
  if (!replays_.FirstSeen(signature, std::stoll(timestamp), now_ms / 1000)) {
    return Refuse(401, "a replayed Slack request");
  }

  Result<std::string> form = FormValue(req.body, "payload");
  if (!form) return Refuse(400, "no payload field");
  nlohmann::json payload = nlohmann::json::parse(*form, nullptr, false);
  if (payload.is_discarded() || !payload.is_object()) return Refuse(400, "the payload is not JSON");
  return Act(payload, deadline);
}

InboundResponse TriageHandler::Act(const nlohmann::json& payload, int64_t deadline) {
  const std::string* type = StringAt(payload, {"type"});
  if (type == nullptr || *type != "block_actions") return Refuse(400, "not a block_actions payload");
  const std::string* user = StringAt(payload, {"user", "id"});
  if (user == nullptr || !IsSlackUserId(*user)) return Refuse(400, "no valid user id");
  if (!payload.contains("actions") || !payload["actions"].is_array() || payload["actions"].size() != 1) {
    return Refuse(400, "not exactly one action");
  }
  const nlohmann::json& action = payload["actions"][0];
  const std::string* action_id = StringAt(action, {"action_id"});
  if (action_id == nullptr || !IsTriageAction(*action_id)) return Refuse(400, "unknown action");
  const std::string* value = StringAt(action, {"value"});
  if (value == nullptr) return Refuse(400, "the button carries no value");
  Result<TriageTarget> target = DecodeTriageValue(*value);
  if (!target) return Refuse(400, "bad button value: " + target.error().message());

  auto audit = [&](const std::string& result, bool updated) {
    Log(LogLevel::kInfo, "triage action",
        {{"user", *user},
         {"action", *action_id},
         {"finding_id", target->finding_id},
         {"region", target->region},
         {"result", result},
         {"message_updated", updated}});
  };
  if (!settings_.allowed_users.contains(*user)) {
    audit("not_allowed", false);
    TellUser(payload, "You are not allowed to triage GuardDuty findings from Slack; nothing was changed.", deadline);
    return InboundResponse{
        200, "application/json",
        R"({"response_type":"ephemeral","replace_original":false,"text":"You are not allowed to triage GuardDuty findings from Slack; nothing was changed."})"};
  }

  const int64_t now_s = clock_.NowUnixMs() / 1000;
  const nlohmann::json* message = payload.contains("message") ? &payload["message"] : nullptr;
  bool archived = message != nullptr && ShowsArchived(*message);
  std::string line;
  Status done;
  if (*action_id == kAckActionId) {
    done = store_.Acknowledge({target->finding_id, *user, now_s}, deadline);
    line = AcknowledgedLine(*user, now_s);
  } else if (*action_id == kArchiveActionId || *action_id == kUnarchiveActionId) {
    const bool archive = *action_id == kArchiveActionId;
    done = archiver_.SetArchived(target->region, target->finding_id, archive, deadline);
    if (done.ok()) archived = archive;
    line = ArchivedLine(archive, *user, now_s);
  } else {
    TriageMute mute{target->type, target->account_id, target->resource_id, now_s + settings_.mute_seconds, *user,
                    now_s,        target->finding_id};
    done = store_.AddMute(mute, deadline);
    line = MutedLine(*user, mute.until_unix_s);
  }
  if (!done.ok()) {
    audit(std::string(CodeName(done.code())), false);
    TellUser(payload, "That did not work (" + std::string(CodeName(done.code())) + "); nothing was changed.", deadline);
    return Answer(200, "");
  }

  bool updated = false;
  const std::string* channel = StringAt(payload, {"channel", "id"});
  const std::string* ts = StringAt(payload, {"message", "ts"});
  if (slack_ != nullptr && message != nullptr && channel != nullptr && ts != nullptr) {
    nlohmann::json rebuilt = nlohmann::json::object();
    for (const char* key : {"text", "attachments", "blocks"}) {
      if (message->contains(key)) rebuilt[key] = (*message)[key];
    }
    std::vector<std::string> lines = TriageStatusLines(*message);
    lines.push_back(line);
    SetTriageBlocks(rebuilt, *target, archived, lines);
    rebuilt["channel"] = *channel;
    rebuilt["ts"] = *ts;
    SlackCallResult call = slack_->Call("chat.update", rebuilt, deadline);
    updated = call.status.ok();
    if (!updated) {
      Log(LogLevel::kWarn, "triage message update failed",
          {{"finding_id", target->finding_id},
           {"error", call.error},
           {"code", std::string(CodeName(call.status.code()))}});
    }
  }
  audit("ok", updated);
  return Answer(200, "");
}

void TriageHandler::TellUser(const nlohmann::json& payload, const std::string& text, int64_t deadline) {
  const std::string* url = StringAt(payload, {"response_url"});
  if (url == nullptr) return;
  const Url u = SplitUrl(*url);
  const bool slack_hook = u.scheme == "https" && u.host == "hooks.slack.com" && !u.has_userinfo;
  const bool loopback = allow_loopback_response_url_ && u.scheme == "http" && u.host == "127.0.0.1";
  if (!slack_hook && !loopback) return;
  HttpRequest request;
  request.url = *url;
  request.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  request.body = nlohmann::json{{"response_type", "ephemeral"}, {"replace_original", false}, {"text", text}}.dump();
  request.timeout_ms = std::max<int64_t>(100, deadline - clock_.NowUnixMs());
  Result<HttpResponse> sent = http_.Send(request);  // best effort: the decision itself is already logged
  if (!sent) Log(LogLevel::kWarn, "triage could not reply to the user", {{"host", u.host}});
}

}  // namespace gdslack
