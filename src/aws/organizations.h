// AWS Organizations, read only: DescribeAccount (account id -> name), and for routing by owner the account's
// tags (ListTagsForResource) and its OU path (ListParents up to the root, DescribeOrganizationalUnit for names).
// Callable only from the management account or a delegated administrator; elsewhere use AssumeRole (ORG_ROLE_ARN) or a
// static map (account_names.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "aws/aws_client.h"
#include "base/result.h"

namespace gdslack {

inline constexpr std::string_view kOrganizationsTargetPrefix = "AWSOrganizationsV20161128";

class OrganizationsClient {
 public:
  // `client` must point at the Organizations endpoint (ResolveEndpoint(AwsService::kOrganizations, ...)).
  explicit OrganizationsClient(AwsClient client) : client_(std::move(client)) {}

  // The account's Name. kInvalidInput for an id that is not 12 digits; kNotFound (AccountNotFoundException);
  // kPermissionDenied with a message saying what to grant; kThrottled/kUnavailable/kTimeout after retries.
  Result<std::string> DescribeAccount(const std::string& account_id, int64_t deadline_unix_ms);

  // The account's tags, every page. Errors as DescribeAccount (kNotFound: TargetNotFoundException).
  Result<std::map<std::string, std::string>> ListAccountTags(const std::string& account_id, int64_t deadline_unix_ms);

  // The OU names from the root down, without the root: {"Workloads", "Prod"}; empty directly under the root.
  // One ListParents per level and one DescribeOrganizationalUnit per OU; at most 5 OU levels exist, so more
  // than 6 parents is an error (a loop), never an endless walk.
  Result<std::vector<std::string>> OuPath(const std::string& account_id, int64_t deadline_unix_ms);

  AwsClient& client() { return client_; }

 private:
  AwsClient client_;
};

// True for exactly 12 ASCII digits.
bool IsAccountId(std::string_view s);

}  // namespace gdslack
