// Slack request verification (https://docs.slack.dev/authentication/verifying-requests-from-slack): the v0
// signature is "v0=" + hex(HMAC-SHA256(signing secret, "v0:<X-Slack-Request-Timestamp>:<raw body>")),
// compared in constant time; the timestamp must be within 5 minutes of now, and a signature seen within
// that window is refused a second time (ReplayGuard), so a captured request cannot be played again.
// Pure: the caller passes the time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/secret.h"

namespace gdslack {

// How far a request's timestamp may be from now, either way (Slack's recommendation).
inline constexpr int64_t kSlackSignatureWindowS = 5 * 60;

// "v0=<64 hex>" for `body` sent at `timestamp` (tests build signed requests with it).
std::string SlackSignature(const Secret& signing_secret, std::string_view timestamp, std::string_view body);

// OK when `signature` is the v0 signature of `body` at `timestamp` and `timestamp` is within
// kSlackSignatureWindowS of `now_unix_s`. Otherwise kPermissionDenied with a message that names the
// reason (missing, stale, mismatch) and never the secret or the signature.
Status VerifySlackSignature(const Secret& signing_secret, std::string_view timestamp, std::string_view signature,
                            std::string_view body, int64_t now_unix_s);

// The signatures accepted within the window, per process (one Lambda sandbox): a repeat is a replay.
// Bounded: beyond `capacity` live entries the oldest is forgotten (then only the timestamp check holds).
class ReplayGuard {
 public:
  explicit ReplayGuard(std::size_t capacity = 10000) : capacity_(capacity) {}
  // True (and remembered) the first time `signature` is seen; false for a repeat within the window.
  bool FirstSeen(const std::string& signature, int64_t timestamp_unix_s, int64_t now_unix_s);

 private:
  std::size_t capacity_;
  std::map<std::string, int64_t> seen_;  // signature -> request timestamp
};

}  // namespace gdslack
