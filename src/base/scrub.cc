#include "base/scrub.h"

#include <algorithm>
#include <vector>

#include "base/secret.h"

namespace gdslack {
namespace {

std::vector<std::string_view> ScrubbableLongestFirst(std::initializer_list<std::string_view> secrets) {
  std::vector<std::string_view> out;
  for (std::string_view s : secrets) {
    if (s.size() >= kMinScrubbedSecretLength) out.push_back(s);
  }
  std::stable_sort(out.begin(), out.end(), [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  return out;
}

}  // namespace

std::string ScrubSecrets(std::string text, std::initializer_list<std::string_view> secrets) {
  const std::string_view redacted = Secret::kRedacted;
  for (std::string_view secret : ScrubbableLongestFirst(secrets)) {
    for (std::size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
      text.replace(pos, secret.size(), redacted);
      pos += redacted.size();
    }
  }
  return text;
}

std::string DropTrailingPartialSecret(std::string text, std::initializer_list<std::string_view> secrets) {
  for (std::string_view secret : ScrubbableLongestFirst(secrets)) {
    for (std::size_t n = std::min(secret.size(), text.size()); n >= kMinScrubbedSecretLength; --n) {
      if (text.compare(text.size() - n, n, secret.substr(0, n)) == 0) {
        text.resize(text.size() - n);
        break;
      }
    }
  }
  return text;
}

}  // namespace gdslack
