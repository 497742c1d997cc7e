// libFuzzer target: arbitrary bytes through the parser and both renderers. Any crash, sanitizer report or
// broken invariant (a payload that is not JSON, not UTF-8, or lets '<' through outside product-made tokens)
// is a finding. Build: cmake --preset fuzz && cmake --build --preset fuzz; run: scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "base/utf8.h"
#include "finding/parser.h"
#include "render/slack_message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gdslack::Result<std::vector<gdslack::ParsedItem>> items = gdslack::ParseDocument(text, "fuzz");
  if (!items) return 0;
  for (const gdslack::ParsedItem& item : *items) {
    if (item.kind != gdslack::ParsedItem::Kind::kFinding) continue;
    for (auto format : {gdslack::MessageFormat::kBlocks, gdslack::MessageFormat::kText}) {
      const std::string payload = gdslack::RenderSlackPayload(*item.finding, {format});
      if (!gdslack::IsValidUtf8(payload)) std::abort();
      const nlohmann::json parsed = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
      if (parsed.is_discarded() || !parsed.is_object()) std::abort();
      if (parsed.contains("link_names") || parsed.contains("parse")) std::abort();
      // The fallback text is escaped mrkdwn: no raw '<' may survive.
      if (parsed.value("text", "").find('<') != std::string::npos) std::abort();
    }
  }
  return 0;
}
