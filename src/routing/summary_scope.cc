#include "routing/summary_scope.h"

#include <algorithm>
#include <optional>
#include <set>

namespace gdslack {
namespace {

bool IsAccountId(const std::string& s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What a route path restricts accounts to: nullopt = any account (or a condition GuardDuty cannot filter by).
using Accounts = std::optional<std::set<std::string>>;

struct Walk {
  const std::string& destination;
  std::set<std::string> reached;  // union of the accounts of every path that reaches the destination
  bool wide = false;
  std::string why;

  void Note(const Route& route, const Accounts& accounts, const std::string& reason) {
    if (accounts) {
      reached.insert(accounts->begin(), accounts->end());
    } else if (!wide) {
      wide = true;
      why = reason.empty() ? "" : "route " + route.name + " " + reason;
    }
  }

  void Visit(const Route& route, Accounts inherited, std::string reason) {
    const Matcher& m = route.match;
    if (!m.account_tags.empty() || !m.ous.empty()) {
      reason = "matches by account tag or OU";
    }
    if (!m.accounts.empty()) {
      if (std::all_of(m.accounts.begin(), m.accounts.end(), IsAccountId)) {
        std::set<std::string> own(m.accounts.begin(), m.accounts.end());
        if (inherited) {
          std::set<std::string> both;
          std::set_intersection(own.begin(), own.end(), inherited->begin(), inherited->end(),
                                std::inserter(both, both.begin()));
          own = std::move(both);
        }
        inherited = std::move(own);
      } else if (!inherited) {
        reason = "matches accounts by name or glob";
      }
    }
    for (const Route& child : route.routes) Visit(child, inherited, reason);
    if (route.drop) return;
    if (!route.to_tag.empty()) {
      Note(route, std::nullopt, "sends by the account tag " + route.to_tag);
    } else if (std::find(route.to.begin(), route.to.end(), destination) != route.to.end()) {
      Note(route, inherited && reason.empty() ? inherited : std::nullopt, reason);
    }
  }
};

}  // namespace

SummaryScope SummaryScopeFor(const RoutingConfig& config, const std::string& destination) {
  Walk walk{destination, {}, false, ""};
  for (const Route& route : config.routes) walk.Visit(route, std::nullopt, "");
  walk.Visit(config.default_route, std::nullopt, "");
  SummaryScope scope;
  if (walk.wide || walk.reached.empty()) {
    scope.why = walk.why;
    return scope;
  }
  scope.all_accounts = false;
  scope.accounts.assign(walk.reached.begin(), walk.reached.end());
  return scope;
}

std::string DescribeSummaryScope(const SummaryScope& scope) {
  if (scope.all_accounts) return "all accounts" + (scope.why.empty() ? "" : " (" + scope.why + ")");
  std::string text = scope.accounts.size() == 1 ? "account " : "accounts ";
  for (std::size_t i = 0; i < scope.accounts.size(); ++i) text += (i == 0 ? "" : ", ") + scope.accounts[i];
  return text;
}

}  // namespace gdslack
