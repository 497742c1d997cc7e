#include "routing/digest_message.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "render/mrkdwn.h"

namespace gdslack {
namespace {

using json = nlohmann::json;

std::string Score(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string AccountText(const DigestGroup& g) {
  if (g.account_name.empty()) return EscapeAndTruncate(g.account_id, 40);
  return EscapeAndTruncate(g.account_name, 100) + " (" + EscapeAndTruncate(g.account_id, 40) + ")";
}

// Same marker as a single message's (render/slack_message.cc): a sample must never read as a real alert.
constexpr std::string_view kSampleTag = "[SAMPLE] ";

std::string GroupLine(const DigestGroup& g) {
  std::string line = std::string(g.sample ? kSampleTag : "") + "*" + BandName(g.band) + "* (up to " +
                     Score(g.max_severity) + ") · *" + std::to_string(g.findings) + "* finding" +
                     (g.findings == 1 ? "" : "s") + ", " + std::to_string(g.occurrences) + " occurrence" +
                     (g.occurrences == 1 ? "" : "s") + "\n" + CodeSpan(g.type, 200) + " in " + AccountText(g);
  const std::string url = g.latest != nullptr ? ConsoleUrl(*g.latest) : "";
  if (!url.empty()) line += "\n<" + url + "|Latest in the GuardDuty console>";
  return line;
}

std::string Summary(const std::vector<DigestGroup>& groups) {
  std::size_t total = 0;
  bool all_samples = !groups.empty();
  for (const DigestGroup& g : groups) {
    total += g.findings;
    all_samples = all_samples && g.sample;
  }
  return std::string(all_samples ? kSampleTag : "") + "GuardDuty digest: " + std::to_string(total) + " finding" +
         (total == 1 ? "" : "s") + " in " + std::to_string(groups.size()) + " group" + (groups.size() == 1 ? "" : "s");
}

}  // namespace

std::string RenderDigestPayload(const std::vector<DigestGroup>& groups, const std::string& mention,
                                MessageFormat format) {
  const std::string summary = Summary(groups);
  const std::string lead = mention.empty() ? "" : mention + " ";
  // Groups shown: at most kMaxDigestGroups, and only while the text of all blocks stays within Slack's
  // total (kMaxMessageText, counted in UTF-8 bytes; the header and context take well under 1,000).
  std::vector<std::string> lines;
  std::size_t total = summary.size() + 200;
  for (std::size_t i = 0; i < groups.size() && i < kMaxDigestGroups; ++i) {
    std::string line = GroupLine(groups[i]);
    if (total + line.size() + 100 > kMaxMessageText) break;
    total += line.size();
    lines.push_back(std::move(line));
  }
  const std::size_t shown = lines.size();
  const std::string more =
      groups.size() > shown ? "… and " + std::to_string(groups.size() - shown) + " more groups" : std::string();
  json payload;
  if (format == MessageFormat::kText) {
    std::string text = lead + summary;
    for (std::size_t i = 0; i < shown && text.size() < kMaxFallbackText - 400; ++i) {
      const DigestGroup& g = groups[i];
      // Slack linkifies plain text: the account name is defanged as in a single message's text.
      text += "\n" + std::string(g.sample ? kSampleTag : "") + BandName(g.band) + " ×" + std::to_string(g.findings) +
              " " + EscapeAndTruncate(g.type, 120) + " in " + DefangLinks(AccountText(g));
    }
    if (!more.empty()) text += "\n" + more;
    payload["text"] = text;
    payload["unfurl_links"] = false;
    payload["unfurl_media"] = false;
    return payload.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  json blocks = json::array();
  blocks.push_back({{"type", "header"},
                    {"text", {{"type", "plain_text"}, {"text", PlainText(summary, kMaxHeaderText)}, {"emoji", true}}}});
  blocks.push_back({{"type", "context"},
                    {"elements", json::array({{{"type", "mrkdwn"},
                                               {"text",
                                                "Grouped by severity, finding type and account. High and Critical "
                                                "findings are posted one by one."},
                                               {"verbatim", true}}})}});
  for (const std::string& line : lines) {
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", line}, {"verbatim", true}}}});
  }
  if (!more.empty()) {
    blocks.push_back(
        {{"type", "context"}, {"elements", json::array({{{"type", "mrkdwn"}, {"text", more}, {"verbatim", true}}})}});
  }
  const SeverityBand top = groups.empty() ? SeverityBand::kLow : groups.front().band;
  payload["text"] = lead + summary;
  payload["attachments"] = json::array({{{"color", std::string(SeverityColor(top))}, {"blocks", blocks}}});
  // As for a single message: never let Slack fetch a URL from finding data.
  payload["unfurl_links"] = false;
  payload["unfurl_media"] = false;
  return payload.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace gdslack
