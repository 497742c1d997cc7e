// The update policy judged from the event alone (no state table). GuardDuty re-publishes a finding under
// the same id with a growing service.count (README "Routing" has the sources). Without memory of
// what was posted, "first" can only mean count <= 1, and an escalation is only visible when the count lands
// exactly on a step. The state decorator (issue 10) replaces this with the exact rule.
#pragma once

#include <cstdint>
#include <vector>

#include "finding/finding.h"
#include "routing/config.h"

namespace gdslack {

// True when `policy` lets the event post. kAll always; kFirst when count <= 1; kEscalations when count <= 1
// or count equals one of `steps`.
bool EventPassesUpdatePolicy(UpdatePolicy policy, const std::vector<int64_t>& steps, const Finding& finding);

}  // namespace gdslack
