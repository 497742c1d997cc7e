// FindingsSource: one Region's GuardDuty as the daily summary reads it (the administrator's detector there).
// An interface so that the builder is tested without HTTP; guardduty_source.h is the real one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/guardduty.h"
#include "base/result.h"

namespace gdslack {

class FindingsSource {
 public:
  virtual ~FindingsSource() = default;
  // GetFindingsStatistics (COUNT_BY_SEVERITY) grouped by `group_by`, largest first, at most `limit` groups.
  virtual Result<FindingStatistics> Count(FindingGroupBy group_by, const nlohmann::json& criteria, int limit,
                                          int64_t deadline_unix_ms) = 0;
  // ListFindings ids, in `sort_by` order descending, at most `max_ids`; the bool: more existed.
  virtual Result<std::pair<std::vector<std::string>, bool>> ListIds(const nlohmann::json& criteria,
                                                                    const std::string& sort_by, std::size_t max_ids,
                                                                    int64_t deadline_unix_ms) = 0;
  // GetFindings for 1..50 ids.
  virtual Result<std::vector<nlohmann::json>> Get(const std::vector<std::string>& ids, int64_t deadline_unix_ms) = 0;
};

}  // namespace gdslack
