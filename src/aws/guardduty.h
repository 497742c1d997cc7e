// Amazon GuardDuty, the few calls triage and the daily summary need. GuardDuty speaks REST-JSON (not JSON 1.1):
// the operation is the method and path, the body is plain JSON with camelCase names, and errors are
// {"message", "__type"} with x-amzn-ErrorType (API Reference; the paths are those of the service model that
// tests/guardduty_model pins). Every call is made in one Region by that Region's detector: a finding can only be
// archived, listed or counted where it was produced, by the administrator's (or the member's own) detector.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/aws_client.h"
#include "base/result.h"

namespace gdslack {

// GetFindingsStatistics' statistics, one entry per group.
struct FindingCount {
  std::string key;  // the severity ("8.0"), account id or finding type the group is of
  int64_t total = 0;
};

struct FindingStatistics {
  std::vector<FindingCount> groups;  // in the order GuardDuty gave them (orderBy DESC: largest first)
};

// What GetFindingsStatistics groups by (the API's GroupByType).
enum class FindingGroupBy { kSeverity, kAccount, kFindingType };

class GuardDutyClient {
 public:
  // At most this many finding ids per ArchiveFindings/UnarchiveFindings/GetFindings call (API limit).
  static constexpr std::size_t kMaxIdsPerCall = 50;

  // `client` must point at the GuardDuty endpoint of one Region (ResolveEndpoint(AwsService::kGuardDuty, region)).
  explicit GuardDutyClient(AwsClient client) : client_(std::move(client)) {}

  // The Region's detector id: ListDetectors' first (a Region has at most one per account). kNotFound when
  // GuardDuty is not enabled there.
  Result<std::string> DetectorId(int64_t deadline_unix_ms);

  // ArchiveFindings / UnarchiveFindings for 1..50 ids; kInvalidInput beyond that. Only an administrator (or a
  // standalone account) may archive; a member gets BadRequestException -> kInvalidInput, with AWS's message.
  Status ArchiveFindings(const std::string& detector_id, const std::vector<std::string>& finding_ids,
                         int64_t deadline_unix_ms);
  Status UnarchiveFindings(const std::string& detector_id, const std::vector<std::string>& finding_ids,
                           int64_t deadline_unix_ms);

  // GetFindingsStatistics with COUNT_BY_SEVERITY grouped by `group_by`, ordered largest first, at most `limit`
  // groups (1..100). `criteria` is a FindingCriteria object ({"criterion": {...}}); null = every finding.
  Result<FindingStatistics> CountFindings(const std::string& detector_id, FindingGroupBy group_by,
                                          const nlohmann::json& criteria, int limit, int64_t deadline_unix_ms);

  // ListFindings: ids matching `criteria`, every page up to `max_ids` in all, in `sort_by` order (descending)
  // when given ("severity", "updatedAt"). The bool tells whether more existed beyond max_ids.
  Result<std::pair<std::vector<std::string>, bool>> ListFindingIds(const std::string& detector_id,
                                                                   const nlohmann::json& criteria,
                                                                   const std::string& sort_by, std::size_t max_ids,
                                                                   int64_t deadline_unix_ms);

  // GetFindings for 1..50 ids: the findings as GuardDuty returns them (the same camelCase shape as an
  // EventBridge event's detail).
  Result<std::vector<nlohmann::json>> GetFindings(const std::string& detector_id, const std::vector<std::string>& ids,
                                                  int64_t deadline_unix_ms);

  AwsClient& client() { return client_; }

 private:
  Status ChangeArchived(const char* operation, const std::string& detector_id, const std::vector<std::string>& ids,
                        int64_t deadline_unix_ms);
  AwsClient client_;
};

// True for a GuardDuty detector or finding id as AWS issues them: 1..300 characters of [a-zA-Z0-9_-]... in
// practice 32 lowercase hex; checked so that an id taken from a Slack payload can never change a request path.
bool IsGuardDutyId(std::string_view s);

}  // namespace gdslack
