#include "aws/environment.h"

#include <cstdlib>
#include <utility>

namespace gdslack {

EnvLookup ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

EnvLookup MapEnvironment(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::string EnvOr(const EnvLookup& env, const std::string& name, const std::string& fallback) {
  std::optional<std::string> v = env(name);
  if (!v || v->empty()) return fallback;
  return *v;
}

}  // namespace gdslack
