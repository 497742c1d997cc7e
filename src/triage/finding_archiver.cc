#include "triage/finding_archiver.h"

namespace gdslack {

Status GuardDutyArchiver::SetArchived(const std::string& region, const std::string& finding_id, bool archived,
                                      int64_t deadline_unix_ms) {
  if (!IsGuardDutyId(finding_id)) return Status(Code::kInvalidInput, "not a GuardDuty finding id");
  PerRegion& r = regions_[region];
  if (!r.client) {
    Result<std::unique_ptr<GuardDutyClient>> client = factory_(region);
    if (!client) return client.error();
    r.client = std::move(*client);
  }
  if (r.detector_id.empty()) {
    Result<std::string> detector = r.client->DetectorId(deadline_unix_ms);
    if (!detector) return detector.error();
    r.detector_id = *detector;
  }
  Status s = archived ? r.client->ArchiveFindings(r.detector_id, {finding_id}, deadline_unix_ms)
                      : r.client->UnarchiveFindings(r.detector_id, {finding_id}, deadline_unix_ms);
  if (s.code() == Code::kNotFound || s.code() == Code::kInvalidInput) r.detector_id.clear();
  return s;
}

}  // namespace gdslack
