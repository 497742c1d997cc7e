// The webhook payload: one legacy attachment (the severity colour bar) wrapping the blocks of the layout
// for the event's kind (messages.h), or the blog's one-line text message; and the Block Kit Builder link.
#include "render/slack_message.h"

#include <string_view>

#include "base/url.h"
#include "render/messages.h"
#include "render/mrkdwn.h"

namespace gdslack {
namespace {

using render_internal::Json;
using render_internal::Object;

constexpr std::string_view kSampleTag = "[SAMPLE] ";
constexpr std::string_view kArchivedTag = "[ARCHIVED] ";
constexpr std::string_view kBlockKitBuilder = "https://app.slack.com/block-kit-builder/#";
// The Builder reads the fragment as JavaScript's encodeURIComponent writes it: these stay, the rest is %XX.
constexpr std::string_view kEncodeUriComponentKeeps = "-_.!~*'()";

Json Blocks(const Finding& f) {
  switch (f.kind) {
    case EventKind::kGuardDutyFinding: return render_internal::FindingBlocks(f);
    case EventKind::kMalwareScan:
    case EventKind::kMalwareProtectionStatus:
    case EventKind::kRuntimeCoverage: return render_internal::OperationsBlocks(f);
    case EventKind::kSecurityHub: return render_internal::SecurityHubBlocks(f);
  }
  return render_internal::FindingBlocks(f);
}

// The blog's one-liner: ":warning: *High 8*: *account*: title :warning:". Account and title are defanged:
// this is top-level text, which Slack linkifies.
std::string TextLine(const Finding& f) {
  std::string prefix = ":warning: ";
  if (f.sample) prefix += kSampleTag;
  if (f.archived) prefix += kArchivedTag;
  prefix += std::string("*") + BandName(f.band);
  if (f.has_severity) prefix += " " + render_internal::ShortNumber(f.severity);
  prefix += "*: ";
  const std::string account = PlainText(render_internal::AccountText(f), render_internal::kMaxShortValue);
  if (std::string escaped = EscapeAndTruncate(DefangLinks(account), render_internal::kMaxShortValue);
      !escaped.empty()) {
    prefix += "*" + escaped + "*: ";
  }
  constexpr std::string_view kSuffix = " :warning:";
  const std::size_t budget = kMaxFallbackText - SlackLength(prefix) - kSuffix.size();
  const std::string title = PlainText(render_internal::TitleOrType(f), kMaxFallbackText);
  return prefix + EscapeAndTruncate(DefangLinks(title), budget) + std::string(kSuffix);
}

std::string_view SourceName(const Finding& f) {
  return f.kind == EventKind::kSecurityHub ? "Security Hub" : "GuardDuty";
}

// FallbackLine's text with the attacker-chosen parts (account name, title) passed through `part`.
template <typename Part>
std::string Line(const Finding& finding, Part part) {
  std::string line;
  if (finding.sample) line += kSampleTag;
  if (finding.archived) line += kArchivedTag;
  line += std::string(SourceName(finding)) + " " + BandName(finding.band);
  if (finding.has_severity) line += " " + render_internal::OneDecimal(finding.severity);
  if (!finding.product.empty() && finding.kind == EventKind::kSecurityHub) line += " " + finding.product;
  // An operations event's type is its detail-type, which starts "GuardDuty" again; its title says it all.
  const bool operations = finding.kind == EventKind::kMalwareScan ||
                          finding.kind == EventKind::kMalwareProtectionStatus ||
                          finding.kind == EventKind::kRuntimeCoverage;
  if (!finding.type.empty() && !operations) line += " " + finding.type;
  const std::string account = part(render_internal::AccountText(finding));
  if (!account.empty() || !finding.region.empty()) {
    line += " in " + account;
    if (!account.empty() && !finding.region.empty()) line += "/";
    line += finding.region;
  }
  if (!finding.title.empty()) line += ": " + part(finding.title);
  // One line of valid UTF-8; PlainText with the whole size as budget cleans without cutting.
  return PlainText(line, line.size());
}

}  // namespace

std::string FallbackLine(const Finding& finding) {
  return Line(finding, [](const std::string& s) { return s; });
}

std::string RenderSlackPayload(const Finding& finding, const RenderOptions& options) {
  Json payload;
  if (options.format == MessageFormat::kText) {
    payload["text"] = TextLine(finding);
  } else {
    // Top-level text is linkified by Slack: the account name and title are defanged.
    payload["text"] =
        EscapeAndTruncate(Line(finding, [](const std::string& s) { return DefangLinks(s); }), kMaxFallbackText);
    Json attachments = Json::array();
    attachments.push_back(Object("color", render_internal::ColorFor(finding.band), "blocks", Blocks(finding)));
    payload["attachments"] = std::move(attachments);
  }
  // Finding text may contain URLs; never let Slack fetch them. link_names and parse stay unset so no
  // plain "@name" or "#channel" can become a mention.
  payload["unfurl_links"] = false;
  payload["unfurl_media"] = false;
  return render_internal::Dump(payload);
}

std::string BlockKitBuilderUrl(const std::string& payload_json) {
  const Json payload = Json::parse(payload_json, nullptr, /*allow_exceptions=*/false);
  Json message = Json::object();
  if (payload.is_object()) {
    if (auto it = payload.find("blocks"); it != payload.end() && it->is_array()) message["blocks"] = *it;
    if (auto it = payload.find("attachments"); it != payload.end() && it->is_array()) {
      message["attachments"] = *it;
    }
    // The builder does not preview top-level text; show a text-only message as one section.
    if (message.empty()) {
      if (auto it = payload.find("text"); it != payload.end() && it->is_string() && !it->empty()) {
        message["blocks"] = Json::array({render_internal::Section(it->get<std::string>())});
      }
    }
  }
  if (message.empty()) message["blocks"] = Json::array();
  return std::string(kBlockKitBuilder) + PercentEncode(render_internal::Dump(message), kEncodeUriComponentKeeps);
}

std::string_view SeverityColor(SeverityBand band) { return render_internal::ColorFor(band); }

}  // namespace gdslack
