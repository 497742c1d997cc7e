// GuardDutySource: FindingsSource over GuardDutyClient in one Region. The detector id is looked up once
// (ListDetectors) on the first call; a Region without a detector fails every call with kNotFound, which the
// summary names as unreadable.
#pragma once

#include <optional>
#include <string>

#include "aws/guardduty.h"
#include "summary/findings_source.h"

namespace gdslack {

class GuardDutySource : public FindingsSource {
 public:
  explicit GuardDutySource(GuardDutyClient client) : client_(std::move(client)) {}

  Result<FindingStatistics> Count(FindingGroupBy group_by, const nlohmann::json& criteria, int limit,
                                  int64_t deadline_unix_ms) override;
  Result<std::pair<std::vector<std::string>, bool>> ListIds(const nlohmann::json& criteria, const std::string& sort_by,
                                                            std::size_t max_ids, int64_t deadline_unix_ms) override;
  Result<std::vector<nlohmann::json>> Get(const std::vector<std::string>& ids, int64_t deadline_unix_ms) override;

 private:
  Result<std::string> Detector(int64_t deadline_unix_ms);

  GuardDutyClient client_;
  std::optional<Result<std::string>> detector_;
};

}  // namespace gdslack
