#include "routing/config.h"

#include <cctype>
#include <cstdlib>
#include <set>

#include "base/strings.h"

namespace gdslack {

bool Matcher::empty() const {
  return bands.empty() && !min_severity && !max_severity && accounts.empty() && regions.empty() && types.empty() &&
         resource_types.empty() && finding_ids.empty() && !sample && !archived && account_tags.empty() && ous.empty();
}

namespace {

bool RouteUsesAccountInfo(const Route& route) {
  if (!route.to_tag.empty() || !route.match.account_tags.empty() || !route.match.ous.empty()) return true;
  for (const Route& child : route.routes) {
    if (RouteUsesAccountInfo(child)) return true;
  }
  return false;
}

// A list of globs matches everything when one of them is only stars.
bool AnyUniversalGlob(const std::vector<std::string>& globs) {
  for (const std::string& g : globs) {
    if (!g.empty() && g.find_first_not_of('*') == std::string::npos) return true;
  }
  return false;
}

}  // namespace

bool Matcher::MatchesEverything() const {
  const bool all_bands = bands.empty() || std::set<SeverityBand>(bands.begin(), bands.end()).size() >= 4;
  return all_bands && (!min_severity || *min_severity <= 0.0) && (!max_severity || *max_severity > 10.0) &&
         (accounts.empty() || AnyUniversalGlob(accounts)) && (regions.empty() || AnyUniversalGlob(regions)) &&
         (types.empty() || AnyUniversalGlob(types)) && (resource_types.empty() || AnyUniversalGlob(resource_types)) &&
         finding_ids.empty() && !sample && !archived && account_tags.empty() && (ous.empty() || AnyUniversalGlob(ous));
}

bool UsesAccountInfo(const RoutingConfig& config) {
  if (!config.owner_tags.empty() || RouteUsesAccountInfo(config.default_route)) return true;
  for (const Route& route : config.routes) {
    if (RouteUsesAccountInfo(route)) return true;
  }
  for (const Mute& mute : config.mutes) {
    if (!mute.match.account_tags.empty() || !mute.match.ous.empty()) return true;
  }
  return false;
}

PolicyConfig PolicyOf(const Route& route, bool thread_replies) {
  PolicyConfig config;
  config.policy = route.update_policy;
  if (!route.escalation_steps.empty()) config.steps = route.escalation_steps;
  config.thread_replies = thread_replies;
  return config;
}

double BandFloor(SeverityBand band) {
  switch (band) {
    case SeverityBand::kLow: return 0.0;
    case SeverityBand::kMedium: return 4.0;
    case SeverityBand::kHigh: return 7.0;
    case SeverityBand::kCritical: return 9.0;
  }
  return 0.0;
}

std::optional<double> ParseSeverityFloor(const std::string& text) {
  const std::string lower = AsciiLower(text);
  if (lower == "low") return BandFloor(SeverityBand::kLow);
  if (lower == "medium") return BandFloor(SeverityBand::kMedium);
  if (lower == "high") return BandFloor(SeverityBand::kHigh);
  if (lower == "critical") return BandFloor(SeverityBand::kCritical);
  if (lower.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(lower.c_str(), &end);
  if (end == nullptr || *end != '\0' || !(value >= 0.0 && value <= 10.0)) return std::nullopt;
  return value;
}

bool WantsDailySummary(const RoutingConfig& config) {
  for (const auto& [name, d] : config.destinations) {
    if (d.daily_summary) return true;
  }
  return false;
}

bool IsRegionName(const std::string& text) {
  // At least "xx-yyyy-1": words of [a-z], then a final number, '-' between them.
  if (text.size() < 6 || text.size() > 32) return false;
  std::size_t words = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('-', start);
    if (end == std::string::npos) end = text.size();
    const std::string part = text.substr(start, end - start);
    if (part.empty()) return false;
    const bool last = end == text.size();
    for (char c : part) {
      if (last ? !(c >= '0' && c <= '9') : !(c >= 'a' && c <= 'z')) return false;
    }
    ++words;
    start = end + 1;
  }
  return words >= 3;
}

}  // namespace gdslack
