#include "routing/digest.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace gdslack {

bool AlwaysPostAlone(const Finding& finding) {
  return finding.band == SeverityBand::kHigh || finding.band == SeverityBand::kCritical;
}

std::vector<DigestGroup> GroupForDigest(const std::vector<const Finding*>& findings) {
  std::map<std::tuple<int, std::string, std::string, bool>, DigestGroup> groups;
  for (const Finding* f : findings) {
    DigestGroup& g = groups[{static_cast<int>(f->band), f->type, f->account_id, f->sample}];
    if (g.findings == 0) {
      g.sample = f->sample;
      g.band = f->band;
      g.type = f->type;
      g.account_id = f->account_id;
      g.account_name = f->account_name;
    }
    ++g.findings;
    g.occurrences += f->count;
    g.max_severity = std::max(g.max_severity, f->severity);
    const int64_t updated = f->updated_at.epoch.value_or(0);
    if (g.latest == nullptr || updated > g.latest->updated_at.epoch.value_or(0)) g.latest = f;
  }
  std::vector<DigestGroup> out;
  out.reserve(groups.size());
  for (auto& [key, g] : groups) out.push_back(std::move(g));
  std::stable_sort(out.begin(), out.end(), [](const DigestGroup& a, const DigestGroup& b) {
    if (a.band != b.band) return a.band > b.band;
    if (a.findings != b.findings) return a.findings > b.findings;
    return std::tie(a.type, a.account_id, a.sample) < std::tie(b.type, b.account_id, b.sample);
  });
  return out;
}

}  // namespace gdslack
