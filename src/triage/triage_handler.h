// TriageHandler: one request to the interactivity endpoint (a Lambda function URL event) -> one answer.
// Order matters, and nothing is done before the last check passes:
//   read the event (400 malformed, 413 oversized, 405 not POST) -> verify Slack's signature and timestamp
//   (401) -> refuse a replayed signature (401) -> decode payload= (400) -> a block_actions payload with one
//   gds_ action and a valid button value (400) -> the user is allowed (else 200 + an ephemeral "not
//   allowed") -> act (triage store or GuardDuty) -> chat.update of the message, rebuilt from the blocks
//   Slack sent with the press (no GuardDuty read needed) -> 200.
// Each action is one audit log line ("triage action": user, action, finding_id, region, result); a refused
// request is one "triage request refused" line with the reason. Neither ever holds a secret or the body.
// All calls share one deadline inside Slack's 3 seconds. Not thread-safe (one per sandbox).
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/secret.h"
#include "http/http_client.h"
#include "slack/web_api_client.h"
#include "state/triage_store.h"
#include "triage/finding_archiver.h"
#include "triage/function_url_request.h"
#include "triage/slack_signature.h"

namespace gdslack {

struct TriageSettings {
  Secret signing_secret;
  std::set<std::string> allowed_users;  // Slack user ids; empty = nobody may act
  int64_t mute_seconds = 7 * 24 * 3600;
  // Slack asks for an answer within 3 s; every call of one request ends by then.
  int64_t budget_ms = 2500;
};

class TriageHandler {
 public:
  // `slack` may be null (no bot token: decisions are taken, the message is not updated). `http` posts the
  // ephemeral "not allowed" to the payload's response_url (https://hooks.slack.com/ only, or loopback
  // http:// when `allow_loopback_response_url`, for tests). References must outlive the handler.
  TriageHandler(TriageSettings settings, TriageStore& store, FindingArchiver& archiver, SlackWebClient* slack,
                HttpClient& http, const Clock& clock, bool allow_loopback_response_url = false);

  InboundResponse Handle(const nlohmann::json& event, int64_t deadline_unix_ms);

 private:
  InboundResponse Act(const nlohmann::json& payload, int64_t deadline_unix_ms);
  void TellUser(const nlohmann::json& payload, const std::string& text, int64_t deadline_unix_ms);

  TriageSettings settings_;
  TriageStore& store_;
  FindingArchiver& archiver_;
  SlackWebClient* slack_;
  HttpClient& http_;
  const Clock& clock_;
  bool allow_loopback_response_url_;
  ReplayGuard replays_;
};

}  // namespace gdslack
