#include "render/mention.h"

#include <nlohmann/json.hpp>

namespace gdslack {

std::string WithMention(const std::string& payload, const std::string& mention) {
  if (mention.empty()) return payload;
  nlohmann::json j = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return payload;
  // Top-level text shows above the attachment and drives the notification; mentions work there.
  const std::string text = j.contains("text") && j["text"].is_string() ? j["text"].get<std::string>() : "";
  j["text"] = text.empty() ? mention : mention + " " + text;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool IsSlackUserId(std::string_view id) {
  if (id.size() < 2 || id.size() > 32 || (id[0] != 'U' && id[0] != 'W')) return false;
  for (char c : id) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace gdslack
