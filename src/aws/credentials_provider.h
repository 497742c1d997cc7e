// CredentialsProvider: the seam through which every signed call gets credentials, so a client need not
// know whether they are static keys or refreshed AssumeRole sessions (sts.h). Nothing here logs.
#pragma once

#include <cstdint>
#include <utility>

#include "aws/credentials.h"
#include "base/result.h"

namespace gdslack {

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

}  // namespace gdslack
