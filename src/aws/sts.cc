#include "aws/sts.h"

#include <cstdio>
#include <ctime>

#include "aws/xml_text.h"

namespace gdslack {

std::optional<int64_t> ParseIso8601Utc(std::string_view text) {
  if (text.size() < 20 || text.back() != 'Z') return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len, int* out) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  std::tm tm{};
  int ms = 0;
  if (!num(0, 4, &tm.tm_year) || text[4] != '-' || !num(5, 2, &tm.tm_mon) || text[7] != '-' ||
      !num(8, 2, &tm.tm_mday) || (text[10] != 'T' && text[10] != 't') || !num(11, 2, &tm.tm_hour) || text[13] != ':' ||
      !num(14, 2, &tm.tm_min) || text[16] != ':' || !num(17, 2, &tm.tm_sec)) {
    return std::nullopt;
  }
  if (text.size() > 20) {
    if (text[19] != '.') return std::nullopt;
    std::string_view frac = text.substr(20, text.size() - 21);
    if (frac.empty()) return std::nullopt;
    int scale = 100;
    for (char c : frac) {
      if (c < '0' || c > '9') return std::nullopt;
      ms += (c - '0') * scale;
      scale /= 10;
    }
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + ms;
}

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
  if (expiration) c.expiration_unix_ms = ParseIso8601Utc(*expiration);
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
