#include "aws/sns.h"

#include "aws/xml_text.h"

namespace gdslack {

std::string RegionOfArn(std::string_view arn) {
  // arn:partition:service:region:account:resource
  if (arn.substr(0, 4) != "arn:") return "";
  std::size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return "";
    ++pos;
  }
  std::size_t end = arn.find(':', pos);
  if (end == std::string_view::npos) return "";
  return std::string(arn.substr(pos, end - pos));
}

Result<std::string> SnsClient::Publish(const std::string& topic_arn, const std::string& message,
                                       const std::string& subject, int64_t deadline_unix_ms) {
  if (message.empty() || message.size() > kSnsMaxMessageBytes) {
    return Status(Code::kInvalidInput,
                  "sns:Publish: message must be 1-262144 bytes, got " + std::to_string(message.size()));
  }
  if (subject.size() > kSnsMaxSubjectChars) {
    return Status(Code::kInvalidInput, "sns:Publish: subject must be under 100 characters");
  }
  for (char c : subject) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b > 0x7e) {
      return Status(Code::kInvalidInput, "sns:Publish: subject must be printable ASCII without line breaks");
    }
  }
  QueryParams params = {{"TopicArn", topic_arn}, {"Message", message}};
  if (!subject.empty()) params.emplace_back("Subject", subject);
  Result<std::string> body = client_.CallQuery("Publish", kSnsVersion, params, deadline_unix_ms);
  if (!body) {
    const Status& e = body.error();
    const std::string& aws_code = client_.last_error_code();
    if (e.code() == Code::kPermissionDenied &&
        (aws_code == "AuthorizationError" || aws_code.rfind("AccessDenied", 0) == 0)) {
      return Status(Code::kPermissionDenied,
                    "sns:Publish denied for topic " + topic_arn + " (" + aws_code +
                        "): the role needs sns:Publish on it (and kms:GenerateDataKey/kms:Decrypt on the topic's key "
                        "when it is encrypted)");
    }
    if (e.code() == Code::kNotFound) {
      return Status(Code::kNotFound, "sns:Publish: topic " + topic_arn + " not found (" + aws_code + ")");
    }
    return e;
  }
  auto id = XmlElementText(*body, "MessageId", "PublishResult");
  if (!id || id->empty()) return Status(Code::kUnavailable, "sns:Publish: reply has no MessageId");
  return *id;
}

}  // namespace gdslack
