// SNS Publish (the fallback channel when Slack stays down). Validates SNS's documented limits before
// sending: Subject ASCII printable, under 100 characters; Message non-empty, at most 262,144 bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "aws/aws_client.h"
#include "base/result.h"

namespace gdslack {

inline constexpr std::string_view kSnsVersion = "2010-03-31";
inline constexpr std::size_t kSnsMaxMessageBytes = 262144;
inline constexpr std::size_t kSnsMaxSubjectChars = 99;  // "must be less than 100 characters"

class SnsClient {
 public:
  // `client` must point at the SNS endpoint of the topic's Region (RegionOfArn(topic_arn)).
  explicit SnsClient(AwsClient client) : client_(std::move(client)) {}

  // The MessageId. kInvalidInput when subject/message break the limits above (nothing is sent); empty
  // subject means none. kNotFound (NotFound: no such topic); kPermissionDenied saying what to grant.
  Result<std::string> Publish(const std::string& topic_arn, const std::string& message, const std::string& subject,
                              int64_t deadline_unix_ms);

  AwsClient& client() { return client_; }

 private:
  AwsClient client_;
};

// The Region field of an ARN ("arn:aws:sns:eu-west-1:111111111111:topic" -> "eu-west-1"); "" if malformed.
std::string RegionOfArn(std::string_view arn);

}  // namespace gdslack
