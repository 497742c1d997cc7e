// Matching one finding against a Matcher (config.h), with a one-line description for `route` and
// `check-config`. Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "finding/finding.h"
#include "routing/config.h"

namespace gdslack {

// Shell-style glob: '*' any run (also empty), '?' one byte; everything else literal. Case-sensitive.
bool GlobMatch(std::string_view pattern, std::string_view text);

// True when every set field of `matcher` matches `finding`. An empty matcher matches everything.
// Accounts match the id or, when known, the name (finding.account_name); account_tags and ous match the
// enrichment (finding.account_tags, finding.account_ou_path), and an unknown tag or path never matches.
bool Matches(const Matcher& matcher, const Finding& finding);

// "severity>=7 account=dev-* type=Recon:*" or "everything".
std::string Describe(const Matcher& matcher);

}  // namespace gdslack
