// JSON text entry for untrusted input: what JSON's grammar allows but nlohmann::json rejects, made parseable
// without changing anything else. Pure function, no nlohmann in this header (other modules use it too).
#pragma once

#include <string>
#include <string_view>

namespace gdslack {

// Copy of `text` in which every `\uXXXX` escape that names a lone UTF-16 surrogate (a high surrogate
// D800-DBFF not followed by a `\u` low surrogate, or a low surrogate DC00-DFFF not preceded by a high one)
// is rewritten to `\ufffd` (U+FFFD REPLACEMENT CHARACTER). RFC 8259 section 8.2 allows such escapes in a
// string but the result is not Unicode; nlohmann::json rejects the whole document instead
// ("surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF"), which would lose the finding. The rewrite keeps
// the byte length (6 bytes for 6), so parse-error byte offsets still point into the original text. Every
// other byte, escape and valid surrogate pair is left as it is.
std::string ReplaceLoneSurrogateEscapes(std::string_view text);

}  // namespace gdslack
