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

#include "app/delivered_cache.h"
#include "app/destination_set.h"
#include "notify/notifier.h"
#include "routing/config.h"

namespace gdslack {

class TriageStore;

struct FindingResult {
  // kDuplicate: every destination routing chose already had this version (from this sandbox, or through
  // another copy earlier in the batch); nothing was posted.
  enum class Outcome { kDelivered, kDuplicate, kFiltered, kMuted, kDropped, kUnchanged, kFailed };
  Outcome outcome = Outcome::kDropped;
  Status status;                          // kFailed: the first failure
  NotifyOutcome delivery;                 // summed attempts and latency, last HTTP status
  std::vector<std::string> destinations;  // reached
  std::string reason;                     // routes taken, or why filtered / muted / dropped / unchanged
  bool digested = false;                  // part of a digest message
};

// "delivered", "duplicate", "filtered", "muted", "dropped", "unchanged", "failed" (log field values).
const char* OutcomeName(FindingResult::Outcome outcome);

// The in-sandbox ledger's key of one delivery: the finding version (DeliveredCache::KeyFor) and the destination
// name. "" for a finding without an id (never de-duplicated).
std::string LedgerKey(const Finding& finding, const std::string& destination);

struct PipelineOptions {
  // Each send gets at most this long (0 = until the batch deadline). The CLI uses it; Lambda has one deadline.
  int64_t per_send_budget_ms = 0;
  // Deliveries (finding version, destination) remembered as made, so a retry of a batch redoes only the
  // deliveries that failed: Slack failing never re-pages an SNS topic that already got the finding.
  std::size_t ledger_capacity = 4096;
  // "Mute similar" decisions taken from Slack (src/triage/), honoured beside the routing file's mutes; read once
  // per batch. May be null (no triage).
  TriageStore* triage = nullptr;
};

class Pipeline {
 public:
  // All references must outlive the pipeline; `names` may be null. `config` must be the one `destinations`
  // was built from.
  Pipeline(const RoutingConfig& config, DestinationSet& destinations, AccountNameLookup* names, const Clock& clock,
           PipelineOptions options = {});

  // One batch through the named steps (pipeline.cc): plan (route; one delivery per destination, skipping those
  // this sandbox or an earlier copy in the batch already made) -> schedule (single posts and digests per
  // destination) -> send (paced, round robin, claimed and recorded by the state layer where configured) ->
  // record (results, and the ledger). Results in the order of `findings`. Sends that cannot start before
  // `deadline_unix_ms` (pacing included) fail with kTimeout.
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
  DeliveredCache ledger_;
};

}  // namespace gdslack
