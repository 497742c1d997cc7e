// Which accounts a destination's daily summary covers: the accounts its routes could send it findings of, when
// GuardDuty can filter by them. A team's channel reached by `match: {account: ["111122223333"]}` expects that
// account's numbers, not the organization's; but a route matching by account name glob, tag, OU or `to_tag`
// cannot be turned into a GuardDuty filter without reading the whole organization, so such a destination gets
// every account and the summary says so (README "Daily summary"). Pure.
#pragma once

#include <string>
#include <vector>

#include "routing/config.h"

namespace gdslack {

struct SummaryScope {
  bool all_accounts = true;
  std::vector<std::string> accounts;  // sorted 12-digit ids when !all_accounts
  std::string why;                    // when all_accounts: what kept the scope wide ("" = no route narrows it)
};

// The scope of `destination`'s summary under `config`'s routes (children inherit their parents' conditions).
SummaryScope SummaryScopeFor(const RoutingConfig& config, const std::string& destination);

// "accounts 111122223333, 444455556666" or "all accounts (route x matches by OU)".
std::string DescribeSummaryScope(const SummaryScope& scope);

}  // namespace gdslack
