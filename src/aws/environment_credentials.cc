#include "aws/environment_credentials.h"

#include <utility>

namespace gdslack {

Result<Credentials> CredentialsFromEnvironment(const EnvLookup& env) {
  std::string key_id = EnvOr(env, "AWS_ACCESS_KEY_ID", "");
  std::string secret = EnvOr(env, "AWS_SECRET_ACCESS_KEY", "");
  if (key_id.empty() || secret.empty()) {
    return Status(Code::kConfig,
                  "AWS credentials not found: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must both be set");
  }
  Credentials c;
  c.access_key_id = std::move(key_id);
  c.secret_access_key = Secret(std::move(secret));
  c.session_token = Secret(EnvOr(env, "AWS_SESSION_TOKEN", ""));
  return c;
}

std::string RegionFromEnvironment(const EnvLookup& env) {
  std::string r = EnvOr(env, "AWS_REGION", "");
  if (!r.empty()) return r;
  return EnvOr(env, "AWS_DEFAULT_REGION", "");
}

}  // namespace gdslack
