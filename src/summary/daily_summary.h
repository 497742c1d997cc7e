// DailySummary: what the daily summary of one destination says, as plain values (built by
// summary_builder.h, rendered by summary_message.h). No I/O.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "finding/finding.h"

namespace gdslack {

// One row of a "top N" list: a finding type, or an account (its name when known).
struct SummaryCount {
  std::string key;    // the finding type, or the 12-digit account id
  std::string label;  // the account's name ("" when unknown or for a type)
  int64_t count = 0;
};

// An open High or Critical finding, as listed in the summary.
struct OpenFinding {
  std::string id;
  std::string type;
  std::string title;
  std::string account_id;
  std::string account_name;
  std::string region;
  double severity = 0;
};

// A mute from the routing file (or, once issue 19 lands, a triage mute) with its expiry.
struct ExpiringMute {
  std::string description;
  int64_t expires_at_unix_s = 0;
};

// A Region the summary could not read, and why (the AWS error, one line).
struct UnreadableRegion {
  std::string region;
  std::string reason;
};

struct DailySummary {
  std::string scope;  // "all accounts", "accounts 1111..., 2222..." (routing/summary_scope.h)
  int64_t since_unix_ms = 0;
  int64_t until_unix_ms = 0;
  std::vector<std::string> regions_read;
  std::vector<UnreadableRegion> unreadable;  // never silently left out: the message names each
  // Findings updated in the last 24 hours and not archived, by band (indexed by SeverityBand).
  std::array<int64_t, 4> by_band{};
  std::vector<SummaryCount> top_types;     // at most kTopN, largest first
  std::vector<SummaryCount> top_accounts;  // at most kTopN, largest first
  // Open (not archived) High and Critical findings nobody acknowledged: the first few, and how many in all.
  std::vector<OpenFinding> open;
  int64_t open_total = 0;
  bool open_total_is_floor = false;          // more existed than were listed (the count is "at least")
  std::vector<ExpiringMute> expiring_mutes;  // expiring within 7 days, soonest first

  int64_t total() const { return by_band[0] + by_band[1] + by_band[2] + by_band[3]; }
};

}  // namespace gdslack
