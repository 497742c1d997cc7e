// The scheduled daily summary (issue 20): for each destination with `summary: daily`, the summary of its scope
// (routing/summary_scope.h) built from GuardDuty in every summary Region (summary/summary_builder.h), rendered
// and posted to it through the destination set. A Region that cannot be read is named in the message; a
// destination whose post fails is a failure of the run (and of the invocation), never a success.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/configuration.h"
#include "app/destination_set.h"
#include "routing/config.h"
#include "state/triage_store.h"
#include "summary/daily_summary.h"
#include "summary/summary_builder.h"

namespace gdslack {

// The Regions to read: the routing file's `summary_regions`, else SUMMARY_REGIONS (comma-separated), else
// `own_region` (the function's). kConfig for a name that is not a Region, or when none is known.
Result<std::vector<std::string>> SummaryRegions(const RoutingConfig& config, const EnvLookup& env,
                                                const std::string& own_region);

struct SummaryRunOutcome {
  int posted = 0;
  int failed = 0;
  std::string first_failure;            // "<destination>: <status>"
  std::vector<std::string> unreadable;  // Regions named as not read (any destination's summary)
};

struct SummaryRunServices {
  EnvLookup env;
  AwsAccess* aws = nullptr;  // null: every Region is unreadable ("no AWS credentials"), still named
  HttpClient* aws_http = nullptr;
  const Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;
  AccountNameLookup* names = nullptr;  // may be null
  // Acknowledgements and "mute similar" decisions taken from Slack (issue 19); null: nothing is acknowledged
  // and the mutes are the routing file's alone.
  TriageStore* triage = nullptr;
};

// Adds the triage store's decisions to `inputs`: a finding counts as acknowledged when the store says so (a read
// that fails counts as not acknowledged, so the finding is shown rather than hidden), and every active "mute
// similar" joins the routing file's mutes.
void AddTriageDecisions(TriageStore& store, int64_t deadline_unix_ms, SummaryInputs* inputs);

SummaryRunOutcome RunDailySummaries(const RoutingConfig& config, const std::vector<std::string>& regions,
                                    DestinationSet& destinations, const SummaryRunServices& services,
                                    int64_t deadline_unix_ms);

}  // namespace gdslack
