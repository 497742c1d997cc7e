// Parsing one JSON text without exceptions (internal to src/finding/): the value, or where and why it is not
// JSON, and whether a complete value came before the error (then the text may be JSON Lines).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gdslack::finding_internal {

struct JsonParse {
  enum class Outcome { kValue, kSyntaxError, kOutOfMemory };
  Outcome outcome = Outcome::kSyntaxError;
  nlohmann::json value;             // kValue
  std::size_t byte = 0;             // kSyntaxError: 1-based byte offset of the error in the text
  std::string reason;               // kSyntaxError: e.g. "unexpected '}'; expected string literal" (never input text)
  bool value_before_error = false;  // kSyntaxError: a complete top-level value preceded the error
};

// Parses `text` (lone surrogate escapes already replaced, see json_text.h). Never throws: nlohmann runs with
// exceptions off, its SAX interface reports the error position, and std::bad_alloc becomes kOutOfMemory.
JsonParse ParseJsonText(std::string_view text);

}  // namespace gdslack::finding_internal
