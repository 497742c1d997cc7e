#include "routing/owners.h"

#include "routing/matcher.h"

namespace gdslack {

std::string OwnerOf(const RoutingConfig& config, const Finding& finding) {
  for (const std::string& key : config.owner_tags) {
    auto tag = finding.account_tags.find(key);
    if (tag != finding.account_tags.end() && !tag->second.empty()) return tag->second;
  }
  return "";
}

std::string RunbookFor(const RoutingConfig& config, const Finding& finding) {
  for (const Runbook& runbook : config.runbooks) {
    if (GlobMatch(runbook.type, finding.type)) return runbook.url;
  }
  return "";
}

}  // namespace gdslack
