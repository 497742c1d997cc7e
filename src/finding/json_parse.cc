#include "finding/json_parse.h"

#include <new>

namespace gdslack::finding_internal {
namespace {

using json = nlohmann::json;

// nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1, column 17: syntax error
// while parsing object key - unexpected '}'; expected string literal". Keep the reason ("unexpected '}'"),
// which names token kinds, never input text (that follows "last read:" after the ';').
std::string SyntaxReason(std::string_view what) {
  std::string_view reason = what;
  if (auto dash = what.find(" - "); dash != std::string_view::npos) {
    reason = what.substr(dash + 3);
  } else if (auto colon = what.rfind(": "); colon != std::string_view::npos) {
    reason = what.substr(colon + 2);
  }
  if (auto semi = reason.find(';'); semi != std::string_view::npos) reason = reason.substr(0, semi);
  std::string out;
  for (char c : reason) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

// Second pass, only when the first failed: finds where and why, and whether a whole top-level value was
// complete before that point (a value, then more: JSON Lines). Builds nothing.
class ErrorLocator final : public nlohmann::json_sax<json> {
 public:
  bool null() override { return Scalar(); }
  bool boolean(bool /*unused*/) override { return Scalar(); }
  bool number_integer(number_integer_t /*unused*/) override { return Scalar(); }
  bool number_unsigned(number_unsigned_t /*unused*/) override { return Scalar(); }
  bool number_float(number_float_t /*unused*/, const string_t& /*unused*/) override { return Scalar(); }
  bool string(string_t& /*unused*/) override { return Scalar(); }
  bool binary(binary_t& /*unused*/) override { return Scalar(); }
  bool start_object(std::size_t /*unused*/) override { return Open(); }
  bool key(string_t& /*unused*/) override { return true; }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t /*unused*/) override { return Open(); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) override {
    byte_ = position;
    reason_ = SyntaxReason(ex.what());
    return false;
  }

  std::size_t byte() const { return byte_; }
  const std::string& reason() const { return reason_; }
  bool value_complete() const { return value_complete_; }

 private:
  bool Scalar() {
    if (depth_ == 0) value_complete_ = true;
    return true;
  }
  bool Open() {
    ++depth_;
    return true;
  }
  bool Close() {
    if (--depth_ == 0) value_complete_ = true;
    return true;
  }

  int depth_ = 0;
  bool value_complete_ = false;
  std::size_t byte_ = 0;
  std::string reason_ = "syntax error";
};

}  // namespace

JsonParse ParseJsonText(std::string_view text) {
  JsonParse result;
  try {
    result.value = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (!result.value.is_discarded()) {
      result.outcome = JsonParse::Outcome::kValue;
      return result;
    }
    ErrorLocator locator;
    json::sax_parse(text.begin(), text.end(), &locator);
    result.value = nullptr;
    result.byte = locator.byte();
    result.reason = locator.reason();
    result.value_before_error = locator.value_complete();
  } catch (const std::bad_alloc&) {
    // The only exception left with allow_exceptions=false: a hostile document larger than memory allows.
    result = JsonParse{};
    result.outcome = JsonParse::Outcome::kOutOfMemory;
  }
  return result;
}

}  // namespace gdslack::finding_internal
