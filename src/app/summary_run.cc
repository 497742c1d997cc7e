#include "app/summary_run.h"

#include <algorithm>
#include <map>
#include <memory>

#include "aws/endpoints.h"
#include "base/log.h"
#include "base/strings.h"
#include "routing/summary_scope.h"
#include "summary/guardduty_source.h"
#include "summary/summary_builder.h"
#include "summary/summary_message.h"

namespace gdslack {
namespace {

// A source that fails every call with one status: a Region whose client could not even be made.
class FailingSource : public FindingsSource {
 public:
  explicit FailingSource(Status status) : status_(std::move(status)) {}
  Result<FindingStatistics> Count(FindingGroupBy, const nlohmann::json&, int, int64_t) override { return status_; }
  Result<std::pair<std::vector<std::string>, bool>> ListIds(const nlohmann::json&, const std::string&, std::size_t,
                                                            int64_t) override {
    return status_;
  }
  Result<std::vector<nlohmann::json>> Get(const std::vector<std::string>&, int64_t) override { return status_; }

 private:
  Status status_;
};

std::unique_ptr<FindingsSource> SourceFor(const std::string& region, const SummaryRunServices& s) {
  if (s.aws == nullptr) {
    return std::make_unique<FailingSource>(Status(Code::kConfig, "no AWS credentials to read GuardDuty"));
  }
  Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kGuardDuty, region, s.env);
  if (!endpoint) return std::make_unique<FailingSource>(endpoint.error());
  return std::make_unique<GuardDutySource>(
      GuardDutyClient(AwsClient(*s.aws_http, *s.clock, *s.sleeper, *s.aws->credentials, std::move(*endpoint))));
}

}  // namespace

Result<std::vector<std::string>> SummaryRegions(const RoutingConfig& config, const EnvLookup& env,
                                                const std::string& own_region) {
  if (!config.summary_regions.empty()) return config.summary_regions;
  std::vector<std::string> regions;
  const std::string listed = EnvOr(env, "SUMMARY_REGIONS", "");
  std::size_t start = 0;
  while (start <= listed.size() && !listed.empty()) {
    std::size_t end = listed.find(',', start);
    if (end == std::string::npos) end = listed.size();
    const std::string region = std::string(TrimWhitespace(listed.substr(start, end - start)));
    if (!region.empty()) {
      if (!IsRegionName(region)) return Status(Code::kConfig, "SUMMARY_REGIONS: not a Region name: " + region);
      regions.push_back(region);
    }
    start = end + 1;
  }
  if (regions.empty() && !own_region.empty()) regions.push_back(own_region);
  if (regions.empty()) {
    return Status(Code::kConfig, "no Region for the daily summary (summary_regions, SUMMARY_REGIONS or AWS_REGION)");
  }
  return regions;
}

void AddTriageDecisions(TriageStore& store, int64_t deadline_unix_ms, SummaryInputs* inputs) {
  inputs->acknowledged = [&store, deadline_unix_ms](const std::string& finding_id) {
    Result<std::optional<Acknowledgement>> ack = store.AcknowledgementOf(finding_id, deadline_unix_ms);
    return ack.has_value() && ack->has_value();
  };
  Result<std::vector<TriageMute>> mutes = store.ActiveMutes(inputs->now_unix_ms / 1000, deadline_unix_ms);
  if (!mutes) {
    Log(LogLevel::kWarn, "summary: triage mutes not read", {{"error", mutes.error().ToString()}});
    return;
  }
  for (const TriageMute& m : *mutes) {
    std::string what = m.type + " in " + m.account_id;
    if (!m.resource_id.empty()) what += " on " + m.resource_id;
    inputs->mutes.push_back(ExpiringMute{what + " (muted from Slack by " + m.user_id + ")", m.until_unix_s});
  }
}

SummaryRunOutcome RunDailySummaries(const RoutingConfig& config, const std::vector<std::string>& regions,
                                    DestinationSet& destinations, const SummaryRunServices& services,
                                    int64_t deadline_unix_ms) {
  SummaryRunOutcome outcome;
  // One client per Region for the whole run (the detector is looked up once), made afresh each run.
  std::vector<std::unique_ptr<FindingsSource>> owned;
  SummaryInputs inputs;
  for (const std::string& region : regions) {
    owned.push_back(SourceFor(region, services));
    inputs.regions.push_back(RegionSource{region, owned.back().get()});
  }
  inputs.mutes = MutesOf(config);
  inputs.names = services.names;
  inputs.now_unix_ms = services.clock->NowUnixMs();
  if (services.triage != nullptr) AddTriageDecisions(*services.triage, deadline_unix_ms, &inputs);
  // Destinations of the same scope share one reading of GuardDuty.
  std::map<std::string, DailySummary> by_scope;
  for (const auto& [name, d] : config.destinations) {
    if (!d.daily_summary) continue;
    inputs.scope = SummaryScopeFor(config, name);
    const std::string scope_key = DescribeSummaryScope(inputs.scope);
    auto it = by_scope.find(scope_key);
    if (it == by_scope.end()) it = by_scope.emplace(scope_key, BuildDailySummary(inputs, deadline_unix_ms)).first;
    const DailySummary& summary = it->second;
    for (const UnreadableRegion& u : summary.unreadable) {
      if (std::find(outcome.unreadable.begin(), outcome.unreadable.end(), u.region) == outcome.unreadable.end()) {
        outcome.unreadable.push_back(u.region);
        Log(LogLevel::kWarn, "summary Region not read", {{"region", u.region}, {"error", u.reason}});
      }
    }
    const NotifyOutcome posted = destinations.PostPayload(name, RenderSummaryPayload(summary, name), deadline_unix_ms);
    std::vector<LogField> fields = {{"destination", name},
                                    {"scope", scope_key},
                                    {"findings", summary.total()},
                                    {"open_high", summary.open_total},
                                    {"attempts", static_cast<int64_t>(posted.attempts)},
                                    {"http_status", static_cast<int64_t>(posted.http_status)}};
    if (posted.status.ok()) {
      ++outcome.posted;
      Log(LogLevel::kInfo, "summary posted", fields);
    } else {
      ++outcome.failed;
      if (outcome.first_failure.empty()) outcome.first_failure = name + ": " + posted.status.ToString();
      fields.emplace_back("error", posted.status.message());
      Log(LogLevel::kError, "summary not posted", fields);
    }
  }
  return outcome;
}

}  // namespace gdslack
