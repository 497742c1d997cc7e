// An AWS profile (AWS_PROFILE) as the CLI reads it from the shared credentials and config files: static
// keys, or role_arn + source_profile for credential_chain.h to assume. Secrets stay in Secret.
#pragma once

#include <string>

#include "aws/environment.h"
#include "base/result.h"
#include "base/secret.h"

namespace gdslack {

// One profile, merged from the credentials file ([name]) and the config file ([profile name], or
// [default]). The credentials file wins for the keys.
struct Profile {
  std::string name;
  std::string access_key_id;
  Secret secret_access_key;
  Secret session_token;
  std::string role_arn;
  std::string source_profile;
  std::string external_id;
  std::string role_session_name;
  std::string region;
  bool HasStaticKeys() const { return !access_key_id.empty() && !secret_access_key.empty(); }
};

// The profile name in use: AWS_PROFILE, else "default".
std::string ProfileName(const EnvLookup& env);

// Reads AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials) and AWS_CONFIG_FILE (default
// ~/.aws/config; ~ is $HOME). Missing files are fine; a profile in neither file is kNotFound; a
// malformed file is kConfig (message names the file and line, never a value).
Result<Profile> LoadProfile(const EnvLookup& env, const std::string& profile_name);

}  // namespace gdslack
