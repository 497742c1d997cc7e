// Test-only: a FindingsSource over an in-memory list of findings, answering the criteria the summary builder
// sends (eq / gte on the few fields it uses), with a switch to fail every call like an unreadable Region.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "summary/findings_source.h"

namespace gdslack {

struct FakeFinding {
  std::string id;
  std::string type;
  std::string account;
  double severity = 0;
  int64_t updated_at_ms = 0;
  bool archived = false;
};

class FakeFindingsSource : public FindingsSource {
 public:
  std::vector<FakeFinding> findings;
  Status fail = Status::Ok();  // not OK: every call fails with it
  std::vector<nlohmann::json> criteria_seen;
  int get_calls = 0;

  Result<FindingStatistics> Count(FindingGroupBy group_by, const nlohmann::json& criteria, int limit,
                                  int64_t deadline_unix_ms) override {
    (void)deadline_unix_ms;
    criteria_seen.push_back(criteria);
    if (!fail.ok()) return fail;
    std::map<std::string, int64_t> groups;
    for (const FakeFinding& f : Matching(criteria)) {
      char severity[16];
      std::snprintf(severity, sizeof severity, "%.1f", f.severity);
      groups[group_by == FindingGroupBy::kSeverity  ? std::string(severity)
             : group_by == FindingGroupBy::kAccount ? f.account
                                                    : f.type] += 1;
    }
    FindingStatistics out;
    for (const auto& [k, n] : groups) out.groups.push_back(FindingCount{k, n});
    std::stable_sort(out.groups.begin(), out.groups.end(),
                     [](const FindingCount& a, const FindingCount& b) { return a.total > b.total; });
    if (out.groups.size() > static_cast<std::size_t>(limit)) out.groups.resize(static_cast<std::size_t>(limit));
    return out;
  }

  Result<std::pair<std::vector<std::string>, bool>> ListIds(const nlohmann::json& criteria, const std::string& sort_by,
                                                            std::size_t max_ids, int64_t deadline_unix_ms) override {
    (void)deadline_unix_ms;
    criteria_seen.push_back(criteria);
    if (!fail.ok()) return fail;
    std::vector<FakeFinding> matching = Matching(criteria);
    if (sort_by == "severity") {
      std::stable_sort(matching.begin(), matching.end(),
                       [](const FakeFinding& a, const FakeFinding& b) { return a.severity > b.severity; });
    }
    std::vector<std::string> ids;
    ids.reserve(matching.size());
    for (const FakeFinding& f : matching) ids.push_back(f.id);
    const bool more = ids.size() > max_ids;
    if (more) ids.resize(max_ids);
    return std::make_pair(ids, more);
  }

  Result<std::vector<nlohmann::json>> Get(const std::vector<std::string>& ids, int64_t deadline_unix_ms) override {
    (void)deadline_unix_ms;
    ++get_calls;
    if (!fail.ok()) return fail;
    std::vector<nlohmann::json> out;
    for (const std::string& id : ids) {
      for (const FakeFinding& f : findings) {
        if (f.id != id) continue;
        out.push_back({{"schemaVersion", "2.0"},
                       {"id", f.id},
                       {"type", f.type},
                       {"accountId", f.account},
                       {"region", "eu-west-1"},
                       {"severity", f.severity},
                       {"title", "Title of " + f.id},
                       {"resource", {{"resourceType", "Instance"}}},
                       {"service", {{"archived", f.archived}, {"count", 1}}}});
      }
    }
    return out;
  }

 private:
  std::vector<FakeFinding> Matching(const nlohmann::json& criteria) const {
    const nlohmann::json c = criteria.value("criterion", nlohmann::json::object());
    std::vector<FakeFinding> out;
    for (const FakeFinding& f : findings) {
      if (c.contains("service.archived") && (f.archived ? "true" : "false") != c["service.archived"]["eq"][0]) continue;
      if (c.contains("updatedAt") && f.updated_at_ms < c["updatedAt"]["gte"].get<int64_t>()) continue;
      if (c.contains("severity") && f.severity < c["severity"]["gte"].get<double>()) continue;
      if (c.contains("accountId")) {
        const auto& eq = c["accountId"]["eq"];
        if (std::find(eq.begin(), eq.end(), f.account) == eq.end()) continue;
      }
      out.push_back(f);
    }
    return out;
  }
};

}  // namespace gdslack
