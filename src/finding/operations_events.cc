// GuardDuty's operational events (testdata/events/SOURCES.md; EventBridge reference "Amazon GuardDuty events"): a
// Malware Protection for S3 object scan result, a Malware Protection plan's resource status, a failed post-scan action,
// and a Runtime Monitoring agent's coverage turning healthy or unhealthy.
#include "finding/facts.h"
#include "finding/other_events.h"
#include "finding/timestamp.h"

namespace gdslack::finding_internal {
namespace {

constexpr std::string_view kScanResult = "GuardDuty Malware Protection Object Scan Result";
constexpr std::string_view kStatusPrefix = "GuardDuty Malware Protection Resource Status ";
constexpr std::string_view kPostScanActionFailed = "GuardDuty Malware Protection Post Scan Action Failed";
constexpr std::string_view kRuntimeHealthy = "GuardDuty Runtime Protection Healthy";
constexpr std::string_view kRuntimeUnhealthy = "GuardDuty Runtime Protection Unhealthy";

// Severity of an operations message: chosen by us, on GuardDuty's scale, so the colour bar and band read
// the same way as for findings. A scan that found malware is as bad as the Object:S3/MaliciousFile finding
// (High, 8); a blind spot (agent unhealthy, plan in error) is Medium; good news is Low.
constexpr double kSeverityThreat = 8.0;
constexpr double kSeverityBlindSpot = 5.0;
constexpr double kSeverityInformational = 2.0;

// A skip reason quoted in an acknowledgement note (a log line, not a message).
constexpr std::size_t kMaxNoteReason = 200;

void SetSeverity(Finding& f, double severity) {
  f.severity = severity;
  f.has_severity = false;  // our choice of band, not a GuardDuty score: only the band is shown
  f.band = BandFor(severity);
}

// Envelope fields every event has.
Finding FromEnvelope(const json& event, const std::string& detail_type, EventKind kind) {
  Finding f;
  f.kind = kind;
  f.detail_type = detail_type;
  f.event_id = StrAt(&event, {"id"});
  f.account_id = StrAt(&event, {"account"});
  f.region = StrAt(&event, {"region"});
  f.created_at = TimestampFrom(Get(&event, "time"));
  f.updated_at = f.created_at;
  f.type = detail_type;
  return f;
}

// The event's resources[] (the Malware Protection plan ARN, the protected bucket).
void EnvelopeResources(const json& event, FactList& out) {
  std::vector<std::string> arns = Strings(Get(&event, "resources"));
  out.Add("AWS resource", JoinCapped(arns), true);
}

// Why a scan was skipped (statusReasons, 2026-04-10): [{code, message}] or strings, under scanResultDetails or
// beside it (docs/reference/guardduty.md#skipped-scans); "message (CODE)" each.
std::string SkipReasons(const json* d) {
  std::vector<std::string> reasons;
  for (const json* list : {At(d, {"scanResultDetails", "statusReasons"}), Get(d, "statusReasons")}) {
    if (AsArray(list) == nullptr) continue;
    for (const json& r : *list) {
      reasons.push_back(r.is_object() ? WithParen(StrAt(&r, {"message"}), StrAt(&r, {"code"})) : Str(&r));
    }
  }
  return JoinCapped(reasons);
}

void ReadScanResult(const json& event, const std::string& detail_type, const ParseOptions& options, EventReading& out) {
  const json* d = Get(&event, "detail");
  const std::string result = StrAt(d, {"scanResultDetails", "scanResultStatus"});
  const std::string skipped = SkipReasons(d);
  if (!options.PostsScanResult(result)) {
    // The note keeps the reason: "skipped" alone leaves the operator guessing which objects go unscanned and why.
    out.acknowledged.push_back(detail_type + " (" + (result.empty() ? std::string("no result") : result) +
                               (skipped.empty() ? "" : ": " + TruncateUtf8(skipped, kMaxNoteReason)) +
                               "; MALWARE_SCAN_RESULTS lists what posts)");
    return;
  }
  Finding f = FromEnvelope(event, detail_type, EventKind::kMalwareScan);
  const json* object = Get(d, "s3ObjectDetails");
  const std::string bucket = StrAt(object, {"bucketName"});
  const std::string key = StrAt(object, {"objectKey"});
  f.status = result;
  f.resource_type = StrAt(d, {"resourceType"});
  if (result == "THREATS_FOUND") {
    SetSeverity(f, kSeverityThreat);
    f.title = "Malware found in s3://" + bucket + "/" + key;
  } else {
    SetSeverity(f, result == "NO_THREATS_FOUND" ? kSeverityInformational : kSeverityBlindSpot);
    f.title = "Malware scan " + result + ": s3://" + bucket + "/" + key;
  }
  FactList resource(&f.resource_facts);
  resource.Add("Bucket", bucket, true);
  resource.Add("Object key", key, true);
  resource.Add("Version", StrAt(object, {"versionId"}), true);
  resource.Add("ETag", StrAt(object, {"eTag"}).empty() ? StrAt(object, {"etag"}) : StrAt(object, {"eTag"}), true);
  if (Bool(Get(object, "s3Throttled")).value_or(false)) resource.Add("S3 throttled", "yes");
  FactList extra(&f.extra_facts);
  extra.Add("Threats", JoinCapped(Strings(At(d, {"scanResultDetails", "threats"}), "name")));
  extra.Add("Scan status", StrAt(d, {"scanStatus"}));
  extra.Add("Skipped because", skipped);
  extra.Add("Scan type",
            StrAt(d, {"attemptedScanType"}).empty() ? StrAt(d, {"scanType"}) : StrAt(d, {"attemptedScanType"}));
  EnvelopeResources(event, extra);
  out.findings.push_back(std::move(f));
}

// Plan status and post-scan action failures: documented by name, their detail only in part, so known
// members are named and the bucket, object and reasons are looked for where the plan API puts them.
void ReadPlanEvent(const json& event, const std::string& detail_type, EventReading& out) {
  Finding f = FromEnvelope(event, detail_type, EventKind::kMalwareProtectionStatus);
  const json* d = Get(&event, "detail");
  const bool failed_action = detail_type == kPostScanActionFailed;
  std::string status = failed_action ? "POST_SCAN_ACTION_FAILED" : detail_type.substr(kStatusPrefix.size());
  if (std::string s = StrAt(d, {"status"}); !s.empty()) status = s;
  f.status = status;
  const bool good = status == "Active" || status == "ACTIVE";
  SetSeverity(f, good ? kSeverityInformational : kSeverityBlindSpot);
  std::string bucket = StrAt(d, {"protectedResource", "s3Bucket", "bucketName"});
  if (bucket.empty()) bucket = StrAt(d, {"s3ObjectDetails", "bucketName"});
  if (bucket.empty()) bucket = StrAt(d, {"bucketName"});
  f.title =
      std::string(failed_action ? "Malware Protection post-scan action failed" : "Malware Protection plan " + status) +
      (bucket.empty() ? "" : ": s3://" + bucket);
  FactList resource(&f.resource_facts);
  resource.Add("Bucket", bucket, true);
  resource.Add("Object key", StrAt(d, {"s3ObjectDetails", "objectKey"}), true);
  resource.Add("Version", StrAt(d, {"s3ObjectDetails", "versionId"}), true);
  FactList extra(&f.extra_facts);
  std::vector<std::string> reasons;
  if (const json* list = AsArray(Get(d, "statusReasons"))) {
    for (const json& r : *list) reasons.push_back(WithParen(StrAt(&r, {"message"}), StrAt(&r, {"code"})));
  }
  extra.Add("Reason", JoinCapped(reasons));
  for (std::string_view key : {"failureReason", "statusReason", "reason", "message"}) {
    extra.Add("Reason", StrAt(d, {key}));
  }
  extra.Add("Post-scan action",
            StrAt(d, {"postScanAction"}).empty() ? StrAt(d, {"action"}) : StrAt(d, {"postScanAction"}));
  EnvelopeResources(event, extra);
  out.findings.push_back(std::move(f));
}

void ReadRuntimeCoverage(const json& event, const std::string& detail_type, EventReading& out) {
  Finding f = FromEnvelope(event, detail_type, EventKind::kRuntimeCoverage);
  const json* d = Get(&event, "detail");
  const bool healthy = detail_type == kRuntimeHealthy;
  SetSeverity(f, healthy ? kSeverityInformational : kSeverityBlindSpot);
  if (std::string account = StrAt(d, {"resourceAccountId"}); !account.empty()) f.account_id = account;
  const std::string current = StrAt(d, {"currentStatus"});
  const std::string previous = StrAt(d, {"previousStatus"});
  f.status = current.empty() ? (healthy ? "HEALTHY" : "UNHEALTHY") : current;
  f.updated_at = TimestampFrom(Get(d, "lastUpdatedAt"));
  if (f.updated_at.text.empty()) f.updated_at = f.created_at;
  const json* rd = Get(d, "resourceDetails");
  f.resource_type = StrAt(rd, {"resourceType"});
  FactList resource(&f.resource_facts);
  std::string name;
  if (const json* eks = AsObject(Get(rd, "eksClusterDetails"))) {
    name = StrAt(eks, {"clusterName"});
    resource.Add("EKS cluster", name, true);
    const std::string available = StrAt(eks, {"availableNodes"});
    const std::string desired = StrAt(eks, {"desiredNodes"});
    if (!available.empty() || !desired.empty()) resource.Add("Nodes covered", available + " of " + desired);
    resource.Add("Agent version", StrAt(eks, {"addonVersion"}), true);
  }
  if (const json* ecs = AsObject(Get(rd, "ecsClusterDetails"))) {
    name = StrAt(ecs, {"clusterName"});
    resource.Add("ECS cluster", name, true);
    resource.Add("Fargate issues", JoinCapped(Strings(At(ecs, {"fargateDetails", "issues"}))));
    resource.Add("Container instances", StrAt(ecs, {"containerInstanceDetails", "coveredContainerInstances"}));
  }
  if (const json* ec2 = AsObject(Get(rd, "ec2InstanceDetails"))) {
    name = StrAt(ec2, {"instanceId"});
    resource.Add("Instance", name, true);
    resource.Add("Instance type", StrAt(ec2, {"instanceType"}), true);
    resource.Add("Cluster", StrAt(ec2, {"clusterArn"}), true);
    resource.Add("Agent version", StrAt(ec2, {"agentDetails", "version"}), true);
  }
  const std::string what = f.resource_type.empty() ? "resource" : f.resource_type;
  f.title = std::string("Runtime Monitoring ") + (healthy ? "healthy again" : "unhealthy") + ": " + what +
            (name.empty() ? "" : " " + name);
  FactList extra(&f.extra_facts);
  extra.Add("Issue", StrAt(d, {"issue"}));
  if (!previous.empty() || !current.empty()) extra.Add("Status", previous + " \xE2\x86\x92 " + current);  // →
  EnvelopeResources(event, extra);
  out.findings.push_back(std::move(f));
}

}  // namespace

bool IsOperationsEvent(std::string_view detail_type) {
  return detail_type == kScanResult || detail_type.starts_with(kStatusPrefix) || detail_type == kPostScanActionFailed ||
         detail_type == kRuntimeHealthy || detail_type == kRuntimeUnhealthy;
}

void ReadOperationsEvent(const json& event, const std::string& detail_type, const ParseOptions& options,
                         EventReading& out) {
  if (detail_type == kScanResult) {
    ReadScanResult(event, detail_type, options, out);
  } else if (detail_type == kRuntimeHealthy || detail_type == kRuntimeUnhealthy) {
    ReadRuntimeCoverage(event, detail_type, out);
  } else {
    ReadPlanEvent(event, detail_type, out);
  }
}

}  // namespace gdslack::finding_internal
