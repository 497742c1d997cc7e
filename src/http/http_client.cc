#include "http/http_client.h"
#include "base/strings.h"

namespace gdslack {
std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreAsciiCase(key, name)) return value;
  }
  return "";
}

}  // namespace gdslack
