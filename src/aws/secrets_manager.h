// Secrets Manager GetSecretValue (the Slack webhook kept as a secret). Values are Secret; binary secrets
// are not supported.
#pragma once

#include <cstdint>
#include <string>

#include "aws/aws_client.h"
#include "base/result.h"
#include "base/secret.h"

namespace gdslack {

class SecretsManagerClient {
 public:
  // `client` must point at the Secrets Manager endpoint of the secret's Region.
  explicit SecretsManagerClient(AwsClient client) : client_(std::move(client)) {}

  // SecretString of the current version. kNotFound (ResourceNotFoundException); kPermissionDenied saying
  // what to grant; kInvalidInput when the secret only has SecretBinary.
  Result<Secret> GetSecretValue(const std::string& secret_id, int64_t deadline_unix_ms);

  AwsClient& client() { return client_; }

 private:
  AwsClient client_;
};

// When `secret_string` is a JSON object with a string "url" member, that member; otherwise the whole value
// (a secret may hold the bare webhook URL or {"url": "..."}).
Secret SecretUrlField(const Secret& secret_string);

}  // namespace gdslack
