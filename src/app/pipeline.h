// Pipeline: the one place where findings become deliveries, for both faces (the Lambda handler and the CLI
// `send`): enrich the account name -> route (filters, mutes, route tree) -> update policy -> group into
// digests per destination -> pace per webhook -> deliver -> one result per finding. A finding that was
// meant for a destination and did not reach it is kFailed, never dropped: the caller turns that into an
// exit code, an invocation error or a batchItemFailures entry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/destination_set.h"
#include "app/notifier.h"
#include "routing/config.h"

namespace gdslack {

struct FindingResult {
  enum class Outcome { kDelivered, kFiltered, kMuted, kDropped, kUnchanged, kFailed };
  Outcome outcome = Outcome::kDropped;
  Status status;                          // kFailed: the first failure
  NotifyOutcome delivery;                 // summed attempts and latency, last HTTP status
  std::vector<std::string> destinations;  // reached
  std::string reason;                     // routes taken, or why filtered / muted / dropped / unchanged
  bool digested = false;                  // part of a digest message
};

// "delivered", "filtered", "muted", "dropped", "unchanged", "failed" (log field values).
const char* OutcomeName(FindingResult::Outcome outcome);

struct PipelineOptions {
  // Each send gets at most this long (0 = until the batch deadline). The CLI uses it; Lambda has one deadline.
  int64_t per_send_budget_ms = 0;
};

class Pipeline {
 public:
  // All references must outlive the pipeline; `names` may be null. `config` must be the one `destinations`
  // was built from.
  Pipeline(const RoutingConfig& config, DestinationSet& destinations, AccountNameLookup* names, const Clock& clock,
           PipelineOptions options = {});

  // Results in the order of `findings`. Sends that cannot start before `deadline_unix_ms` (pacing included)
  // fail with kTimeout.
  std::vector<FindingResult> Process(const std::vector<Finding>& input, int64_t deadline_unix_ms);

  // Called after each send (one finding or one digest): destination, where (host), findings it carried, ok.
  std::function<void(const std::string&, const std::string&, std::size_t, bool)> on_send;

  const RoutingConfig& config() const { return config_; }

 private:
  const RoutingConfig& config_;
  DestinationSet& destinations_;
  AccountNameLookup* names_;
  const Clock& clock_;
  PipelineOptions options_;
};

}  // namespace gdslack
