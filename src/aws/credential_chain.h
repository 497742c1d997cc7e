// The CLI's credential chain, in SDK order: environment keys, then the AWS_PROFILE profile's static keys,
// then its role_arn + source_profile (assumed through STS, recursively up to 4 hops). Lambda uses
// CredentialsFromEnvironment() directly.
#pragma once

#include <cstdint>
#include <string>

#include "aws/credentials.h"
#include "aws/environment.h"
#include "base/clock.h"
#include "base/result.h"
#include "http/http_client.h"

namespace gdslack {

struct ResolvedCredentials {
  Credentials credentials;
  std::string region;  // AWS_REGION / AWS_DEFAULT_REGION, else the profile's region; may be ""
  std::string source;  // "environment" or "profile <name>" (for logs)
};

// kConfig when nothing supplies credentials (the message lists where it looked); kNotFound for a named
// profile that exists nowhere; AssumeRole errors pass through.
Result<ResolvedCredentials> ResolveCliCredentials(const EnvLookup& env, HttpClient& http, const Clock& clock,
                                                  Sleeper& sleeper, int64_t deadline_unix_ms);

}  // namespace gdslack
