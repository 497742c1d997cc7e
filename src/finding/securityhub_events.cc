// Security Hub findings (testdata/events/SOURCES.md): "Security Hub Findings - Imported" carries ASFF findings in
// detail.findings[]; the new Security Hub's "Findings Imported V2" carries OCSF findings in the same place.
// A GuardDuty finding seen here is, by default, acknowledged and not posted: it also arrives as its own
// "GuardDuty Finding" event (ParseOptions::post_securityhub_guardduty).
#include <algorithm>
#include <cctype>

#include "finding/facts.h"
#include "finding/other_events.h"
#include "finding/timestamp.h"

namespace gdslack::finding_internal {
namespace {

constexpr std::string_view kAsffDetailType = "Security Hub Findings - Imported";
constexpr std::string_view kOcsfDetailType = "Findings Imported V2";
constexpr std::string_view kGuardDutyProduct = "GuardDuty";
// Findings per event read at most (ASFF events carry one in practice; BatchImportFindings takes 100).
constexpr std::size_t kMaxFindingsPerEvent = 100;

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Severity label (ASFF Severity.Label, OCSF severity) onto GuardDuty's bands; the number shown is the
// lower bound of GuardDuty's band so the colour bar matches. INFORMATIONAL and unknown read as Low.
void SetBandFromLabel(Finding& f, const std::string& label) {
  const std::string l = Upper(label);
  double severity = 1.0;
  if (l == "CRITICAL" || l == "FATAL")
    severity = 9.0;
  else if (l == "HIGH")
    severity = 7.0;
  else if (l == "MEDIUM")
    severity = 4.0;
  f.severity = severity;
  f.band = BandFor(severity);
  f.has_severity = false;  // a label, not a score: the band name is what is shown
}

bool IsGuardDutyProduct(const std::string& name, const std::string& arn) {
  return name == kGuardDutyProduct || arn.find("/product/aws/guardduty") != std::string::npos;
}

Finding FromAsff(const json& a, const std::string& detail_type) {
  Finding f;
  f.kind = EventKind::kSecurityHub;
  f.detail_type = detail_type;
  f.id = StrAt(&a, {"Id"});
  f.arn = f.id;
  f.type = Strings(Get(&a, "Types")).empty() ? "" : Strings(Get(&a, "Types")).front();
  f.title = StrAt(&a, {"Title"});
  f.description = StrAt(&a, {"Description"});
  f.schema_version = StrAt(&a, {"SchemaVersion"});
  f.product = StrAt(&a, {"ProductName"});
  if (f.product.empty()) f.product = StrAt(&a, {"ProductFields", "aws/securityhub/ProductName"});
  f.account_id = StrAt(&a, {"AwsAccountId"});
  f.region = StrAt(&a, {"Region"});
  std::vector<std::string> status;
  for (const std::string& s :
       {StrAt(&a, {"Compliance", "Status"}), StrAt(&a, {"Workflow", "Status"}), StrAt(&a, {"RecordState"})}) {
    if (!s.empty()) status.push_back(s);
  }
  f.status = JoinCapped(status);
  SetBandFromLabel(f, StrAt(&a, {"Severity", "Label"}));
  f.created_at = TimestampFrom(Get(&a, "CreatedAt"));
  f.updated_at = TimestampFrom(Get(&a, "UpdatedAt"));
  f.first_seen = TimestampFrom(Get(&a, "FirstObservedAt"));
  f.last_seen = TimestampFrom(Get(&a, "LastObservedAt"));
  f.remediation = StrAt(&a, {"Remediation", "Recommendation", "Text"});
  f.remediation_url = StrAt(&a, {"Remediation", "Recommendation", "Url"});
  FactList resources(&f.resource_facts);
  std::size_t n = 0;
  if (const json* list = AsArray(Get(&a, "Resources"))) {
    for (const json& r : *list) {
      if (AsObject(&r) == nullptr) continue;
      if (++n > kMaxListItems) continue;
      if (n == 1) f.resource_type = StrAt(&r, {"Type"});
      resources.Add(StrAt(&r, {"Type"}).empty() ? "Resource" : StrAt(&r, {"Type"}), StrAt(&r, {"Id"}), true);
    }
  }
  AddMore(resources, "Resource", n);
  FactList extra(&f.extra_facts);
  extra.Add("Generator", StrAt(&a, {"GeneratorId"}), true);
  extra.Add("Company", StrAt(&a, {"CompanyName"}));
  return f;
}

Finding FromOcsf(const json& o, const std::string& detail_type) {
  Finding f;
  f.kind = EventKind::kSecurityHub;
  f.detail_type = detail_type;
  const json* info = Get(&o, "finding_info");
  f.id = StrAt(info, {"uid"});
  f.type = Strings(Get(info, "types")).empty() ? StrAt(&o, {"type_name"}) : Strings(Get(info, "types")).front();
  f.title = StrAt(info, {"title"});
  f.description = StrAt(info, {"desc"});
  f.schema_version = StrAt(&o, {"metadata", "version"});
  f.product = StrAt(&o, {"metadata", "product", "name"});
  f.account_id = StrAt(&o, {"cloud", "account", "uid"});
  f.region = StrAt(&o, {"cloud", "region"});
  std::vector<std::string> status;
  for (const std::string& s : {StrAt(&o, {"compliance", "status"}), StrAt(&o, {"status"})}) {
    if (!s.empty()) status.push_back(s);
  }
  f.status = JoinCapped(status);
  SetBandFromLabel(f, StrAt(&o, {"severity"}));
  f.created_at = TimestampFrom(Get(info, "created_time"));
  f.updated_at = TimestampFrom(Get(info, "modified_time"));
  if (f.updated_at.text.empty()) f.updated_at = TimestampFrom(Get(&o, "time"));
  f.first_seen = TimestampFrom(Get(info, "first_seen_time"));
  f.last_seen = TimestampFrom(Get(info, "last_seen_time"));
  f.remediation = StrAt(&o, {"remediation", "desc"});
  std::vector<std::string> references = Strings(At(&o, {"remediation", "references"}));
  if (!references.empty()) f.remediation_url = references.front();
  FactList resources(&f.resource_facts);
  std::size_t n = 0;
  if (const json* list = AsArray(Get(&o, "resources"))) {
    for (const json& r : *list) {
      if (AsObject(&r) == nullptr) continue;
      if (++n > kMaxListItems) continue;
      if (n == 1) f.resource_type = StrAt(&r, {"type"});
      std::string id = StrAt(&r, {"uid"});
      if (id.empty()) id = StrAt(&r, {"name"});
      resources.Add(StrAt(&r, {"type"}).empty() ? "Resource" : StrAt(&r, {"type"}), id, true);
    }
  }
  AddMore(resources, "Resource", n);
  FactList extra(&f.extra_facts);
  extra.Add("Vendor", StrAt(&o, {"metadata", "product", "vendor_name"}));
  extra.Add("Class", StrAt(&o, {"class_name"}));
  return f;
}

}  // namespace

bool IsSecurityHubEvent(std::string_view detail_type) {
  return detail_type == kAsffDetailType || detail_type == kOcsfDetailType;
}

void ReadSecurityHubEvent(const json& event, const std::string& detail_type, const ParseOptions& options,
                          EventReading& out) {
  const json* findings = AsArray(At(&event, {"detail", "findings"}));
  if (findings == nullptr) return;
  const bool ocsf = detail_type == kOcsfDetailType;
  std::size_t n = 0;
  for (const json& item : *findings) {
    if (AsObject(&item) == nullptr || ++n > kMaxFindingsPerEvent) continue;
    Finding f = ocsf ? FromOcsf(item, detail_type) : FromAsff(item, detail_type);
    f.event_id = StrAt(&event, {"id"});
    if (f.region.empty()) f.region = StrAt(&event, {"region"});
    const std::string product_arn = ocsf ? StrAt(&item, {"metadata", "product", "uid"}) : StrAt(&item, {"ProductArn"});
    if (!options.post_securityhub_guardduty && IsGuardDutyProduct(f.product, product_arn)) {
      out.acknowledged.push_back(detail_type +
                                 " (a GuardDuty finding: posted from its own GuardDuty event; "
                                 "SECURITY_HUB_GUARDDUTY=post posts it here)");
      continue;
    }
    out.findings.push_back(std::move(f));
  }
}

}  // namespace gdslack::finding_internal
