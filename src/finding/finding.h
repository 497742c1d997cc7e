// Finding: the plain value model of one GuardDuty finding, as the renderer and the notifier need it.
// Only src/finding/parser.cc knows GuardDuty's field names; everything else reads these types.
// Every std::string here that came from a finding is UNTRUSTED text (attacker-chosen user agents, names,
// domains, titles): it is valid UTF-8 (the parser replaces invalid sequences) but is otherwise raw —
// escaping for Slack is the renderer's job (src/render/mrkdwn.h). Empty string = absent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gdslack {

enum class SeverityBand { kLow, kMedium, kHigh, kCritical };

// >= 9 Critical, >= 7 High, >= 4 Medium, else Low (docs/reference/guardduty.md#severity).
SeverityBand BandFor(double severity);
// "Low", "Medium", "High", "Critical".
const char* BandName(SeverityBand band);

// One labelled fact a responder needs ("Instance" -> "i-0abc (web-1)"). The parser chooses which facts a
// resource type or action type has, in display order; the renderer only lays them out.
struct Fact {
  std::string label;  // short, product-chosen (trusted): "Instance", "Access key", "Remote IP"
  std::string value;  // untrusted text from the finding
  bool code = false;  // show as an identifier (monospace) rather than prose
};

// A point in time from the finding. ISO-8601 text as given plus epoch seconds when it parsed.
struct Timestamp {
  std::string text;               // as in the finding ("2023-03-20T15:25:59.000Z"); empty = absent
  std::optional<int64_t> epoch;   // seconds since 1970 when text (or a numeric field) parsed
};

// An attack-sequence signal (Extended Threat Detection, AttackSequence:* types).
struct Signal {
  std::string title;        // signal name/title
  std::string type;         // e.g. "FINDING", "CLOUD_TRAIL"
  std::string description;
  int64_t count = 0;
  double severity = 0;
  bool has_severity = false;
};

struct Finding {
  // Identity
  std::string id;           // 32 hex, stable across updates
  std::string arn;
  std::string type;         // e.g. "Recon:EC2/PortProbeUnprotectedPort"; open set
  std::string title;
  std::string description;
  std::string schema_version;

  // Where: the member account that owns the finding (detail.accountId, never the envelope's account).
  std::string account_id;
  std::string account_name;  // filled by enrichment (Organizations / static map); empty = unknown
  std::string region;
  std::string partition = "aws";  // aws | aws-cn | aws-us-gov

  // How bad
  double severity = 0;
  bool has_severity = false;
  SeverityBand band = SeverityBand::kLow;
  std::optional<double> confidence;

  // When and how often
  Timestamp created_at;
  Timestamp updated_at;
  Timestamp first_seen;  // service.eventFirstSeen
  Timestamp last_seen;   // service.eventLastSeen
  int64_t count = 1;     // service.count

  // Flags
  bool archived = false;  // service.archived
  bool sample = false;    // service.additionalInfo.sample (inline or inside the "value" JSON string)

  // What and who
  std::string resource_type;  // open string: Instance, AccessKey, S3Bucket, EKSCluster, ...
  std::string action_type;    // NETWORK_CONNECTION, PORT_PROBE, DNS_REQUEST, AWS_API_CALL, ...; may be empty
  std::string feature_name;   // service.featureName
  std::string resource_role;  // TARGET | ACTOR

  std::vector<Fact> resource_facts;  // the affected resource, for its type (instance id + Name tag, bucket, pod, ...)
  std::vector<Fact> actor_facts;     // who/what acted (remote IP, country/city, org/ASN, API, user agent, domain, ...)
  std::vector<Fact> extra_facts;     // anything else worth a line (threat names, runtime process, malware, ...)

  // Attack sequences
  std::string sequence_description;  // multi-line
  std::vector<Signal> signals;

  // Where this came from, for logs and de-duplication.
  std::string event_id;    // EventBridge envelope id, empty for a bare finding
  std::string detail_type; // envelope detail-type ("GuardDuty Finding") when present
};

// Console deep link to the finding, for its partition and region (docs/reference/guardduty.md#console-links):
// AWS's own form
//   https://<region>.console.aws.amazon.com/guardduty/home?region=<region>#/findings?macros=current&fId=<id>
// with console.amazonaws.cn / console.amazonaws-us-gov.com hosts for the other partitions.
// Archived findings use macros=all so the link still shows them. Empty when id or region is missing or
// not made of safe characters (the link is product-constructed and must not carry attacker text).
std::string ConsoleUrl(const Finding& finding);

}  // namespace gdslack
