// Route evaluation: one finding through the global filters, the mutes and the route tree, to the list of
// (route, destination) deliveries, with the reasons in words for logs and `guardduty-slack route`.
// Semantics (like Alertmanager's): top-level routes are tried in order; a matching route first tries its
// children (same rules, recursively) and delivers to its own `to` only when no child matched; matching
// stops at the first matching route unless it says `continue: true`; nothing matched -> the default route.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "finding/finding.h"
#include "routing/config.h"

namespace gdslack {

struct Delivery {
  const Route* route = nullptr;  // points into the RoutingConfig
  std::string destination;       // a key of RoutingConfig::destinations
};

struct RoutingDecision {
  enum class Kind { kDeliver, kFiltered, kMuted, kDropped } kind = Kind::kDropped;
  std::vector<Delivery> deliveries;  // kDeliver only; no destination twice
  const Mute* mute = nullptr;        // kMuted
  std::string reason;                // one line: why filtered / muted / dropped, or the routes taken
  std::vector<std::string> trace;    // every route tried and whether it matched, in order
  // Decisions worth a log line: a to_tag route that fell back to its `to` (untagged account, unknown name).
  std::vector<std::string> notes;
};

// `config` must outlive the decision (it points into it). `now_unix_s` decides which mutes have expired.
RoutingDecision RouteFinding(const RoutingConfig& config, const Finding& finding, int64_t now_unix_s);

// The routing tree as text, one route per line, indented by depth (check-config).
std::string DescribeRoutingTree(const RoutingConfig& config);

}  // namespace gdslack
