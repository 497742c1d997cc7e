// Triage blocks on an app-mode message: a context line with the decisions taken (who, what, when) and an
// actions block with the triage buttons — Acknowledge, Archive (Unarchive once archived) and Mute similar
// for 7 days. Every action_id starts with "gds_"; each button's value carries what its action needs (the
// finding id, Region, account, type and resource), at most Slack's 2,000 characters. Webhook messages get
// none of this (incoming webhooks have no interactivity); they keep their console link.
// The blocks go where the message's other blocks are (inside the colour-bar attachment), so an update
// rebuilt from the message Slack sends back with a button press finds and replaces them there.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "finding/finding.h"

namespace gdslack {

inline constexpr std::string_view kAckActionId = "gds_acknowledge";
inline constexpr std::string_view kArchiveActionId = "gds_archive";
inline constexpr std::string_view kUnarchiveActionId = "gds_unarchive";
inline constexpr std::string_view kMuteActionId = "gds_mute_7d";
inline constexpr std::string_view kTriageActionsBlockId = "gds_triage";
inline constexpr std::string_view kTriageStatusBlockId = "gds_triage_status";
// Slack's limit on a button's value.
inline constexpr std::size_t kButtonValueMaxChars = 2000;

// What a triage action acts on, as carried in a button's value.
struct TriageTarget {
  std::string finding_id;
  std::string region;
  std::string account_id;
  std::string type;
  std::string resource_id;  // TriageResourceOf (state/triage_store.h)
};

TriageTarget TriageTargetOf(const Finding& finding);
// Compact JSON {"f":..,"r":..,"a":..,"t":..,"x":..}; at most kButtonValueMaxChars (the type and resource
// are cut if a hostile finding makes them longer).
std::string EncodeTriageValue(const TriageTarget& target);
// The target in a button's value, checked: a GuardDuty finding id (1-300 of [A-Za-z0-9]), a Region name, a
// 12-digit account, a type of printable characters. kInvalidInput otherwise.
Result<TriageTarget> DecodeTriageValue(std::string_view value);

// The decision lines the status context shows ("Acknowledged by <@U…> at 2026-12-07 23:40 UTC"). `user_id` must
// be a Slack user id (render/mention.h IsSlackUserId).
std::string AcknowledgedLine(const std::string& user_id, int64_t at_unix_s);
std::string ArchivedLine(bool archived, const std::string& user_id, int64_t at_unix_s);
std::string MutedLine(const std::string& user_id, int64_t until_unix_s);

// Replaces the triage blocks of `message` (a chat.postMessage/chat.update body, or the `message` of a
// block_actions payload: blocks at the top level or inside attachments[0]) with a status context holding
// `status_lines` (newest last; "" = none) and the buttons for `target` (Unarchive when `archived`).
void SetTriageBlocks(nlohmann::json& message, const TriageTarget& target, bool archived,
                     const std::vector<std::string>& status_lines);
// The status lines the message shows now (from its status context), oldest first.
std::vector<std::string> TriageStatusLines(const nlohmann::json& message);
// True when the message's triage buttons offer Unarchive (the finding is archived).
bool ShowsArchived(const nlohmann::json& message);

}  // namespace gdslack
