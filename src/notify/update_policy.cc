#include "notify/update_policy.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "base/strings.h"

namespace gdslack {
namespace {

std::string SeverityText(double severity) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", severity);
  return buf;
}

// The lowest step in (from, to], or 0 when the count crossed none.
int64_t CrossedStep(const std::vector<int64_t>& steps, int64_t from, int64_t to) {
  int64_t crossed = 0;
  for (int64_t s : steps) {
    if (from < s && s <= to) crossed = s;  // the highest crossed step is the one worth saying
  }
  return crossed;
}

// True when `finding` is an older version than what the message shows: counts only grow, and so does
// updatedAt (same ISO-8601 format from GuardDuty, so text order is time order).
bool Superseded(const PostedState& posted, const Finding& finding) {
  if (finding.count != posted.count) return finding.count < posted.count;
  return !posted.updated_at.empty() && finding.updated_at.text < posted.updated_at;
}

}  // namespace

Result<UpdatePolicy> ParseUpdatePolicy(std::string_view text) {
  const std::string t = AsciiLower(TrimWhitespace(text));
  if (t == "all") return UpdatePolicy::kAll;
  if (t == "first") return UpdatePolicy::kFirst;
  if (t == "escalations") return UpdatePolicy::kEscalations;
  return Status(Code::kConfig, "UPDATE_POLICY must be all, first or escalations");
}

std::string_view UpdatePolicyName(UpdatePolicy policy) {
  switch (policy) {
    case UpdatePolicy::kAll: return "all";
    case UpdatePolicy::kFirst: return "first";
    case UpdatePolicy::kEscalations: return "escalations";
  }
  return "all";
}

Result<std::vector<int64_t>> ParseEscalationSteps(std::string_view text) {
  std::vector<int64_t> steps;
  const Status bad(Code::kConfig, "ESCALATION_STEPS must be ascending whole numbers above 1, e.g. 10,100,1000");
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view item = TrimWhitespace(text.substr(0, comma));
    int64_t value = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (item.empty() || ec != std::errc() || end != item.data() + item.size() || value <= 1) return bad;
    if (!steps.empty() && value <= steps.back()) return bad;
    steps.push_back(value);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (steps.empty()) return bad;
  return steps;
}

std::string VersionKey(const Finding& finding) { return finding.updated_at.text + "|" + std::to_string(finding.count); }

PostedState PostedFrom(const Finding& finding, std::string channel, std::string ts) {
  PostedState p;
  p.exists = true;
  p.severity = finding.severity;
  p.count = finding.count;
  p.updated_at = finding.updated_at.text;
  p.archived = finding.archived;
  p.channel = std::move(channel);
  p.ts = std::move(ts);
  return p;
}

bool StatelessWantsPost(const PolicyConfig& config, const Finding& finding) {
  switch (config.policy) {
    case UpdatePolicy::kAll: return true;
    case UpdatePolicy::kFirst: return finding.count <= 1;
    case UpdatePolicy::kEscalations:
      return finding.count <= 1 ||
             std::find(config.steps.begin(), config.steps.end(), finding.count) != config.steps.end();
  }
  return true;
}

Decision Decide(const PolicyConfig& config, const PostedState& posted, const Finding& finding, bool can_update) {
  Decision d;
  if (!posted.exists) {
    d.post = true;
    d.reason = "new";
    return d;
  }
  const bool in_place = can_update && !posted.ts.empty();
  if (Superseded(posted, finding)) {
    // Webhook mode, policy all: every version is its own message, as without state.
    d.post = !in_place && config.policy == UpdatePolicy::kAll;
    d.reason = "older than the version already posted";
    return d;
  }
  if (config.policy == UpdatePolicy::kFirst) {
    d.reason = "policy first: posted before";
    return d;
  }

  // What changed since the message was posted, in the reader's words (product text only).
  std::vector<std::string> escalations;
  const SeverityBand was = BandFor(posted.severity);
  if (finding.band > was) {
    escalations.push_back(std::string("Severity raised to ") + BandName(finding.band) + " (" +
                          SeverityText(finding.severity) + "), was " + BandName(was) + ".");
  }
  if (const int64_t step = CrossedStep(config.steps, posted.count, finding.count); step > 0) {
    escalations.push_back("Seen " + std::to_string(finding.count) + " times now (was " + std::to_string(posted.count) +
                          ").");
  }
  const bool newly_archived = finding.archived && !posted.archived;
  const bool escalated = !escalations.empty();

  if (in_place) {
    d.update = true;
    std::string text;
    for (const std::string& e : escalations) text += (text.empty() ? "" : " ") + e;
    if (newly_archived) text += std::string(text.empty() ? "" : " ") + "Archived in GuardDuty.";
    if (text.empty() && config.policy == UpdatePolicy::kAll) {
      text = "Seen again: " + std::to_string(finding.count) + " times.";
    }
    // A higher band is news for the channel, not only the thread: the reply is broadcast (with the
    // destination's mention), whether or not quiet thread replies are configured.
    d.broadcast = finding.band > was;
    if (config.thread_replies || d.broadcast) d.reply = text;
    d.reason = escalated ? "escalation" : newly_archived ? "archived" : "recurrence";
    return d;
  }
  if (config.policy == UpdatePolicy::kAll) {
    d.post = true;
    d.reason = "recurrence";
    return d;
  }
  d.post = escalated;
  d.reason = escalated ? "escalation" : "no escalation";
  return d;
}

}  // namespace gdslack
