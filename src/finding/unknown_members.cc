// The safety net (docs/reference/guardduty.md#what-is-shown): a member of a finding that no layout knows still
// reaches the responder. Every member path GuardDuty's API model has is listed in finding_members.inc, shown or
// deliberately not shown (tests/guardduty_model checks the list against the model); anything else in the event, a
// member AWS added after that list was last reviewed, becomes a fact labelled with its path.
#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>
#include <vector>

#include "finding/facts.h"

namespace gdslack::finding_internal {
namespace {

// Unknown paths listed before "+N more": a real finding has a few new members at a time; a hostile one may have
// thousands, and the section has a fixed budget anyway.
constexpr std::size_t kMaxUnknownMembers = 20;

struct Member {
  std::string_view path;
  bool subtree;  // "x.**": x and everything below it
};

// Sorted once: lookups are binary searches.
// The list as data: a push_back per member would be ~80 bytes of code each (~48 KB of the Lambda package).
constexpr std::string_view kMemberPaths[] = {
#define GD_MEMBER(path, disposition) path,
#include "finding/finding_members.inc"
#undef GD_MEMBER
};

const std::vector<Member>& KnownMembers() {
  static const std::vector<Member> members = [] {
    std::vector<Member> out;
    out.reserve(std::size(kMemberPaths));
    for (std::string_view path : kMemberPaths) {
      const bool subtree = path.ends_with(".**");
      if (subtree) path.remove_suffix(3);
      out.push_back(Member{path, subtree});
    }
    std::sort(out.begin(), out.end(), [](const Member& a, const Member& b) { return a.path < b.path; });
    return out;
  }();
  return members;
}

// nullptr when `path` is not listed.
const Member* Find(std::string_view path) {
  const std::vector<Member>& members = KnownMembers();
  auto it = std::lower_bound(members.begin(), members.end(), path,
                             [](const Member& m, std::string_view p) { return m.path < p; });
  return it != members.end() && it->path == path ? &*it : nullptr;
}

// Values of one unknown path, in order of appearance.
using Unknown = std::map<std::string, std::vector<std::string>>;

void Walk(const json& j, std::string& path, Unknown& unknown) {
  if (!path.empty()) {
    const Member* m = Find(path);
    if (m != nullptr && m->subtree) return;
    if (!j.is_object() && !j.is_array()) {
      if (m == nullptr && !j.is_null()) unknown[path].push_back(Str(&j));
      return;
    }
  }
  const std::size_t size = path.size();
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!path.empty()) path += '.';
      path += it.key();
      Walk(it.value(), path, unknown);
      path.resize(size);
    }
  } else if (j.is_array()) {
    path += "[]";
    for (const json& item : j) Walk(item, path, unknown);
    path.resize(size);
  }
}

}  // namespace

void UnknownMemberFacts(const json& finding, FactList& out) {
  Unknown unknown;
  std::string path;
  Walk(finding, path, unknown);
  std::size_t shown = 0;
  for (const auto& [member, values] : unknown) {
    if (++shown > kMaxUnknownMembers) break;
    out.Add(member, JoinCapped(values), true);
  }
  if (unknown.size() > kMaxUnknownMembers) {
    out.Add("More members", "+" + std::to_string(unknown.size() - kMaxUnknownMembers) + " more");
  }
}

bool IsKnownMember(std::string_view path) { return Find(path) != nullptr; }

}  // namespace gdslack::finding_internal
