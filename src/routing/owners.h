// What a message shows of who owns a finding and what to do about it, from the routing file: the owner (the
// first owner_tags key present on the account) and the runbook (the first runbooks entry whose type glob
// matches). Pure functions of (configuration, enriched finding).
#pragma once

#include <string>

#include "finding/finding.h"
#include "routing/config.h"

namespace gdslack {

// The value of the first `config.owner_tags` key the account carries; "" when none (or no tags were read).
// Untrusted text: the renderer escapes it.
std::string OwnerOf(const RoutingConfig& config, const Finding& finding);

// The URL of the first `config.runbooks` entry whose type glob matches the finding type; "" when none (the
// renderer then links AWS's remediation guide for the finding's family).
std::string RunbookFor(const RoutingConfig& config, const Finding& finding);

}  // namespace gdslack
