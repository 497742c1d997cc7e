// The one secret scrubber: removes known secret values (a webhook URL or its path, an AWS secret key or
// session token) from text that came from elsewhere — a peer's error body, a transport error — before the
// text reaches a Status, a log line or output. A last guard: the first rule stays that secrets are never
// put into messages (secret.h).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace gdslack {

// Values shorter than this are never scrubbed: a real credential is longer, and replacing short strings
// would mangle ordinary words in messages while hiding nothing worth hiding.
inline constexpr std::size_t kMinScrubbedSecretLength = 8;

// `text` with every occurrence of each secret replaced by Secret::kRedacted ("***"). Longer secrets are
// replaced first, so a URL goes before its own path. Empty and short (< kMinScrubbedSecretLength) values
// are ignored.
std::string ScrubSecrets(std::string text, std::initializer_list<std::string_view> secrets);

// For text that was cut to a length: when it ends with the first n >= kMinScrubbedSecretLength bytes of
// a secret (the cut fell inside it), those bytes are dropped.
std::string DropTrailingPartialSecret(std::string text, std::initializer_list<std::string_view> secrets);

}  // namespace gdslack
