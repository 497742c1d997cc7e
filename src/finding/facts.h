// Facts: the labelled lines a responder needs, chosen per resource type and per action type
// (docs/reference/guardduty.md#resources, #service-and-action), plus threat intelligence, runtime process and malware details. Internal to src/finding/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "finding/finding.h"
#include "finding/json_read.h"

namespace gdslack::finding_internal {

// Lists inside one fact (ports, IPs, groups) and repeated facts (buckets, images) stop here, then "+N more".
inline constexpr std::size_t kMaxListItems = 5;
// A fact value is a line in a message, not a document; the renderer cuts further for Slack's limits.
inline constexpr std::size_t kMaxFactBytes = 1024;

class FactList {
 public:
  explicit FactList(std::vector<Fact>* out) : out_(out) {}

  // Skips empty values; caps long ones on a code-point boundary.
  void Add(std::string_view label, std::string value, bool code = false) {
    if (value.empty()) return;
    if (value.size() > kMaxFactBytes) value = TruncateUtf8(value, kMaxFactBytes);
    out_->push_back(Fact{std::string(label), std::move(value), code});
  }

 private:
  std::vector<Fact>* out_;
};

// The affected resource: one emitter per sub-object present (the one matching resourceType first), then the
// resources of an attack sequence.
void ResourceFacts(const json* resource, const json* sequence, const std::string& resource_type, FactList& out);
// Who or what acted, for service.action's type.
void ActorFacts(const json* action, const std::string& action_type, FactList& out);
// Threat intelligence names, runtime process, malware.
void ExtraFacts(const json* service, FactList& out);

}  // namespace gdslack::finding_internal
