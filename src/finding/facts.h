// Facts: the labelled lines a responder needs, chosen per resource type and per action type
// (docs/reference/guardduty.md#resources, #service-and-action), plus threat intelligence, runtime process and malware
// details. Internal to src/finding/.
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

// Shared by the fact emitters (facts_common.cc).
// "a, b, c" with at most kMaxListItems, then " +N more". Empty items are dropped, duplicates kept once.
std::string JoinCapped(const std::vector<std::string>& items);
// Strings of an array of scalars, or of one member of each object in an array.
std::vector<std::string> Strings(const json* arr, std::string_view member = {});
// "yes"/"no" for a boolean (or "true"/"false" string), "" otherwise.
std::string YesNo(const json* j);
// "main (extra)", or whichever is not empty.
std::string WithParen(std::string main, const std::string& extra);
// Emits "+N more" for repeated facts (one per bucket, image, resource) beyond kMaxListItems.
void AddMore(FactList& out, std::string_view label, std::size_t total);
// Value of the tag with key "Name" in a [{key, value}] array.
std::string NameTag(const json* tags);

// The affected resource: one emitter per sub-object present (the one matching resourceType first)
// (facts_resource.cc).
void ResourceFacts(const json* resource, const std::string& resource_type, FactList& out);
// Who or what acted, for service.action's type.
void ActorFacts(const json* action, const std::string& action_type, FactList& out);
// Threat intelligence names, runtime process, malware.
void ExtraFacts(const json* service, FactList& out);
// The safety net: every scalar member of `finding` (the detail object) that finding_members.inc does not list, as one
// fact per path ("service.newThing.name": values joined, capped) (unknown_members.cc).
void UnknownMemberFacts(const json& finding, FactList& out);
// Whether finding_members.inc lists `path` (for tests).
bool IsKnownMember(std::string_view path);
// service.detection.sequence (API Sequence) as the model's AttackSequence (facts_sequence.cc).
AttackSequence SequenceFrom(const json* sequence);

}  // namespace gdslack::finding_internal
