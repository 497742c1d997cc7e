#include "routing/matcher.h"

#include <algorithm>

#include "base/text_builder.h"

namespace gdslack {
namespace {

bool AnyGlob(const std::vector<std::string>& patterns, std::string_view text) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return GlobMatch(p, text); });
}

void Join(TextBuilder& out, const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  out << ' ' << key << '=';
  for (std::size_t i = 0; i < values.size(); ++i) out << (i == 0 ? "" : "|") << values[i];
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // Iterative matcher with one backtrack point for the last '*': linear in practice, no recursion.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool Matches(const Matcher& m, const Finding& f) {
  if (!m.bands.empty() && std::find(m.bands.begin(), m.bands.end(), f.band) == m.bands.end()) return false;
  if (m.min_severity && f.severity < *m.min_severity) return false;
  if (m.max_severity && f.severity >= *m.max_severity) return false;
  if (!m.accounts.empty() && !AnyGlob(m.accounts, f.account_id) &&
      (f.account_name.empty() || !AnyGlob(m.accounts, f.account_name))) {
    return false;
  }
  if (!m.regions.empty() && !AnyGlob(m.regions, f.region)) return false;
  if (!m.types.empty() && !AnyGlob(m.types, f.type)) return false;
  if (!m.resource_types.empty() && !AnyGlob(m.resource_types, f.resource_type)) return false;
  if (!m.finding_ids.empty() && std::find(m.finding_ids.begin(), m.finding_ids.end(), f.id) == m.finding_ids.end()) {
    return false;
  }
  for (const auto& [key, glob] : m.account_tags) {
    auto tag = f.account_tags.find(key);
    if (tag == f.account_tags.end() || !GlobMatch(glob, tag->second)) return false;
  }
  if (!m.ous.empty() && !AnyGlob(m.ous, f.account_ou_path)) return false;
  if (m.sample && *m.sample != f.sample) return false;
  if (m.archived && *m.archived != f.archived) return false;
  return true;
}

std::string Describe(const Matcher& m) {
  if (m.empty()) return "everything";
  TextBuilder out;
  if (!m.bands.empty()) {
    std::vector<std::string> names;
    for (SeverityBand b : m.bands) names.emplace_back(BandName(b));
    Join(out, "severity", names);
  }
  if (m.min_severity) out << " severity>=" << *m.min_severity;
  if (m.max_severity) out << " severity<" << *m.max_severity;
  Join(out, "account", m.accounts);
  Join(out, "region", m.regions);
  Join(out, "type", m.types);
  Join(out, "resource_type", m.resource_types);
  Join(out, "finding_id", m.finding_ids);
  for (const auto& [key, glob] : m.account_tags) out << " account_tag:" << key << '=' << glob;
  Join(out, "ou", m.ous);
  if (m.sample) out << " sample=" << (*m.sample ? "true" : "false");
  if (m.archived) out << " archived=" << (*m.archived ? "true" : "false");
  return out.str().substr(1);
}

}  // namespace gdslack
