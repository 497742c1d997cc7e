// STS AssumeRole, and a CredentialsProvider that assumes a role and caches the temporary credentials
// until 5 minutes before they expire (role chaining caps a session at 1 hour).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "aws/aws_client.h"
#include "aws/credentials_provider.h"
#include "base/clock.h"
#include "base/result.h"

namespace gdslack {

inline constexpr std::string_view kStsVersion = "2011-06-15";

class StsClient {
 public:
  // `client` must point at the STS endpoint and sign with the credentials that may assume the role.
  explicit StsClient(AwsClient client) : client_(std::move(client)) {}

  // Temporary credentials for `role_arn` (with expiration). `duration_seconds` 900..43200 (kInvalidInput
  // otherwise); `external_id` sent when non-empty. kPermissionDenied says what to grant.
  Result<Credentials> AssumeRole(const std::string& role_arn, const std::string& session_name, int duration_seconds,
                                 int64_t deadline_unix_ms, const std::string& external_id = "");

  AwsClient& client() { return client_; }

 private:
  AwsClient client_;
};

class AssumeRoleCredentialsProvider : public CredentialsProvider {
 public:
  // Refresh margin: credentials are renewed this long before they expire.
  static constexpr int64_t kRefreshMarginMs = 5 * 60 * 1000;

  // `sts` and `clock` must outlive the provider.
  AssumeRoleCredentialsProvider(StsClient& sts, const Clock& clock, std::string role_arn, std::string session_name,
                                int duration_seconds = 3600, std::string external_id = "");

  // Cached credentials while more than kRefreshMarginMs from expiry; otherwise calls AssumeRole.
  Result<Credentials> Get(int64_t deadline_unix_ms) override;

 private:
  StsClient& sts_;
  const Clock& clock_;
  std::string role_arn_;
  std::string session_name_;
  int duration_seconds_;
  std::string external_id_;
  std::optional<Credentials> cached_;
  int64_t refresh_at_unix_ms_ = 0;
};

}  // namespace gdslack
