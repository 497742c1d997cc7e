// Operations messages: a Malware Protection for S3 scan result (threats found), a Malware Protection plan's
// status or a failed post-scan action, and Runtime Monitoring coverage turning unhealthy or healthy. Not
// findings, but each one is either malware in a bucket or a blind spot somebody must fix.
#include "render/messages.h"
#include "render/mrkdwn.h"

namespace gdslack::render_internal {
namespace {

std::string_view KindLabel(EventKind kind) {
  switch (kind) {
    case EventKind::kMalwareScan: return "Malware Protection for S3";
    case EventKind::kMalwareProtectionStatus: return "Malware Protection plan";
    case EventKind::kRuntimeCoverage: return "Runtime Monitoring coverage";
    default: return "GuardDuty";
  }
}

Json FieldsBlock(const Finding& f) {
  FieldsSection fields;
  fields.Add("Severity", BandName(f.band));
  fields.Add("Status", CodeSpan(f.status, kMaxShortValue));
  fields.Add("Account", MrkdwnLine(AccountText(f), kMaxShortValue));
  fields.Add("Owner", MrkdwnLine(f.owner, kMaxShortValue));  // an account tag's value: untrusted, escaped
  fields.Add("Region", MrkdwnLine(f.region, kMaxShortValue));
  fields.Add("Event", MrkdwnLine(f.detail_type, kMaxShortValue));
  fields.Add("Resource type", MrkdwnLine(f.resource_type, kMaxShortValue));
  fields.Add("Time", SlackDate(f.updated_at));
  return fields.Take();
}

}  // namespace

Json OperationsBlocks(const Finding& f) {
  Json blocks = Json::array();
  blocks.push_back(HeaderBlock(f, TitleOrType(f)));
  blocks.push_back(Section("*" + std::string(KindLabel(f.kind)) + "*"));
  blocks.push_back(FieldsBlock(f));
  AddFactSections(f, blocks);
  Json elements = Json::array();
  if (std::string id = CodeSpan(f.event_id, kMaxShortValue); !id.empty()) {
    elements.push_back(MrkdwnObject("Event ID " + id));
    blocks.push_back(Object("type", "divider"));
    blocks.push_back(Object("type", "context", "elements", std::move(elements)));
  }
  // Malware in a bucket has a remediation guide; coverage and plan status are fixes to the setup, not incidents.
  if (f.kind == EventKind::kMalwareScan) {
    Json buttons = Json::array();
    AddRunbookButton(f, buttons);
    blocks.push_back(Object("type", "actions", "elements", std::move(buttons)));
  }
  FitMessage(blocks);
  return blocks;
}

}  // namespace gdslack::render_internal
