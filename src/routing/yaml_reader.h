// YamlReader: typed reads of YAML nodes (routing/yaml_document.h) that fail as values, each error one line
// naming the source, the line and the key path ("example.yaml:12: routes[1].to: unknown destination"). The
// configuration loader's vocabulary; knows nothing of routing.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "routing/yaml_document.h"

namespace gdslack {

// The value of `key` in `map` (the first, if the key repeats), or an undefined node (false in a test) when `map`
// is not a mapping or lacks the key.
inline YamlNode Get(const YamlNode& map, std::string_view key) {
  for (const auto& kv : map.entries()) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return YamlNode();
}

// Carries the source name and builds "source:line: key: message" errors.
class YamlReader {
 public:
  explicit YamlReader(std::string source) : source_(std::move(source)) {}

  Status Error(const YamlNode& node, const std::string& key, const std::string& message) const {
    const int line = node.line() >= 0 ? node.line() + 1 : 0;
    return Status(Code::kConfig, source_ + ":" + std::to_string(line) + ": " + key + ": " + message);
  }

  // Every key of `map` must be in `allowed`.
  Status CheckKeys(const YamlNode& map, const std::string& path, std::initializer_list<const char*> allowed) const {
    if (!map.IsMap()) return Error(map, path, "expected a mapping");
    for (const auto& kv : map.entries()) {
      const std::string key = kv.first.Scalar();
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
        return Error(kv.first, Sub(path, key), "unknown key");
      }
    }
    return Status::Ok();
  }

  Result<std::string> String(const YamlNode& node, const std::string& key) const {
    if (!node.IsScalar()) return Error(node, key, "expected a string");
    return node.Scalar();
  }

  Result<bool> Bool(const YamlNode& node, const std::string& key) const {
    const std::string s = node.IsScalar() ? node.Scalar() : "";
    if (s == "true") return true;
    if (s == "false") return false;
    return Error(node, key, "expected true or false");
  }

  // A decimal whole number: an optional sign, then digits only.
  Result<int64_t> Int(const YamlNode& node, const std::string& key, int64_t min, int64_t max) const {
    const std::string& s = node.Scalar();
    const std::size_t skip = !s.empty() && s[0] == '+' ? 1 : 0;  // from_chars takes '-' but not '+'
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data() + skip, s.data() + s.size(), value);
    const bool whole = node.IsScalar() && s.size() > skip && ec == std::errc() && end == s.data() + s.size() &&
                       (skip == 0 || s[1] != '-');
    if (!whole || value < min || value > max) {
      return Error(node, key, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return value;
  }

  // A string or a list of strings (non-empty).
  Result<std::vector<std::string>> Strings(const YamlNode& node, const std::string& key) const {
    std::vector<std::string> out;
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
    } else if (node.IsSequence()) {
      for (std::size_t i = 0; i < node.size(); ++i) {
        const YamlNode item = node[i];
        if (!item.IsScalar()) return Error(item, key, "expected a string");
        out.push_back(item.Scalar());
      }
    } else {
      return Error(node, key, "expected a string or a list of strings");
    }
    for (const std::string& s : out) {
      if (s.empty()) return Error(node, key, "empty value");
    }
    if (out.empty()) return Error(node, key, "empty list");
    return out;
  }

  static std::string Sub(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string At(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

  const std::string& source() const { return source_; }

 private:
  std::string source_;
};

}  // namespace gdslack
