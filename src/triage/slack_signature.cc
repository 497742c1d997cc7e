#include "triage/slack_signature.h"

#include <openssl/crypto.h>

#include "aws/crypto.h"

namespace gdslack {
namespace {

// A Unix time in decimal seconds: 1 to 12 digits, nothing else.
bool ParseSeconds(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 12) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string SlackSignature(const Secret& signing_secret, std::string_view timestamp, std::string_view body) {
  std::string base = "v0:";
  base.append(timestamp).append(":").append(body);
  return "v0=" + HexEncode(HmacSha256(signing_secret.Reveal(), base));
}

Status VerifySlackSignature(const Secret& signing_secret, std::string_view timestamp, std::string_view signature,
                            std::string_view body, int64_t now_unix_s) {
  if (signing_secret.empty()) return Status(Code::kConfig, "no Slack signing secret is configured");
  if (timestamp.empty() || signature.empty()) {
    return Status(Code::kPermissionDenied, "the request carries no Slack signature or timestamp");
  }
  int64_t ts = 0;
  if (!ParseSeconds(timestamp, &ts)) return Status(Code::kPermissionDenied, "the Slack timestamp is not a number");
  if (ts < now_unix_s - kSlackSignatureWindowS || ts > now_unix_s + kSlackSignatureWindowS) {
    return Status(Code::kPermissionDenied, "the Slack timestamp is more than 5 minutes from now");
  }
  const std::string expected = SlackSignature(signing_secret, timestamp, body);
  // Same length first (the length of a v0 signature is public); then the bytes in constant time.
  if (signature.size() != expected.size() || CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return Status(Code::kPermissionDenied, "the Slack signature does not match");
  }
  return Status::Ok();
}

bool ReplayGuard::FirstSeen(const std::string& signature, int64_t timestamp_unix_s, int64_t now_unix_s) {
  // Forget what can no longer pass the timestamp check anyway.
  for (auto it = seen_.begin(); it != seen_.end();) {
    it = it->second < now_unix_s - kSlackSignatureWindowS ? seen_.erase(it) : std::next(it);
  }
  if (seen_.contains(signature)) return false;
  if (seen_.size() >= capacity_) {
    auto oldest = seen_.begin();
    for (auto it = seen_.begin(); it != seen_.end(); ++it) {
      if (it->second < oldest->second) oldest = it;
    }
    seen_.erase(oldest);
  }
  seen_[signature] = timestamp_unix_s;
  return true;
}

}  // namespace gdslack
