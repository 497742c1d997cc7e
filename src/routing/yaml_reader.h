// YamlReader: typed reads of yaml-cpp nodes that fail as values, each error one line naming the source, the
// line and the key path ("example.yaml:12: routes[1].to: unknown destination"). The configuration loader's
// vocabulary; knows nothing of routing.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace gdslack {

// The value of `key` in `map`, or an undefined node (false in a test) when `map` is not a mapping or lacks the
// key. Used instead of yaml-cpp's `map["key"]`, which converts the key through a std::stringstream for every entry
// it compares: most of the loader's own time at Lambda init (docs/PERFORMANCE.md §6).
inline YAML::Node Get(const YAML::Node& map, std::string_view key) {
  if (map.IsMap()) {
    for (const auto& kv : map) {
      if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

// Carries the source name and builds "source:line: key: message" errors.
class YamlReader {
 public:
  explicit YamlReader(std::string source) : source_(std::move(source)) {}

  Status Error(const YAML::Node& node, const std::string& key, const std::string& message) const {
    const int line = node.Mark().line >= 0 ? node.Mark().line + 1 : 0;
    return Status(Code::kConfig, source_ + ":" + std::to_string(line) + ": " + key + ": " + message);
  }

  // Every key of `map` must be in `allowed`.
  Status CheckKeys(const YAML::Node& map, const std::string& path, std::initializer_list<const char*> allowed) const {
    if (!map.IsMap()) return Error(map, path, "expected a mapping");
    for (const auto& kv : map) {
      const std::string key = kv.first.Scalar();
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) {
        return Error(kv.first, Sub(path, key), "unknown key");
      }
    }
    return Status::Ok();
  }

  Result<std::string> String(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) return Error(node, key, "expected a string");
    return node.Scalar();
  }

  Result<bool> Bool(const YAML::Node& node, const std::string& key) const {
    const std::string s = node.IsScalar() ? node.Scalar() : "";
    if (s == "true") return true;
    if (s == "false") return false;
    return Error(node, key, "expected true or false");
  }

  Result<int64_t> Int(const YAML::Node& node, const std::string& key, int64_t min, int64_t max) const {
    int64_t value = 0;
    if (!node.IsScalar() || !YAML::convert<int64_t>::decode(node, value) || value < min || value > max) {
      return Error(node, key, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return value;
  }

  // A string or a list of strings (non-empty).
  Result<std::vector<std::string>> Strings(const YAML::Node& node, const std::string& key) const {
    std::vector<std::string> out;
    if (node.IsScalar()) {
      out.push_back(node.Scalar());
    } else if (node.IsSequence()) {
      for (const auto& item : node) {
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
