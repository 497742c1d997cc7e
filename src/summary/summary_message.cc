#include "summary/summary_message.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "base/iso8601.h"
#include "render/mrkdwn.h"

namespace gdslack {
namespace {

using json = nlohmann::ordered_json;

// Per-value budgets: a hostile finding type or account name cannot crowd out the rest of a field or line.
constexpr std::size_t kMaxKey = 200;
constexpr std::size_t kMaxTitle = 150;
constexpr std::size_t kMaxReason = 300;

json Mrkdwn(std::string text) { return {{"type", "mrkdwn"}, {"text", std::move(text)}, {"verbatim", true}}; }
json Section(std::string text) { return {{"type", "section"}, {"text", Mrkdwn(std::move(text))}}; }
json Context(std::string text) { return {{"type", "context"}, {"elements", json::array({Mrkdwn(std::move(text))})}}; }

std::string Plural(int64_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string Score(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Account(const std::string& id, const std::string& name) {
  if (name.empty()) return EscapeAndTruncate(id, 40);
  return MrkdwnLine(name, 100) + " (" + EscapeAndTruncate(id, 40) + ")";
}

// Lines joined while they fit `budget` characters, then "…and N more" for the rest.
std::string Lines(const std::vector<std::string>& lines, std::size_t budget, int64_t more_beyond = 0) {
  std::string text;
  std::size_t shown = 0;
  for (const std::string& line : lines) {
    if (SlackLength(text) + SlackLength(line) + 60 > budget) break;
    text += (text.empty() ? "" : "\n") + line;
    ++shown;
  }
  const int64_t more = static_cast<int64_t>(lines.size() - shown) + more_beyond;
  if (more > 0) text += "\n…and " + std::to_string(more) + " more";
  return text;
}

json Fields(const std::string& title, const std::vector<SummaryCount>& rows, bool accounts) {
  json fields = json::array();
  for (const SummaryCount& row : rows) {  // at most kTopN (5) of the 10 fields Slack allows
    const std::string name = accounts ? Account(row.key, row.label) : CodeSpan(row.key, kMaxKey);
    fields.push_back({{"type", "mrkdwn"}, {"text", name + "\n" + std::to_string(row.count)}, {"verbatim", true}});
  }
  return {{"type", "section"}, {"text", Mrkdwn("*" + title + "*")}, {"fields", fields}};
}

}  // namespace

std::string RenderSummaryPayload(const DailySummary& s, const std::string& destination) {
  static constexpr const char* kBands[] = {"Low", "Medium", "High", "Critical"};
  std::string headline = "GuardDuty daily summary: " + Plural(s.total(), "finding") + " in the last 24 hours";
  if (!s.unreadable.empty())
    headline += " (" + Plural(static_cast<int64_t>(s.unreadable.size()), "Region") + " not read)";

  json blocks = json::array();
  blocks.push_back(
      {{"type", "header"},
       {"text", {{"type", "plain_text"}, {"text", PlainText("GuardDuty daily summary", kMaxHeaderText)}}}});
  std::string regions;
  for (const std::string& r : s.regions_read) regions += (regions.empty() ? "" : ", ") + EscapeAndTruncate(r, 40);
  blocks.push_back(Context("Findings updated from " + FormatIso8601Utc(s.since_unix_ms / 1000) + " to " +
                           FormatIso8601Utc(s.until_unix_ms / 1000) + ", not archived · " + MrkdwnLine(s.scope, 600) +
                           " · Regions read: " + (regions.empty() ? "none" : regions) + " · for " +
                           MrkdwnLine(destination, 100)));
  if (!s.unreadable.empty()) {
    std::vector<std::string> lines;
    for (const UnreadableRegion& u : s.unreadable) {
      lines.push_back("• *" + EscapeAndTruncate(u.region, 40) + "*: " + MrkdwnLine(u.reason, kMaxReason));
    }
    blocks.push_back(Section(":warning: *Not read, so not counted below:*\n" + Lines(lines, kMaxSectionText - 100)));
  }

  json bands = json::array();
  for (std::size_t b = s.by_band.size(); b-- > 0;) {
    bands.push_back({{"type", "mrkdwn"},
                     {"text", std::string("*") + kBands[b] + "*\n" + std::to_string(s.by_band[b])},
                     {"verbatim", true}});
  }
  blocks.push_back(
      {{"type", "section"}, {"text", Mrkdwn("*" + Plural(s.total(), "finding") + " by severity*")}, {"fields", bands}});
  if (!s.top_types.empty()) blocks.push_back(Fields("Top finding types", s.top_types, false));
  if (!s.top_accounts.empty()) blocks.push_back(Fields("Top accounts", s.top_accounts, true));

  std::vector<std::string> open;
  for (const OpenFinding& f : s.open) {
    std::string line = "• *" + std::string(BandName(BandFor(f.severity))) + "* " + Score(f.severity) + " " +
                       CodeSpan(f.type, kMaxKey) + " in " + Account(f.account_id, f.account_name) + ", " +
                       EscapeAndTruncate(f.region, 40);
    if (!f.title.empty()) line += "\n   " + MrkdwnLine(f.title, kMaxTitle);
    open.push_back(std::move(line));
  }
  const int64_t not_listed = s.open_total - static_cast<int64_t>(s.open.size());
  const std::string open_count = std::to_string(s.open_total) + (s.open_total_is_floor ? "+" : "");
  blocks.push_back(Section(
      "*Open High and Critical findings not acknowledged: " + open_count + "*" +
      (open.empty() ? std::string() : "\n" + Lines(open, kMaxSectionText - 200, not_listed > 0 ? not_listed : 0))));

  std::vector<std::string> mutes;
  for (const ExpiringMute& m : s.expiring_mutes) {
    mutes.push_back("• " + FormatIso8601Utc(m.expires_at_unix_s) + ": " + MrkdwnLine(m.description, 300));
  }
  blocks.push_back(Section("*Mutes expiring within 7 days: " + std::to_string(mutes.size()) + "*" +
                           (mutes.empty() ? std::string() : "\n" + Lines(mutes, kMaxSectionText - 200))));

  json payload;
  payload["text"] = DefangLinks(headline);
  payload["blocks"] = blocks;
  payload["unfurl_links"] = false;
  payload["unfurl_media"] = false;
  return payload.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gdslack
