#include "aws/sts.h"

#include "aws/xml_text.h"
#include "base/iso8601.h"

namespace gdslack {

Result<Credentials> StsClient::AssumeRole(const std::string& role_arn, const std::string& session_name,
                                          int duration_seconds, int64_t deadline_unix_ms,
                                          const std::string& external_id) {
  if (duration_seconds < 900 || duration_seconds > 43200) {
    return Status(Code::kInvalidInput, "sts:AssumeRole: duration must be 900-43200 seconds");
  }
  if (role_arn.rfind("arn:", 0) != 0) return Status(Code::kConfig, "sts:AssumeRole: role must be an ARN: " + role_arn);
  QueryParams params = {
      {"RoleArn", role_arn}, {"RoleSessionName", session_name}, {"DurationSeconds", std::to_string(duration_seconds)}};
  if (!external_id.empty()) params.emplace_back("ExternalId", external_id);
  Result<std::string> body = client_.CallQuery("AssumeRole", kStsVersion, params, deadline_unix_ms);
  if (!body) {
    const Status& e = body.error();
    if (e.code() == Code::kPermissionDenied && client_.last_error_code().rfind("AccessDenied", 0) == 0) {
      return Status(Code::kPermissionDenied,
                    "sts:AssumeRole denied for role " + role_arn + " (" + client_.last_error_code() +
                        "): the caller needs sts:AssumeRole on it, and the role's trust policy must allow the caller");
    }
    return e;
  }
  Credentials c;
  auto key_id = XmlElementText(*body, "AccessKeyId", "Credentials");
  auto secret = XmlElementText(*body, "SecretAccessKey", "Credentials");
  auto token = XmlElementText(*body, "SessionToken", "Credentials");
  auto expiration = XmlElementText(*body, "Expiration", "Credentials");
  if (!key_id || !secret || !token || key_id->empty() || secret->empty()) {
    return Status(Code::kUnavailable, "sts:AssumeRole: reply has no Credentials");
  }
  c.access_key_id = *key_id;
  c.secret_access_key = Secret(std::move(*secret));
  c.session_token = Secret(std::move(*token));
  if (expiration) c.expiration_unix_ms = ParseIso8601Ms(*expiration);
  return c;
}

AssumeRoleCredentialsProvider::AssumeRoleCredentialsProvider(StsClient& sts, const Clock& clock, std::string role_arn,
                                                             std::string session_name, int duration_seconds,
                                                             std::string external_id)
    : sts_(sts),
      clock_(clock),
      role_arn_(std::move(role_arn)),
      session_name_(std::move(session_name)),
      duration_seconds_(duration_seconds),
      external_id_(std::move(external_id)) {}

Result<Credentials> AssumeRoleCredentialsProvider::Get(int64_t deadline_unix_ms) {
  const int64_t now = clock_.NowUnixMs();
  if (cached_ && now < refresh_at_unix_ms_) return *cached_;
  Result<Credentials> fresh =
      sts_.AssumeRole(role_arn_, session_name_, duration_seconds_, deadline_unix_ms, external_id_);
  if (!fresh) return fresh.error();
  const int64_t expires = fresh->expiration_unix_ms.value_or(now + static_cast<int64_t>(duration_seconds_) * 1000);
  refresh_at_unix_ms_ = expires - kRefreshMarginMs;
  cached_ = *fresh;
  return fresh;
}

}  // namespace gdslack
