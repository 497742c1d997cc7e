// Finding: the plain value model of one GuardDuty finding (or of another GuardDuty or Security Hub event
// that deserves a message, see EventKind), as the renderer and the notifier need it.
// Only src/finding/ knows the events' field names; everything else reads these types.
// Every std::string here that came from a finding is UNTRUSTED text (attacker-chosen user agents, names,
// domains, titles): it is valid UTF-8 (the parser replaces invalid sequences) but is otherwise raw —
// escaping for Slack is the renderer's job (src/render/mrkdwn.h). Empty string = absent.
#pragma once

#include <cstdint>
#include <map>
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
  // Short and product-chosen ("Instance", "Access key", "Remote IP"), except in Finding::other_facts, where it is a
  // member's path from the event (untrusted, escaped like any value).
  std::string label;
  std::string value;  // untrusted text from the finding
  bool code = false;  // show as an identifier (monospace) rather than prose
};

// A point in time from the finding. ISO-8601 text as given plus epoch seconds when it parsed.
struct Timestamp {
  std::string text;              // as in the finding ("2023-03-20T15:25:59.000Z"); empty = absent
  std::optional<int64_t> epoch;  // seconds since 1970 when text (or a numeric field) parsed
};

// What kind of event a Finding came from. Each kind has its own message layout (src/render/).
enum class EventKind {
  kGuardDutyFinding,         // "GuardDuty Finding"
  kMalwareScan,              // "GuardDuty Malware Protection Object Scan Result" (S3 object)
  kMalwareProtectionStatus,  // Malware Protection plan resource status / post-scan action failed
  kRuntimeCoverage,          // "GuardDuty Runtime Protection Healthy|Unhealthy"
  kSecurityHub,              // Security Hub ASFF ("Security Hub Findings - Imported") or OCSF ("Findings Imported V2")
};

// One API call a signal observed (API Activity/ApiCall; custom detection rule signals carry them).
struct ApiActivity {
  std::string operation;  // api.operation ("ModifyInstanceAttribute")
  std::string service;    // api.service ("ec2.amazonaws.com")
  std::string error;      // api.error (an error code when the call failed)
  std::string user_agent;
};

// An attack-sequence signal (Extended Threat Detection, AttackSequence:* types; API Signal).
struct Signal {
  std::string title;  // name (for FINDING signals the finding type) or title
  std::string uid;
  std::string type;  // FINDING, CLOUD_TRAIL, S3_DATA_EVENTS, ...
  std::string description;
  int64_t count = 0;
  double severity = 0;
  bool has_severity = false;
  Timestamp first_seen;                 // firstSeenAt
  Timestamp last_seen;                  // lastSeenAt
  std::vector<ApiActivity> activities;  // API calls (custom detection rules)
};

// API Indicator: key (ATTACK_TACTIC, ATTACK_TECHNIQUE, HIGH_RISK_API, TOR_IP, ...), title, values.
struct Indicator {
  std::string key;
  std::string title;
  std::vector<std::string> values;
};

// API Actor (user, session, process), flattened to what a responder reads.
struct SequenceActor {
  std::string id;
  std::string user_name;
  std::string user_type;
  std::string user_uid;
  std::string credential_uid;  // access key id
  std::string account_id;      // user.account.uid
  std::string account_name;
  std::string mfa;      // session.mfaStatus
  std::string issuer;   // session.issuer
  std::string process;  // process.name
};

// API NetworkEndpoint.
struct SequenceEndpoint {
  std::string id;
  std::string ip;
  std::string domain;
  std::string port;
  std::string city;
  std::string country;
  std::string asn_name;
  std::string asn_number;
  std::string direction;  // connection.direction
};

// API ResourceV2.
struct SequenceResource {
  std::string uid;
  std::string name;
  std::string type;  // EC2_INSTANCE, S3_BUCKET, ACCESS_KEY, EKS_CLUSTER, ...
  std::string account_id;
  std::string region;
  std::string service;
  // What data.<kind> says about it, labelled (task definition, image, launch type, instances, ...), in display order;
  // a kind of data without its own layout becomes one fact per member (labelled with the member's name).
  std::vector<Fact> details;
};

// service.detection.sequence (API Sequence). Empty uid and no signals = not an attack sequence.
struct AttackSequence {
  std::string uid;
  std::string description;  // multi-line
  std::vector<Signal> signals;
  std::vector<Indicator> indicators;  // sequenceIndicators
  std::vector<SequenceActor> actors;
  std::vector<SequenceEndpoint> endpoints;
  std::vector<SequenceResource> resources;
  std::vector<std::string> additional_types;  // additionalSequenceTypes
  bool empty() const { return uid.empty() && description.empty() && signals.empty() && indicators.empty(); }
};

struct Finding {
  // Identity
  std::string id;  // 32 hex, stable across updates
  std::string arn;
  std::string type;  // e.g. "Recon:EC2/PortProbeUnprotectedPort"; open set
  std::string title;
  std::string description;
  std::string schema_version;

  // Where: the member account that owns the finding (detail.accountId, never the envelope's account).
  std::string account_id;
  std::string account_name;  // filled by enrichment (Organizations / static map); empty = unknown
  // Filled by enrichment from Organizations only when the routing file asks for them (account_tag, ou, to_tag,
  // owner_tags): the account's tags (untrusted values) and its OU path from the root down, without the root
  // ("Workloads/Prod"; "" directly under the root or unknown).
  std::map<std::string, std::string> account_tags;
  std::string account_ou_path;
  std::string owner;        // the value of the first owner_tags tag present (untrusted); "" = none
  std::string runbook_url;  // the routing file's runbook for this type (https); "" = the built-in default
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
  // The safety net: members of the finding the parser does not know (finding/finding_members.txt), labelled with
  // their path, so an addition AWS makes is visible the day it ships.
  std::vector<Fact> other_facts;

  // Custom detection rules: the rule that matched (customDetectionRuleName); its signals' API calls are in
  // sequence.signals[].activities.
  std::string custom_rule_name;

  // Attack sequences
  AttackSequence sequence;

  // Other event kinds (EventKind): the product that raised it (Security Hub), its status (scan result,
  // coverage, workflow) and remediation text and link (Security Hub).
  EventKind kind = EventKind::kGuardDutyFinding;
  std::string product;
  std::string status;
  std::string remediation;
  std::string remediation_url;  // untrusted: shown as a button only for AWS documentation hosts

  // Where this came from, for logs and de-duplication.
  std::string event_id;     // EventBridge envelope id, empty for a bare finding
  std::string detail_type;  // envelope detail-type ("GuardDuty Finding") when present
};

// Console deep link to the finding, for its partition and region (docs/reference/guardduty.md#console-links):
// AWS's own form
//   https://<region>.console.aws.amazon.com/guardduty/home?region=<region>#/findings?macros=current&fId=<id>
// with console.amazonaws.cn / console.amazonaws-us-gov.com hosts for the other partitions.
// Archived findings use macros=all so the link still shows them. Empty for other event kinds, and when id
// or region is missing or
// not made of safe characters (the link is product-constructed and must not carry attacker text).
std::string ConsoleUrl(const Finding& finding);

}  // namespace gdslack
