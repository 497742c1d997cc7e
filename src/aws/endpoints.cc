#include "aws/endpoints.h"
#include "base/strings.h"
#include "base/url.h"

namespace gdslack {
namespace {

bool IsTrue(const std::string& v) { return EqualsIgnoreAsciiCase(v, "true"); }

// Endpoint prefix in the host name (botocore endpoints.json): differs from nothing here, but named once.
std::string_view HostPrefix(AwsService service) {
  switch (service) {
    case AwsService::kOrganizations: return "organizations";
    case AwsService::kSsm: return "ssm";
    case AwsService::kSecretsManager: return "secretsmanager";
    case AwsService::kSns: return "sns";
    case AwsService::kSts: return "sts";
    case AwsService::kDynamoDb: return "dynamodb";
    case AwsService::kGuardDuty: return "guardduty";
  }
  return "";
}

// Organizations is global: one endpoint per partition, signed for that partition's home Region.
std::string OrganizationsRegion(std::string_view region) {
  const std::string partition = PartitionOf(region);
  if (partition == "aws-cn") return "cn-northwest-1";
  if (partition == "aws-us-gov") return "us-gov-west-1";
  return "us-east-1";
}

bool ValidOverride(const std::string& text) {
  const Url url = SplitUrl(text);
  return (url.scheme == "http" || url.scheme == "https") && !url.host.empty();
}

}  // namespace

std::string PartitionOf(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

std::string DnsSuffixOf(std::string_view region) {
  return PartitionOf(region) == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

std::string_view SigningName(AwsService service) { return HostPrefix(service); }

std::string_view EndpointEnvSuffix(AwsService service) {
  switch (service) {
    case AwsService::kOrganizations: return "ORGANIZATIONS";
    case AwsService::kSsm: return "SSM";
    case AwsService::kSecretsManager: return "SECRETS_MANAGER";
    case AwsService::kSns: return "SNS";
    case AwsService::kSts: return "STS";
    case AwsService::kDynamoDb: return "DYNAMODB";
    case AwsService::kGuardDuty: return "GUARDDUTY";
  }
  return "";
}

Result<Endpoint> ResolveEndpoint(AwsService service, std::string_view region, const EnvLookup& env) {
  if (region.empty()) {
    return Status(Code::kConfig,
                  "no AWS Region configured: set AWS_REGION (or AWS_DEFAULT_REGION, or the profile's region)");
  }
  Endpoint ep;
  ep.signing_name = std::string(SigningName(service));
  const bool organizations = service == AwsService::kOrganizations;
  ep.signing_region = organizations ? OrganizationsRegion(region) : std::string(region);
  ep.url = "https://" + std::string(HostPrefix(service)) + "." + ep.signing_region + "." + DnsSuffixOf(region);

  if (IsTrue(EnvOr(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"))) return ep;
  const std::string specific_var = "AWS_ENDPOINT_URL_" + std::string(EndpointEnvSuffix(service));
  std::string override_url = EnvOr(env, specific_var, "");
  std::string used_var = specific_var;
  if (override_url.empty()) {
    override_url = EnvOr(env, "AWS_ENDPOINT_URL", "");
    used_var = "AWS_ENDPOINT_URL";
  }
  if (override_url.empty()) return ep;
  while (!override_url.empty() && override_url.back() == '/') override_url.pop_back();
  if (!ValidOverride(override_url)) {
    return Status(Code::kConfig, used_var + " must be an http:// or https:// URL with a host");
  }
  ep.url = override_url;
  return ep;
}

}  // namespace gdslack
