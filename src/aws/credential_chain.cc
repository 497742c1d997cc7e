#include "aws/credential_chain.h"

#include "aws/endpoints.h"
#include "aws/environment_credentials.h"
#include "aws/profile.h"
#include "aws/sts.h"

namespace gdslack {
namespace {

constexpr int kMaxRoleHops = 4;
constexpr int kCliSessionSeconds = 3600;

Result<Credentials> CredentialsForProfile(const EnvLookup& env, const std::string& name, const std::string& region,
                                          HttpClient& http, const Clock& clock, Sleeper& sleeper,
                                          int64_t deadline_unix_ms, int depth) {
  if (depth > kMaxRoleHops) {
    return Status(Code::kConfig, "AWS profile '" + name + "': source_profile chain is too long (a cycle?)");
  }
  Result<Profile> profile = LoadProfile(env, name);
  if (!profile) return profile.error();
  if (profile->role_arn.empty()) {
    if (!profile->HasStaticKeys()) {
      return Status(Code::kConfig,
                    "AWS profile '" + name + "' has neither aws_access_key_id/aws_secret_access_key nor role_arn");
    }
    Credentials c;
    c.access_key_id = profile->access_key_id;
    c.secret_access_key = profile->secret_access_key;
    c.session_token = profile->session_token;
    return c;
  }
  if (profile->source_profile.empty()) {
    return Status(Code::kConfig,
                  "AWS profile '" + name + "' has role_arn but no source_profile (only source_profile is supported)");
  }
  // A profile whose source_profile is itself uses its own static keys (botocore does the same).
  Result<Credentials> source =
      profile->source_profile == name && profile->HasStaticKeys()
          ? Result<Credentials>(
                Credentials{profile->access_key_id, profile->secret_access_key, profile->session_token, {}})
          : CredentialsForProfile(env, profile->source_profile, region, http, clock, sleeper, deadline_unix_ms,
                                  depth + 1);
  if (!source) return source.error();
  const std::string sts_region = profile->region.empty() ? region : profile->region;
  Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kSts, sts_region.empty() ? "us-east-1" : sts_region, env);
  if (!endpoint) return endpoint.error();
  StaticCredentialsProvider source_provider(std::move(*source));
  StsClient sts(AwsClient(http, clock, sleeper, source_provider, *endpoint));
  const std::string session = profile->role_session_name.empty() ? "guardduty-slack-cli" : profile->role_session_name;
  return sts.AssumeRole(profile->role_arn, session, kCliSessionSeconds, deadline_unix_ms, profile->external_id);
}

}  // namespace

Result<ResolvedCredentials> ResolveCliCredentials(const EnvLookup& env, HttpClient& http, const Clock& clock,
                                                  Sleeper& sleeper, int64_t deadline_unix_ms) {
  ResolvedCredentials out;
  out.region = RegionFromEnvironment(env);
  if (!EnvOr(env, "AWS_ACCESS_KEY_ID", "").empty()) {
    Result<Credentials> c = CredentialsFromEnvironment(env);
    if (!c) return c.error();
    out.credentials = std::move(*c);
    out.source = "environment";
    return out;
  }
  const std::string name = ProfileName(env);
  Result<Profile> profile = LoadProfile(env, name);
  if (!profile) {
    if (profile.error().code() == Code::kNotFound && EnvOr(env, "AWS_PROFILE", "").empty()) {
      return Status(Code::kConfig,
                    "no AWS credentials: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in "
                    "the shared credentials/config files");
    }
    return profile.error();
  }
  if (out.region.empty()) out.region = profile->region;
  Result<Credentials> c = CredentialsForProfile(env, name, out.region, http, clock, sleeper, deadline_unix_ms, 0);
  if (!c) return c.error();
  out.credentials = std::move(*c);
  out.source = "profile " + name;
  return out;
}

}  // namespace gdslack
