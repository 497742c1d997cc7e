// AccountNameResolver: 12-digit account id -> account name for the Slack message. A static map
// (ACCOUNT_NAMES) is consulted first, then Organizations DescribeAccount (optionally through AssumeRole into
// ORG_ROLE_ARN). Names are cached (1 h) across warm invocations and failures briefly (5 min), each lookup
// spends at most 1.5 s and never passes the caller's deadline, and any failure yields "" (the caller shows
// the bare id) with one log line per failure kind per process. Thread-compatible.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "aws/credentials_provider.h"
#include "aws/environment.h"
#include "aws/organizations.h"
#include "aws/sts.h"
#include "base/clock.h"
#include "base/result.h"
#include "http/http_client.h"

namespace gdslack {

// What routing by owner needs of an account (only looked up when the routing file uses it).
struct AccountOrgInfo {
  std::map<std::string, std::string> tags;
  std::string ou_path;  // "Workloads/Prod"; "" directly under the root or unknown
};

struct AccountNameOptions {
  int64_t ttl_ms = 60 * 60 * 1000;         // a found name
  int64_t failure_ttl_ms = 5 * 60 * 1000;  // a failed lookup (denied role, throttling, not found)
  int64_t lookup_budget_ms = 1500;         // per lookup, capped by the caller's deadline
};

// ACCOUNT_NAMES value: "111111111111=prod-payments,222222222222=dev", an inline JSON object
// {"111111111111":"prod-payments"}, or the path of a file holding such an object. kConfig (naming the
// offending entry's position, not its content beyond the id) for bad ids, empty names or unreadable files.
Result<std::map<std::string, std::string>> ParseAccountNames(std::string_view value);

class AccountNameResolver {
 public:
  // `organizations` may be null (static map only). Both it and `clock` must outlive the resolver.
  AccountNameResolver(std::map<std::string, std::string> static_names, OrganizationsClient* organizations,
                      const Clock& clock, AccountNameOptions options = {});

  // Builds the whole chain from the environment: ACCOUNT_NAMES, AWS_REGION/AWS_DEFAULT_REGION, endpoint
  // overrides, ORG_ROLE_ARN (assumed with `base_credentials`, session "guardduty-slack", 1 h) and
  // ACCOUNT_NAMES_ONLY=true (skip Organizations). `http`, `clock`, `sleeper` and `base_credentials` must
  // outlive the result. kConfig for a bad ACCOUNT_NAMES or ORG_ROLE_ARN.
  static Result<std::unique_ptr<AccountNameResolver>> FromEnvironment(const EnvLookup& env, HttpClient& http,
                                                                      const Clock& clock, Sleeper& sleeper,
                                                                      CredentialsProvider& base_credentials,
                                                                      AccountNameOptions options = {});

  // The name, or "" when unknown or the lookup failed. Same contract as AccountNameLookup::Lookup in
  // app/notifier.h, so the app can forward to it.
  std::string Lookup(const std::string& account_id, int64_t deadline_unix_ms);

  // The account's tags and OU path from Organizations, cached like names (found: ttl_ms; failed: failure_ttl_ms,
  // logged once per failure kind). A failure yields what was read (tags without the path) or nothing; never an
  // error. Empty without Organizations (static map only).
  AccountOrgInfo LookupOrgInfo(const std::string& account_id, int64_t deadline_unix_ms);

 private:
  struct Entry {
    std::string name;
    int64_t expires_unix_ms = 0;
  };
  struct InfoEntry {
    AccountOrgInfo info;
    int64_t expires_unix_ms = 0;
  };
  void LogFailureOnce(const std::string& account_id, const Status& status, const char* what = "account name");

  std::map<std::string, std::string> static_names_;
  OrganizationsClient* organizations_;
  const Clock& clock_;
  AccountNameOptions options_;
  std::map<std::string, Entry> cache_;
  std::map<std::string, InfoEntry> info_cache_;
  std::set<std::pair<std::string, Code>> logged_kinds_;  // (what, failure kind)
  // Owned pieces when built by FromEnvironment (declared in dependency order).
  std::unique_ptr<StsClient> owned_sts_;
  std::unique_ptr<AssumeRoleCredentialsProvider> owned_role_;
  std::unique_ptr<OrganizationsClient> owned_organizations_;
};

}  // namespace gdslack
