#include "summary/guardduty_source.h"

namespace gdslack {

Result<std::string> GuardDutySource::Detector(int64_t deadline_unix_ms) {
  // Remembered, failure included: one summary asks a Region several things, and a Region without a detector
  // (or one that refused ListDetectors) gives the same answer each time.
  if (!detector_) detector_ = client_.DetectorId(deadline_unix_ms);
  return *detector_;
}

Result<FindingStatistics> GuardDutySource::Count(FindingGroupBy group_by, const nlohmann::json& criteria, int limit,
                                                 int64_t deadline_unix_ms) {
  Result<std::string> detector = Detector(deadline_unix_ms);
  if (!detector) return detector.error();
  return client_.CountFindings(*detector, group_by, criteria, limit, deadline_unix_ms);
}

Result<std::pair<std::vector<std::string>, bool>> GuardDutySource::ListIds(const nlohmann::json& criteria,
                                                                           const std::string& sort_by,
                                                                           std::size_t max_ids,
                                                                           int64_t deadline_unix_ms) {
  Result<std::string> detector = Detector(deadline_unix_ms);
  if (!detector) return detector.error();
  return client_.ListFindingIds(*detector, criteria, sort_by, max_ids, deadline_unix_ms);
}

Result<std::vector<nlohmann::json>> GuardDutySource::Get(const std::vector<std::string>& ids,
                                                         int64_t deadline_unix_ms) {
  Result<std::string> detector = Detector(deadline_unix_ms);
  if (!detector) return detector.error();
  return client_.GetFindings(*detector, ids, deadline_unix_ms);
}

}  // namespace gdslack
