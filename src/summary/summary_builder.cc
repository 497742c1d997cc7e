#include "summary/summary_builder.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "finding/parser.h"

namespace gdslack {
namespace {

// FindingCriteria names (GuardDuty API Reference, "FindingCriteria" / "Condition"; the fields are those of
// GetFindings' Finding): updatedAt compares epoch milliseconds, service.archived the strings "true"/"false".
nlohmann::json Criteria(const SummaryScope& scope) {
  nlohmann::json criterion = {{"service.archived", {{"eq", {"false"}}}}};
  if (!scope.all_accounts) criterion["accountId"] = {{"eq", scope.accounts}};
  return criterion;
}

// What one Region contributed; merged only when every call of the Region succeeded.
struct RegionPart {
  std::array<int64_t, 4> by_band{};
  std::map<std::string, int64_t> types;
  std::map<std::string, int64_t> accounts;
  std::vector<OpenFinding> open;
  int64_t open_total = 0;
  bool open_floor = false;
};

std::map<std::string, int64_t> Groups(const FindingStatistics& stats) {
  std::map<std::string, int64_t> out;
  for (const FindingCount& g : stats.groups) out[g.key] += g.total;
  return out;
}

Status ReadRegion(FindingsSource& source, const SummaryInputs& in, int64_t deadline, RegionPart& part) {
  const nlohmann::json recent = RecentCriteria(in.scope, in.now_unix_ms);
  // Up to 100 groups (the API's maximum) so that merging Regions ranks on whole numbers, not each Region's top 5.
  Result<FindingStatistics> severities = source.Count(FindingGroupBy::kSeverity, recent, 100, deadline);
  if (!severities) return severities.error();
  for (const FindingCount& g : severities->groups) {
    const double severity = std::strtod(g.key.c_str(), nullptr);
    part.by_band[static_cast<std::size_t>(BandFor(severity))] += g.total;
  }
  Result<FindingStatistics> types = source.Count(FindingGroupBy::kFindingType, recent, 100, deadline);
  if (!types) return types.error();
  part.types = Groups(*types);
  Result<FindingStatistics> accounts = source.Count(FindingGroupBy::kAccount, recent, 100, deadline);
  if (!accounts) return accounts.error();
  part.accounts = Groups(*accounts);

  Result<std::pair<std::vector<std::string>, bool>> ids =
      source.ListIds(OpenHighCriteria(in.scope), "severity", kOpenListed, deadline);
  if (!ids) return ids.error();
  std::vector<std::string> open;
  for (const std::string& id : ids->first) {
    if (!in.acknowledged || !in.acknowledged(id)) open.push_back(id);
  }
  part.open_total = static_cast<int64_t>(open.size());
  part.open_floor = ids->second;
  if (open.size() > kOpenShown) open.resize(kOpenShown);
  if (open.empty()) return Status::Ok();
  Result<std::vector<nlohmann::json>> findings = source.Get(open, deadline);
  if (!findings) return findings.error();
  for (const nlohmann::json& raw : *findings) {
    // GetFindings returns the same shape as an event's detail: the parser (finding/) reads it.
    Result<std::vector<ParsedItem>> items = ParseDocument(raw.dump(), "GetFindings");
    if (!items || items->empty() || !(*items)[0].finding) continue;
    const Finding& f = *(*items)[0].finding;
    part.open.push_back(OpenFinding{f.id, f.type, f.title, f.account_id, "", f.region, f.severity});
  }
  return Status::Ok();
}

std::vector<SummaryCount> Top(const std::map<std::string, int64_t>& counts) {
  std::vector<SummaryCount> rows;
  rows.reserve(counts.size());
  for (const auto& [key, n] : counts) rows.push_back(SummaryCount{key, "", n});
  std::stable_sort(rows.begin(), rows.end(),
                   [](const SummaryCount& a, const SummaryCount& b) { return a.count > b.count; });
  if (rows.size() > kTopN) rows.resize(kTopN);
  return rows;
}

}  // namespace

nlohmann::json RecentCriteria(const SummaryScope& scope, int64_t now_unix_ms) {
  nlohmann::json criterion = Criteria(scope);
  criterion["updatedAt"] = {{"gte", now_unix_ms - kSummaryWindowMs}};
  return {{"criterion", criterion}};
}

nlohmann::json OpenHighCriteria(const SummaryScope& scope) {
  nlohmann::json criterion = Criteria(scope);
  criterion["severity"] = {{"gte", 7}};  // High 7.0-8.9 and Critical 9.0-10.0
  return {{"criterion", criterion}};
}

DailySummary BuildDailySummary(const SummaryInputs& in, int64_t deadline_unix_ms) {
  DailySummary summary;
  summary.scope = DescribeSummaryScope(in.scope);
  summary.since_unix_ms = in.now_unix_ms - kSummaryWindowMs;
  summary.until_unix_ms = in.now_unix_ms;
  std::map<std::string, int64_t> types;
  std::map<std::string, int64_t> accounts;
  for (const RegionSource& r : in.regions) {
    RegionPart part;
    const Status st = r.source == nullptr ? Status(Code::kInternal, "no client for the Region")
                                          : ReadRegion(*r.source, in, deadline_unix_ms, part);
    if (!st.ok()) {
      summary.unreadable.push_back(UnreadableRegion{r.region, st.ToString()});
      continue;
    }
    summary.regions_read.push_back(r.region);
    for (std::size_t b = 0; b < part.by_band.size(); ++b) summary.by_band[b] += part.by_band[b];
    for (const auto& [k, n] : part.types) types[k] += n;
    for (const auto& [k, n] : part.accounts) accounts[k] += n;
    summary.open.insert(summary.open.end(), part.open.begin(), part.open.end());
    summary.open_total += part.open_total;
    summary.open_total_is_floor = summary.open_total_is_floor || part.open_floor;
  }
  summary.top_types = Top(types);
  summary.top_accounts = Top(accounts);
  std::stable_sort(summary.open.begin(), summary.open.end(),
                   [](const OpenFinding& a, const OpenFinding& b) { return a.severity > b.severity; });
  if (summary.open.size() > kOpenShown) summary.open.resize(kOpenShown);
  if (in.names != nullptr) {
    for (SummaryCount& row : summary.top_accounts) row.label = in.names->Lookup(row.key, deadline_unix_ms);
    for (OpenFinding& f : summary.open) f.account_name = in.names->Lookup(f.account_id, deadline_unix_ms);
  }
  const int64_t now_s = in.now_unix_ms / 1000;
  for (const ExpiringMute& m : in.mutes) {
    if (m.expires_at_unix_s > now_s && m.expires_at_unix_s <= now_s + kMuteHorizonS) {
      summary.expiring_mutes.push_back(m);
    }
  }
  std::stable_sort(
      summary.expiring_mutes.begin(), summary.expiring_mutes.end(),
      [](const ExpiringMute& a, const ExpiringMute& b) { return a.expires_at_unix_s < b.expires_at_unix_s; });
  return summary;
}

std::vector<ExpiringMute> MutesOf(const RoutingConfig& config) {
  std::vector<ExpiringMute> out;
  for (const Mute& m : config.mutes) out.push_back(ExpiringMute{m.reason, m.until_unix_s});
  return out;
}

}  // namespace gdslack
