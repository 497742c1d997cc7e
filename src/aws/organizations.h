// AWS Organizations DescribeAccount: account id -> account name. Callable only from the management account
// or a delegated administrator; elsewhere use AssumeRole (ORG_ROLE_ARN) or a static map (account_names.h).
#pragma once

#include <cstdint>
#include <string>

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

  AwsClient& client() { return client_; }

 private:
  AwsClient client_;
};

// True for exactly 12 ASCII digits.
bool IsAccountId(std::string_view s);

}  // namespace gdslack
