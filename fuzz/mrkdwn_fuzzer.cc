// libFuzzer target for the escaping rules: whatever the input, the output is valid UTF-8, within its byte
// budget, has no raw '<' or '>', and every '&' starts one of the three entities.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "render/mrkdwn.h"

namespace {

void CheckMrkdwn(const std::string& out, std::size_t budget) {
  if (out.size() > budget || !gdslack::IsValidUtf8(out)) std::abort();
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '<' || out[i] == '>') std::abort();
    if (out[i] == '&') {
      std::string_view rest(out.data() + i, out.size() - i);
      if (rest.rfind("&amp;", 0) != 0 && rest.rfind("&lt;", 0) != 0 && rest.rfind("&gt;", 0) != 0) std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  // First two bytes choose a budget (3..65538), the rest is the untrusted text.
  const std::size_t budget = 3 + (static_cast<std::size_t>(data[0]) << 8 | data[1]);
  const std::string input = gdslack::SanitizeUtf8(std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2));
  CheckMrkdwn(gdslack::EscapeAndTruncate(input, budget), budget);
  CheckMrkdwn(gdslack::CodeSpan(input, budget), budget);
  const std::string plain = gdslack::PlainText(input, budget);
  if (plain.size() > budget || !gdslack::IsValidUtf8(plain) || plain.find('\n') != std::string::npos) std::abort();
  return 0;
}
