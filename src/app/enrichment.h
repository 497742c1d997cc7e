// What the pipeline (and `route`) add to a parsed finding before routing it: the account's name, and, only when
// the routing file reads them (UsesAccountInfo), its tags and OU path; then the owner and the runbook the
// message shows. Lookups follow AccountNameLookup's rules: bounded, logged, never losing the finding.
#pragma once

#include <cstdint>

#include "finding/finding.h"
#include "notify/notifier.h"
#include "routing/config.h"

namespace gdslack {

// `names` may be null (nothing looked up; owner and runbook still from what the finding holds).
void EnrichFinding(const RoutingConfig& config, AccountNameLookup* names, Finding& finding, int64_t deadline_unix_ms);

}  // namespace gdslack
