// Credentials: the value that signs AWS requests (access key id, secret key, session token, expiry).
// Where it comes from is elsewhere: credentials_provider.h (the seam), environment_credentials.h (Lambda),
// profile.h and credential_chain.h (the CLI's shared files and role chain). Secrets stay in Secret.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/secret.h"

namespace gdslack {

struct Credentials {
  std::string access_key_id;
  Secret secret_access_key;
  Secret session_token;                       // empty for long-term keys
  std::optional<int64_t> expiration_unix_ms;  // set for temporary (AssumeRole) credentials
};

}  // namespace gdslack
