// Digest grouping: many findings for one destination in one batch become groups by severity band, finding
// type and account, most severe first, with counts and one finding per group to link to. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "finding/finding.h"

namespace gdslack {

struct DigestGroup {
  SeverityBand band = SeverityBand::kLow;
  std::string type;
  std::string account_id;
  std::string account_name;  // of the first finding in the group; "" when unknown
  std::size_t findings = 0;  // findings in the group
  int64_t occurrences = 0;   // sum of their service.count
  double max_severity = 0;
  const Finding* latest = nullptr;  // the most recently updated finding of the group (for the link)
  bool sample = false;              // GuardDuty sample findings (grouped apart from real ones, marked [SAMPLE])
};

// Groups `findings` (pointers must stay valid while the groups are used); sample findings never share a group
// with real ones. Order: band descending, then findings descending, then type and account ascending, real before
// sample (stable output for goldens).
std::vector<DigestGroup> GroupForDigest(const std::vector<const Finding*>& findings);

// Whether a finding is posted one by one even when its destination digests: High and Critical.
bool AlwaysPostAlone(const Finding& finding);

}  // namespace gdslack
