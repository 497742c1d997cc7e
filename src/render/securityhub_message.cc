// The message for a Security Hub finding (ASFF or OCSF): severity label, product, account, region, type,
// resources, status, description, remediation, and a button to the remediation page when it is AWS's own
// documentation (a third-party product can import findings with any URL, which must not become a button).
#include "render/messages.h"
#include "render/mrkdwn.h"

namespace gdslack::render_internal {
namespace {

constexpr std::string_view kRemediationButtonText = "Remediation";
constexpr std::string_view kRemediationActionId = "open_remediation";
constexpr std::size_t kMaxDescription = 2500;
constexpr std::size_t kMaxRemediation = 1000;

// https://docs.aws.amazon.com/... (and the other partitions' documentation hosts), nothing else: no
// userinfo, no other port, only URL-safe characters.
bool IsAwsDocumentationUrl(const std::string& url) {
  for (std::string_view prefix : {"https://docs.aws.amazon.com/", "https://docs.amazonaws.cn/"}) {
    if (url.rfind(prefix, 0) != 0) continue;
    for (char c : url) {
      const auto u = static_cast<unsigned char>(c);
      if (u <= 0x20 || u >= 0x7F || c == '<' || c == '>' || c == '|' || c == '"' || c == '\\') return false;
    }
    return url.size() <= kMaxButtonUrl;
  }
  return false;
}

Json FieldsBlock(const Finding& f) {
  FieldsSection fields;
  fields.Add("Severity", BandName(f.band));
  fields.Add("Product", MrkdwnLine(f.product, kMaxShortValue));
  fields.Add("Account", MrkdwnLine(AccountText(f), kMaxShortValue));
  fields.Add("Region", MrkdwnLine(f.region, kMaxShortValue));
  fields.Add("Type", CodeSpan(f.type, kMaxShortValue));
  fields.Add("Resource type", MrkdwnLine(f.resource_type, kMaxShortValue));
  fields.Add("Status", MrkdwnLine(f.status, kMaxShortValue));
  fields.Add("First seen", SlackDate(f.first_seen));
  fields.Add("Last seen", SlackDate(f.last_seen));
  return fields.Take();
}

}  // namespace

Json SecurityHubBlocks(const Finding& f) {
  Json blocks = Json::array();
  blocks.push_back(HeaderBlock(f, TitleOrType(f)));
  blocks.push_back(
      Section("*Security Hub*" + (f.detail_type.empty() ? "" : " \xC2\xB7 " + MrkdwnLine(f.detail_type, 100))));
  blocks.push_back(FieldsBlock(f));
  AddFactSections(f, blocks);
  AddFreeText(blocks, "Description", f.description, kMaxDescription);
  AddFreeText(blocks, "Remediation", f.remediation, kMaxRemediation);
  const bool button = IsAwsDocumentationUrl(f.remediation_url);
  if (!button) {
    if (std::string url = CodeSpan(f.remediation_url, kMaxFactValue); !url.empty()) {
      blocks.push_back(Section("*Remediation link* (not an AWS documentation page, not linked): " + url));
    }
  }
  Json elements = Json::array();
  if (std::string id = CodeSpan(f.id, kMaxShortValue); !id.empty())
    elements.push_back(MrkdwnObject("Finding ID " + id));
  if (std::string updated = SlackDate(f.updated_at); !updated.empty())
    elements.push_back(MrkdwnObject("Updated " + updated));
  if (!elements.empty()) {
    blocks.push_back(Object("type", "divider"));
    blocks.push_back(Object("type", "context", "elements", std::move(elements)));
  }
  if (button) {
    Json buttons = Json::array();
    buttons.push_back(Object("type", "button", "text",
                             PlainTextObject(PlainText(kRemediationButtonText, kMaxButtonText)), "url",
                             f.remediation_url, "action_id", kRemediationActionId));
    blocks.push_back(Object("type", "actions", "elements", std::move(buttons)));
  }
  FitMessage(blocks);
  return blocks;
}

}  // namespace gdslack::render_internal
