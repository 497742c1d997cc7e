// Attack-sequence sections (GuardDuty Extended Threat Detection). A sequence at the API's maxima (100
// signals, 100 indicators, up to 400 actors, endpoints and resources) is summarised within fixed budgets
// so the whole message stays inside Block Kit's limits: what does not fit is counted ("…and N more").
#include <algorithm>
#include <map>
#include <set>

#include "render/messages.h"
#include "render/mrkdwn.h"

namespace gdslack::render_internal {
namespace {

// Section budgets (Slack characters); with the rest of the message they stay under kMaxMessageText.
constexpr std::size_t kMaxSummary = 600;
constexpr std::size_t kMaxMitre = 900;
constexpr std::size_t kMaxIndicators = 1600;
constexpr std::size_t kMaxActors = 1000;
constexpr std::size_t kMaxEndpoints = 1000;
constexpr std::size_t kMaxResources = 1000;
constexpr std::size_t kMaxSignals = 2000;
constexpr std::size_t kMaxSequenceDescription = 1200;
// Items shown before "+N more" inside one line (MITRE has 14 tactics), and the width of one value.
constexpr std::size_t kMaxTactics = 14;
constexpr std::size_t kMaxTechniques = 10;
constexpr std::size_t kMaxValuesPerLine = 5;
constexpr std::size_t kMaxValue = 120;
constexpr std::size_t kMaxSignalName = 160;
constexpr std::size_t kMaxApiCalls = 1200;
constexpr std::size_t kMaxUserAgents = 3;

// Indicator keys (API Indicator) in the order a responder wants them, with a readable label.
struct IndicatorKey {
  std::string_view key;
  std::string_view label;
  bool code;  // values are identifiers (IPs, domains, APIs) worth copying
};
// What a responder looks at first: what can be patched or removed (vulnerable and malicious software and files),
// then what is exposed, then who and where the attacker is, then how unusual it was. MITRE tactics and techniques
// come after all of these (MitreLines). Keys of 2026-05-20 (VULNERABILITY, MALICIOUS_PACKAGE, SENSITIVE_DATA,
// MISCONFIGURATION, REACHABILITY) often come without a title, so the label is ours.
constexpr IndicatorKey kIndicatorKeys[] = {
    {"VULNERABILITY", "Vulnerabilities", true},
    {"MALICIOUS_PACKAGE", "Malicious packages", true},
    {"MALICIOUS_FILE", "Malicious files", true},
    {"MALICIOUS_PROCESS", "Malicious processes", true},
    {"CRYPTOMINING_PROCESS", "Cryptomining processes", true},
    {"SUSPICIOUS_PROCESS", "Suspicious processes", true},
    {"SENSITIVE_DATA", "Sensitive data", false},
    {"MISCONFIGURATION", "Misconfigurations", false},
    {"REACHABILITY", "Reachable from", false},
    {"TOR_IP", "Tor exit nodes", true},
    {"MALICIOUS_IP", "Malicious IPs", true},
    {"CRYPTOMINING_IP", "Cryptomining IPs", true},
    {"MALICIOUS_DOMAIN", "Malicious domains", true},
    {"CRYPTOMINING_DOMAIN", "Cryptomining domains", true},
    {"HIGH_RISK_API", "High-risk APIs", true},
    {"UNUSUAL_API_FOR_ACCOUNT", "APIs unusual for the account", true},
    {"SUSPICIOUS_USER_AGENT", "Suspicious user agents", true},
    {"SUSPICIOUS_NETWORK", "Suspicious networks", false},
    {"UNUSUAL_ASN_FOR_ACCOUNT", "Networks unusual for the account", false},
    {"UNUSUAL_ASN_FOR_USER", "Networks unusual for the user", false},
};

// ResourceV2 resourceType values as a responder says them; other values are shown as they come.
struct ResourceTypeName {
  std::string_view type;
  std::string_view label;
};
constexpr ResourceTypeName kResourceTypeNames[] = {
    {"EC2_INSTANCE", "EC2 instance"},
    {"EC2_NETWORK_INTERFACE", "Network interface"},
    {"EC2_LAUNCH_TEMPLATE", "Launch template"},
    {"EC2_VPC", "VPC"},
    {"EC2_IMAGE", "AMI"},
    {"AUTOSCALING_AUTO_SCALING_GROUP", "Auto Scaling group"},
    {"ECS_CLUSTER", "ECS cluster"},
    {"ECS_TASK", "ECS task"},
    {"CONTAINER", "Container"},
    {"EKS_CLUSTER", "EKS cluster"},
    {"KUBERNETES_WORKLOAD", "Kubernetes workload"},
    {"IAM_INSTANCE_PROFILE", "Instance profile"},
    {"ACCESS_KEY", "Access key"},
    {"S3_BUCKET", "S3 bucket"},
    {"S3_OBJECT", "S3 object"},
    {"CLOUDFORMATION_STACK", "CloudFormation stack"},
};

std::string Value(const std::string& v, bool code) { return code ? CodeSpan(v, kMaxValue) : MrkdwnLine(v, kMaxValue); }

// Values of every indicator with `key`, de-duplicated, in order of appearance.
std::vector<std::string> ValuesFor(const AttackSequence& s, std::string_view key) {
  std::vector<std::string> values;
  std::set<std::string> seen;
  for (const Indicator& i : s.indicators) {
    if (i.key != key) continue;
    for (const std::string& v : i.values) {
      if (seen.insert(v).second) values.push_back(v);
    }
  }
  return values;
}

std::string Joined(const std::vector<std::string>& values, bool code, std::size_t max_items = kMaxValuesPerLine) {
  std::vector<std::string> shown;
  shown.reserve(values.size());
  for (const std::string& v : values) shown.push_back(Value(v, code));
  return JoinShown(shown, max_items);
}

std::string Summary(const AttackSequence& s, bool custom_rule) {
  std::set<std::string> accounts;
  for (const SequenceResource& r : s.resources) {
    if (!r.account_id.empty()) accounts.insert(r.account_id);
  }
  std::optional<int64_t> first;
  std::optional<int64_t> last;
  Timestamp first_ts;
  Timestamp last_ts;
  for (const Signal& signal : s.signals) {
    if (signal.first_seen.epoch && (!first || *signal.first_seen.epoch < *first)) {
      first = signal.first_seen.epoch;
      first_ts = signal.first_seen;
    }
    if (signal.last_seen.epoch && (!last || *signal.last_seen.epoch > *last)) {
      last = signal.last_seen.epoch;
      last_ts = signal.last_seen;
    }
  }
  std::string text = std::string(custom_rule ? "*Custom detection rule:* " : "*Attack sequence:* ") +
                     std::to_string(s.signals.size()) + " signal" + (s.signals.size() == 1 ? "" : "s") + ", " +
                     std::to_string(s.resources.size()) + " resource" + (s.resources.size() == 1 ? "" : "s");
  if (!accounts.empty()) {
    text += " in " + std::to_string(accounts.size()) + " account" + (accounts.size() == 1 ? "" : "s");
  }
  if (!s.actors.empty()) text += ", " + std::to_string(s.actors.size()) + " actor" + (s.actors.size() == 1 ? "" : "s");
  if (!s.endpoints.empty()) {
    text += ", " + std::to_string(s.endpoints.size()) + " endpoint" + (s.endpoints.size() == 1 ? "" : "s");
  }
  if (first && last) text += "\n*Span:* " + SlackDate(first_ts) + " \xE2\x86\x92 " + SlackDate(last_ts);  // →
  if (!s.additional_types.empty()) text += "\n*Also matches:* " + Joined(s.additional_types, true);
  if (std::string uid = CodeSpan(s.uid, 300); !uid.empty()) text += "\n*Sequence:* " + uid;
  // Every line is capped; the last lines give way if together they are too long.
  while (SlackLength(text) > kMaxSummary && text.find('\n') != std::string::npos) text.resize(text.rfind('\n'));
  return text;
}

std::vector<std::string> MitreLines(const AttackSequence& s) {
  std::vector<std::string> lines;
  if (std::string t = Joined(ValuesFor(s, "ATTACK_TACTIC"), false, kMaxTactics); !t.empty()) {
    lines.push_back("*Tactics:* " + t);
  }
  if (std::string t = Joined(ValuesFor(s, "ATTACK_TECHNIQUE"), false, kMaxTechniques); !t.empty()) {
    lines.push_back("*Techniques:* " + t);
  }
  return lines;
}

std::vector<std::string> IndicatorLines(const AttackSequence& s) {
  std::vector<std::string> lines;
  std::set<std::string> known = {"ATTACK_TACTIC", "ATTACK_TECHNIQUE"};
  for (const IndicatorKey& k : kIndicatorKeys) {
    known.insert(std::string(k.key));
    if (std::string values = Joined(ValuesFor(s, k.key), k.code); !values.empty()) {
      lines.push_back("*" + std::string(k.label) + ":* " + values);
    }
  }
  // Keys GuardDuty adds later: their title (or key) as the label, values as identifiers.
  std::map<std::string, std::string> others;  // key -> label
  for (const Indicator& i : s.indicators) {
    if (!known.contains(i.key) && !others.contains(i.key)) others[i.key] = i.title.empty() ? i.key : i.title;
  }
  for (const auto& [key, label] : others) {
    if (std::string values = Joined(ValuesFor(s, key), true); !values.empty()) {
      lines.push_back("*" + MrkdwnLine(label, kMaxValue) + ":* " + values);
    }
  }
  return lines;
}

std::vector<std::string> ActorLines(const AttackSequence& s) {
  std::vector<std::string> lines;
  for (const SequenceActor& a : s.actors) {
    std::vector<std::string> parts;
    std::string who = CodeSpan(a.user_name.empty() ? (a.user_uid.empty() ? a.id : a.user_uid) : a.user_name, kMaxValue);
    if (who.empty()) continue;
    if (!a.user_type.empty()) who += " (" + MrkdwnLine(a.user_type, kMaxValue) + ")";
    parts.push_back(who);
    if (!a.credential_uid.empty()) parts.push_back("key " + CodeSpan(a.credential_uid, kMaxValue));
    if (!a.account_id.empty() || !a.account_name.empty()) {
      std::string account = CodeSpan(a.account_id, kMaxValue);
      if (!a.account_name.empty()) account += (account.empty() ? "" : " ") + MrkdwnLine(a.account_name, kMaxValue);
      parts.push_back("account " + account);
    }
    if (!a.mfa.empty()) parts.push_back("MFA " + MrkdwnLine(a.mfa, kMaxValue));
    if (!a.issuer.empty()) parts.push_back("issuer " + CodeSpan(a.issuer, kMaxValue));
    if (!a.process.empty()) parts.push_back("process " + CodeSpan(a.process, kMaxValue));
    lines.push_back(JoinDotted(parts));
  }
  return lines;
}

std::vector<std::string> EndpointLines(const AttackSequence& s) {
  std::vector<std::string> lines;
  for (const SequenceEndpoint& e : s.endpoints) {
    std::vector<std::string> parts;
    std::string where = CodeSpan(e.ip.empty() ? (e.domain.empty() ? e.id : e.domain) : e.ip, kMaxValue);
    if (where.empty()) continue;
    if (!e.port.empty()) where += " port " + MrkdwnLine(e.port, 20);
    parts.push_back(where);
    if (!e.ip.empty() && !e.domain.empty()) parts.push_back("domain " + CodeSpan(e.domain, kMaxValue));
    const std::string place = e.city.empty() || e.country.empty() ? e.city + e.country : e.city + ", " + e.country;
    if (!place.empty()) parts.push_back(MrkdwnLine(place, kMaxValue));
    if (!e.asn_name.empty() || !e.asn_number.empty()) {
      std::string asn = MrkdwnLine(e.asn_name, kMaxValue);
      if (!e.asn_number.empty())
        asn += (asn.empty() ? "AS" : " (AS") + MrkdwnLine(e.asn_number, 20) + (asn.empty() ? "" : ")");
      parts.push_back(asn);
    }
    if (!e.direction.empty()) parts.push_back(MrkdwnLine(e.direction, 20));
    lines.push_back(JoinDotted(parts));
  }
  return lines;
}

std::string ResourceTypeLabel(const std::string& type) {
  for (const ResourceTypeName& n : kResourceTypeNames) {
    if (n.type == type) return std::string(n.label);
  }
  return MrkdwnLine(type, 40);
}

std::vector<std::string> ResourceLines(const AttackSequence& s) {
  std::vector<std::string> lines;
  for (const SequenceResource& r : s.resources) {
    std::string id = CodeSpan(r.name.empty() ? r.uid : r.name, kMaxValue);
    if (id.empty()) continue;
    std::string line = r.type.empty() ? id : ResourceTypeLabel(r.type) + " " + id;
    if (!r.account_id.empty()) line += " \xC2\xB7 account " + CodeSpan(r.account_id, 40);
    if (!r.region.empty()) line += " \xC2\xB7 " + MrkdwnLine(r.region, 40);
    for (const Fact& fact : r.details) {
      if (std::string value = Value(fact.value, fact.code); !value.empty()) {
        line += " \xC2\xB7 " + MrkdwnLine(fact.label, 40) + " " + value;
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

// The API calls the signals observed (custom detection rules): one line per operation and service, most frequent
// first, with its failures; then the user agents that made them.
std::vector<std::string> ApiCallLines(const AttackSequence& s) {
  struct Call {
    std::string operation;
    std::string service;
    std::size_t count = 0;
    std::vector<std::string> errors;
  };
  std::vector<Call> calls;
  std::vector<std::string> agents;
  for (const Signal& signal : s.signals) {
    for (const ApiActivity& a : signal.activities) {
      auto it = std::find_if(calls.begin(), calls.end(),
                             [&](const Call& c) { return c.operation == a.operation && c.service == a.service; });
      if (it == calls.end()) it = calls.insert(calls.end(), Call{a.operation, a.service, 0, {}});
      ++it->count;
      if (!a.error.empty() && std::find(it->errors.begin(), it->errors.end(), a.error) == it->errors.end()) {
        it->errors.push_back(a.error);
      }
      if (!a.user_agent.empty() && std::find(agents.begin(), agents.end(), a.user_agent) == agents.end()) {
        agents.push_back(a.user_agent);
      }
    }
  }
  std::stable_sort(calls.begin(), calls.end(), [](const Call& a, const Call& b) { return a.count > b.count; });
  std::vector<std::string> lines;
  for (const Call& c : calls) {
    std::vector<std::string> parts;
    std::string what = CodeSpan(c.operation.empty() ? c.service : c.operation, kMaxValue);
    if (!c.operation.empty() && !c.service.empty()) what += " (" + MrkdwnLine(c.service, kMaxValue) + ")";
    parts.push_back(what);
    parts.push_back(std::to_string(c.count) + "\xC3\x97");  // "3×"
    if (!c.errors.empty()) parts.push_back("errors " + Joined(c.errors, true));
    lines.push_back(JoinDotted(parts));
  }
  if (!agents.empty()) lines.push_back("*User agents:* " + Joined(agents, true, kMaxUserAgents));
  return lines;
}

// Strongest first: severity descending, then the earliest first-seen (the order things happened).
std::vector<std::string> SignalLines(const AttackSequence& s) {
  std::vector<const Signal*> order;
  for (const Signal& signal : s.signals) order.push_back(&signal);
  std::stable_sort(order.begin(), order.end(), [](const Signal* a, const Signal* b) {
    const double sa = a->has_severity ? a->severity : -1;
    const double sb = b->has_severity ? b->severity : -1;
    if (sa != sb) return sa > sb;
    return a->first_seen.epoch.value_or(INT64_MAX) < b->first_seen.epoch.value_or(INT64_MAX);
  });
  std::vector<std::string> lines;
  for (const Signal* signal : order) {
    std::string line = signal->title.empty() ? "" : CodeSpan(signal->title, kMaxSignalName);
    if (line.empty()) line = signal->type.empty() ? "" : CodeSpan(signal->type, kMaxSignalName);
    if (line.empty()) continue;
    std::vector<std::string> meta;
    if (signal->has_severity) meta.push_back("severity " + ShortNumber(signal->severity));
    if (signal->count > 0) meta.push_back(std::to_string(signal->count) + "\xC3\x97");  // "3×"
    if (!signal->type.empty() && !signal->title.empty()) meta.push_back(MrkdwnLine(signal->type, 40));
    if (std::string first = SlackDate(signal->first_seen); !first.empty()) {
      std::string last = SlackDate(signal->last_seen);
      meta.push_back(last.empty() || last == first ? first : first + " \xE2\x86\x92 " + last);
    }
    std::string joined;
    for (const std::string& m : meta) joined += (joined.empty() ? "" : ", ") + m;
    if (!joined.empty()) line += " (" + joined + ")";
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace

void AddSequenceBlocks(const AttackSequence& sequence, bool custom_rule, Json& blocks) {
  auto add = [&](std::string text) {
    if (!text.empty()) blocks.push_back(Section(std::move(text)));
  };
  add(Summary(sequence, custom_rule));
  add(BulletList("API calls", ApiCallLines(sequence), kMaxApiCalls));
  add(BulletList("Key indicators", IndicatorLines(sequence), kMaxIndicators));
  add(BulletList("MITRE ATT&amp;CK", MitreLines(sequence), kMaxMitre));
  add(BulletList("Actors", ActorLines(sequence), kMaxActors));
  add(BulletList("Network endpoints", EndpointLines(sequence), kMaxEndpoints));
  add(BulletList("Resources", ResourceLines(sequence), kMaxResources));
  add(BulletList("Strongest signals", SignalLines(sequence), kMaxSignals));
  AddFreeText(blocks, custom_rule ? "Custom detection rule" : "Attack sequence", sequence.description,
              kMaxSequenceDescription);
}

}  // namespace gdslack::render_internal
