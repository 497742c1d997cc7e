// The daily summary's numbers for one scope, read from GuardDuty in each configured Region: the last 24 hours'
// findings (updatedAt within the window, not archived) by severity band, the top finding types and accounts,
// the open High and Critical findings nobody acknowledged, and the mutes that expire within 7 days. A Region
// whose calls fail is named with the reason and contributes nothing (half a Region's numbers would mislead).
// Pure apart from the FindingsSource calls; posts nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "notify/notifier.h"
#include "routing/config.h"
#include "routing/summary_scope.h"
#include "summary/daily_summary.h"
#include "summary/findings_source.h"

namespace gdslack {

inline constexpr std::size_t kTopN = 5;
inline constexpr std::size_t kOpenShown = 10;
// Open findings listed per Region to count them (beyond this the count reads "at least").
inline constexpr std::size_t kOpenListed = 200;
inline constexpr int64_t kSummaryWindowMs = 24LL * 3600 * 1000;
inline constexpr int64_t kMuteHorizonS = 7LL * 86400;

struct RegionSource {
  std::string region;
  FindingsSource* source = nullptr;
};

struct SummaryInputs {
  std::vector<RegionSource> regions;
  SummaryScope scope;
  // True for a finding someone acknowledged (the triage store, issue 19); null = nothing acknowledged.
  std::function<bool(const std::string& finding_id)> acknowledged;
  // Every mute with an expiry; the builder keeps those expiring within kMuteHorizonS of now.
  std::vector<ExpiringMute> mutes;
  AccountNameLookup* names = nullptr;  // may be null
  int64_t now_unix_ms = 0;
};

DailySummary BuildDailySummary(const SummaryInputs& inputs, int64_t deadline_unix_ms);

// The routing file's mutes as summary inputs: each with its reason and expiry.
std::vector<ExpiringMute> MutesOf(const RoutingConfig& config);

// GuardDuty FindingCriteria for the two questions (exposed for tests and the e2e's expectations).
nlohmann::json RecentCriteria(const SummaryScope& scope, int64_t now_unix_ms);
nlohmann::json OpenHighCriteria(const SummaryScope& scope);

}  // namespace gdslack
