// Credentials and region from the process environment, the way Lambda supplies them (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN; AWS_REGION). Read through an EnvLookup so tests never touch
// the real environment.
#pragma once

#include <string>

#include "aws/credentials.h"
#include "aws/environment.h"
#include "base/result.h"

namespace gdslack {

// AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN). kConfig when either key is missing.
Result<Credentials> CredentialsFromEnvironment(const EnvLookup& env);

// AWS_REGION, else AWS_DEFAULT_REGION; "" when neither is set.
std::string RegionFromEnvironment(const EnvLookup& env);

}  // namespace gdslack
