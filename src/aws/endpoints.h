// Where each AWS service we call lives, and what Region/service name to sign for: the standard endpoint
// per partition, Organizations' one global endpoint per partition, and the SDK-standard overrides
// AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> (disabled by AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true).
#pragma once

#include <string>
#include <string_view>

#include "aws/environment.h"
#include "base/result.h"

namespace gdslack {

enum class AwsService { kOrganizations, kSsm, kSecretsManager, kSns, kSts, kDynamoDb, kGuardDuty };

struct Endpoint {
  std::string url;             // scheme://host[:port][/path], no trailing '/'
  std::string signing_region;  // the Region in the SigV4 scope
  std::string signing_name;    // the service in the SigV4 scope ("organizations", "secretsmanager", ...)
};

// "aws", "aws-cn" (cn-*) or "aws-us-gov" (us-gov-*).
std::string PartitionOf(std::string_view region);
// "amazonaws.com", or "amazonaws.com.cn" in aws-cn.
std::string DnsSuffixOf(std::string_view region);
// SigV4 service name: organizations, ssm, secretsmanager, sns, sts, dynamodb, guardduty.
std::string_view SigningName(AwsService service);
// The AWS_ENDPOINT_URL_<SERVICE> suffix: ORGANIZATIONS, SSM, SECRETS_MANAGER, SNS, STS, DYNAMODB, GUARDDUTY.
std::string_view EndpointEnvSuffix(AwsService service);

// The endpoint for `service` in `region` (the caller's configured Region). Organizations signs for the
// partition's home Region (us-east-1, cn-northwest-1, us-gov-west-1) even behind an override. kConfig
// when `region` is empty or an override URL is not http(s)://host.
Result<Endpoint> ResolveEndpoint(AwsService service, std::string_view region, const EnvLookup& env);

}  // namespace gdslack
