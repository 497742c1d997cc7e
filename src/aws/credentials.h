// AWS credentials and where they come from: the Lambda environment (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) and, for the CLI, the shared credentials/config files of
// AWS_PROFILE. Secrets stay in Secret; nothing here logs. Role profiles (role_arn + source_profile) are
// resolved by credential_chain.h, which needs STS.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "aws/environment.h"
#include "base/result.h"
#include "base/secret.h"

namespace gdslack {

struct Credentials {
  std::string access_key_id;
  Secret secret_access_key;
  Secret session_token;                       // empty for long-term keys
  std::optional<int64_t> expiration_unix_ms;  // set for temporary (AssumeRole) credentials
};

// Supplies credentials for each signed request; implementations may refresh (see sts.h).
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Credentials valid now; may call out (AssumeRole) but never past `deadline_unix_ms`.
  virtual Result<Credentials> Get(int64_t deadline_unix_ms) = 0;
};

class StaticCredentialsProvider : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  Result<Credentials> Get(int64_t /*deadline_unix_ms*/) override { return credentials_; }

 private:
  Credentials credentials_;
};

// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN). kConfig when either key is missing.
Result<Credentials> CredentialsFromEnvironment(const EnvLookup& env);

// AWS_REGION, else AWS_DEFAULT_REGION; "" when neither is set.
std::string RegionFromEnvironment(const EnvLookup& env);

// A parsed INI file: section name (trimmed, case kept) -> key (lower-cased) -> value (trimmed).
// Lines starting with '#' or ';' are comments, as is " #..." / " ;..." after a value; indented lines
// under an empty-valued key (nested s3 settings) are skipped. Later duplicates win.
using IniSections = std::map<std::string, std::map<std::string, std::string>>;
// kConfig with the line number when a line is neither a section, a key = value, a comment nor blank.
Result<IniSections> ParseIni(std::string_view text);

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
