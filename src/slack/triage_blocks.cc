#include "slack/triage_blocks.h"

#include "base/iso8601.h"
#include "base/utf8.h"
#include "state/triage_store.h"

namespace gdslack {
namespace {

// How many decisions the status line keeps (a context block holds at most 10 elements).
constexpr std::size_t kMaxStatusLines = 5;

nlohmann::json Button(std::string_view action_id, std::string_view text, const std::string& value,
                      const char* style = nullptr) {
  nlohmann::json b = {{"type", "button"},
                      {"action_id", action_id},
                      {"text", {{"type", "plain_text"}, {"text", text}, {"emoji", true}}},
                      {"value", value}};
  if (style != nullptr) b["style"] = style;
  return b;
}

// The block array the message's content lives in: attachments[0].blocks when the message has the colour
// bar, else the top-level blocks (created when missing).
nlohmann::json& BlocksOf(nlohmann::json& message) {
  if (message.contains("attachments") && message["attachments"].is_array() && !message["attachments"].empty() &&
      message["attachments"][0].is_object() && message["attachments"][0].contains("blocks")) {
    return message["attachments"][0]["blocks"];
  }
  if (!message.contains("blocks") || !message["blocks"].is_array()) message["blocks"] = nlohmann::json::array();
  return message["blocks"];
}

const nlohmann::json* BlockWithId(const nlohmann::json& message, std::string_view block_id) {
  const nlohmann::json* blocks = nullptr;
  if (message.contains("attachments") && message["attachments"].is_array() && !message["attachments"].empty() &&
      message["attachments"][0].is_object() && message["attachments"][0].contains("blocks")) {
    blocks = &message["attachments"][0]["blocks"];
  } else if (message.contains("blocks")) {
    blocks = &message["blocks"];
  }
  if (blocks == nullptr || !blocks->is_array()) return nullptr;
  for (const nlohmann::json& b : *blocks) {
    if (b.is_object() && b.value("block_id", "") == block_id) return &b;
  }
  return nullptr;
}

// "2026-12-07 23:40 UTC"
std::string ShortUtc(int64_t unix_s) {
  const std::string iso = FormatIso8601Utc(unix_s);  // 2026-12-07T23:40:00Z
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

bool IsAsciiDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

bool IsFindingId(std::string_view s) {
  if (s.empty() || s.size() > 300) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

bool IsRegion(std::string_view s) {
  if (s.size() < 4 || s.size() > 30) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

bool IsPrintable(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::string AcknowledgedLine(const std::string& user_id, int64_t at_unix_s) {
  return "Acknowledged by <@" + user_id + "> at " + ShortUtc(at_unix_s);
}

std::string ArchivedLine(bool archived, const std::string& user_id, int64_t at_unix_s) {
  return std::string(archived ? "Archived" : "Unarchived") + " in GuardDuty by <@" + user_id + "> at " +
         ShortUtc(at_unix_s);
}

std::string MutedLine(const std::string& user_id, int64_t until_unix_s) {
  return "Similar findings (same type, account and resource) muted by <@" + user_id + "> until " +
         ShortUtc(until_unix_s);
}

TriageTarget TriageTargetOf(const Finding& finding) {
  return {finding.id, finding.region, finding.account_id, finding.type, TriageResourceOf(finding)};
}

std::string EncodeTriageValue(const TriageTarget& target) {
  TriageTarget t = target;
  // Ids and Region are short by construction; a type or resource from a hostile finding is cut to fit.
  t.type = t.type.substr(0, Utf8PrefixLength(t.type, 200));
  t.resource_id = t.resource_id.substr(0, Utf8PrefixLength(t.resource_id, kTriageResourceMaxBytes));
  nlohmann::json v = {{"f", t.finding_id}, {"r", t.region}, {"a", t.account_id}, {"t", t.type}, {"x", t.resource_id}};
  std::string out = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  while (out.size() > kButtonValueMaxChars && !t.resource_id.empty()) {
    // JSON escaping (control characters, quotes) can grow the text: cut further until it fits.
    t.resource_id = t.resource_id.substr(0, Utf8PrefixLength(t.resource_id, t.resource_id.size() / 2));
    v["x"] = t.resource_id;
    out = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return out;
}

Result<TriageTarget> DecodeTriageValue(std::string_view value) {
  if (value.size() > kButtonValueMaxChars) return Result<TriageTarget>(Code::kInvalidInput, "button value too long");
  nlohmann::json v = nlohmann::json::parse(value, nullptr, false);
  if (v.is_discarded() || !v.is_object()) return Result<TriageTarget>(Code::kInvalidInput, "button value is not JSON");
  for (const char* k : {"f", "r", "a", "t", "x"}) {
    if (!v.contains(k) || !v[k].is_string()) {
      return Result<TriageTarget>(Code::kInvalidInput, std::string("button value lacks \"") + k + "\"");
    }
  }
  TriageTarget t{v["f"], v["r"], v["a"], v["t"], v["x"]};
  if (!IsFindingId(t.finding_id)) return Result<TriageTarget>(Code::kInvalidInput, "not a finding id");
  if (!IsRegion(t.region)) return Result<TriageTarget>(Code::kInvalidInput, "not a Region");
  if (t.account_id.size() != 12 || !IsAsciiDigits(t.account_id)) {
    return Result<TriageTarget>(Code::kInvalidInput, "not an account id");
  }
  if (t.type.empty() || !IsPrintable(t.type) || !IsPrintable(t.resource_id)) {
    return Result<TriageTarget>(Code::kInvalidInput, "not a finding type");
  }
  return t;
}

void SetTriageBlocks(nlohmann::json& message, const TriageTarget& target, bool archived,
                     const std::vector<std::string>& status_lines) {
  nlohmann::json& blocks = BlocksOf(message);
  nlohmann::json kept = nlohmann::json::array();
  for (nlohmann::json& b : blocks) {
    const std::string id = b.is_object() ? b.value("block_id", "") : "";
    if (id != kTriageActionsBlockId && id != kTriageStatusBlockId) kept.push_back(std::move(b));
  }
  const std::size_t first = status_lines.size() > kMaxStatusLines ? status_lines.size() - kMaxStatusLines : 0;
  nlohmann::json elements = nlohmann::json::array();
  for (std::size_t i = first; i < status_lines.size(); ++i) {
    if (!status_lines[i].empty()) elements.push_back({{"type", "mrkdwn"}, {"text", status_lines[i]}});
  }
  if (!elements.empty()) {
    kept.push_back({{"type", "context"}, {"block_id", kTriageStatusBlockId}, {"elements", elements}});
  }
  const std::string value = EncodeTriageValue(target);
  kept.push_back({{"type", "actions"},
                  {"block_id", kTriageActionsBlockId},
                  {"elements",
                   {Button(kAckActionId, "Acknowledge", value, "primary"),
                    archived ? Button(kUnarchiveActionId, "Unarchive in GuardDuty", value)
                             : Button(kArchiveActionId, "Archive in GuardDuty", value),
                    Button(kMuteActionId, "Mute similar 7 days", value)}}});
  blocks = std::move(kept);
}

std::vector<std::string> TriageStatusLines(const nlohmann::json& message) {
  std::vector<std::string> out;
  const nlohmann::json* status = BlockWithId(message, kTriageStatusBlockId);
  if (status == nullptr || !status->contains("elements") || !(*status)["elements"].is_array()) return out;
  for (const nlohmann::json& e : (*status)["elements"]) {
    if (e.is_object() && e.contains("text") && e["text"].is_string()) out.push_back(e["text"]);
  }
  return out;
}

bool ShowsArchived(const nlohmann::json& message) {
  const nlohmann::json* actions = BlockWithId(message, kTriageActionsBlockId);
  if (actions == nullptr || !actions->contains("elements") || !(*actions)["elements"].is_array()) return false;
  for (const nlohmann::json& e : (*actions)["elements"]) {
    if (e.is_object() && e.value("action_id", "") == kUnarchiveActionId) return true;
  }
  return false;
}

}  // namespace gdslack
