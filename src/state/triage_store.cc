#include "state/triage_store.h"

#include "base/utf8.h"

namespace gdslack {

std::string TriageMuteKey(const std::string& type, const std::string& account_id, const std::string& resource_id) {
  // '\x1f' (unit separator) cannot appear in a finding type, an account id or a resource id.
  return type + '\x1f' + account_id + '\x1f' + resource_id;
}

const TriageMute* MatchingTriageMute(const std::vector<TriageMute>& mutes, const std::string& type,
                                     const std::string& account_id, const std::string& resource_id,
                                     int64_t now_unix_s) {
  for (const TriageMute& m : mutes) {
    if (m.until_unix_s > now_unix_s && m.type == type && m.account_id == account_id && m.resource_id == resource_id) {
      return &m;
    }
  }
  return nullptr;
}

std::string TriageResourceOf(const Finding& finding) {
  // The affected resource's first fact (instance id, access key, bucket, cluster, ...), under its type so
  // that two kinds of resource never share a key. Cut so that a button's value stays within Slack's limit.
  std::string id = finding.resource_facts.empty() ? "" : finding.resource_facts.front().value;
  id = id.substr(0, Utf8PrefixLength(id, kTriageResourceMaxBytes));
  return finding.resource_type.empty() && id.empty() ? "" : finding.resource_type + ":" + id;
}

}  // namespace gdslack
