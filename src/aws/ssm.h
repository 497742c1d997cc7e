// SSM Parameter Store GetParameter (a SecureString holding the Slack webhook). The value is a Secret.
#pragma once

#include <cstdint>
#include <string>

#include "aws/aws_client.h"
#include "base/result.h"
#include "base/secret.h"

namespace gdslack {

class SsmClient {
 public:
  // `client` must point at the SSM endpoint of the parameter's Region.
  explicit SsmClient(AwsClient client) : client_(std::move(client)) {}

  // Parameter.Value. kNotFound (ParameterNotFound, ParameterVersionNotFound); kPermissionDenied saying what
  // to grant; kInvalidInput for an empty name or a reply without a value.
  Result<Secret> GetParameter(const std::string& name, int64_t deadline_unix_ms, bool with_decryption = true);

  AwsClient& client() { return client_; }

 private:
  AwsClient client_;
};

}  // namespace gdslack
