// TriageStore: the decisions responders take from a finding's Slack message (src/triage/), kept where the
// pipeline and the daily summary can read them: an acknowledgement per finding id, and "mute similar"
// entries (same type, account and resource) that expire. The DynamoDB store shares the state table
// (dynamo_triage_store.h); the memory store serves tests and runs without a table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "finding/finding.h"

namespace gdslack {

// Who acknowledged a finding, and when.
struct Acknowledgement {
  std::string finding_id;
  std::string user_id;  // Slack user id ("U0123…")
  int64_t at_unix_s = 0;
};

// "Mute similar": findings of `type` in `account_id` on `resource_id` are not sent until `until_unix_s`.
// `resource_id` "" matches findings without a resource id (the mute was taken on such a finding).
struct TriageMute {
  std::string type;
  std::string account_id;
  std::string resource_id;
  int64_t until_unix_s = 0;
  std::string user_id;     // who muted
  int64_t at_unix_s = 0;   // when
  std::string finding_id;  // the finding whose button was pressed
};

// The identity of a mute: two mutes with the same key are the same mute (the later one replaces it).
std::string TriageMuteKey(const std::string& type, const std::string& account_id, const std::string& resource_id);

class TriageStore {
 public:
  virtual ~TriageStore() = default;
  // Records (or replaces) the acknowledgement of `ack.finding_id`.
  virtual Status Acknowledge(const Acknowledgement& ack, int64_t deadline_unix_ms) = 0;
  // The acknowledgement of `finding_id`, or std::nullopt when nobody acknowledged it.
  virtual Result<std::optional<Acknowledgement>> AcknowledgementOf(const std::string& finding_id,
                                                                   int64_t deadline_unix_ms) = 0;
  // Records (or extends) a mute.
  virtual Status AddMute(const TriageMute& mute, int64_t deadline_unix_ms) = 0;
  // Every mute whose `until_unix_s` is after `now_unix_s`, in no particular order.
  virtual Result<std::vector<TriageMute>> ActiveMutes(int64_t now_unix_s, int64_t deadline_unix_ms) = 0;
};

// How much of a resource's identifier a mute keeps (a Slack button value holds at most 2,000 characters).
inline constexpr std::size_t kTriageResourceMaxBytes = 1024;

// The resource a "mute similar" covers: "<resource type>:<first resource fact>" ("Instance:i-0abc (web-1)"),
// cut to kTriageResourceMaxBytes; "" for a finding without a resource.
std::string TriageResourceOf(const Finding& finding);

// The first of `mutes` that covers a finding of (type, account, resource) at `now_unix_s`; nullptr if none.
const TriageMute* MatchingTriageMute(const std::vector<TriageMute>& mutes, const std::string& type,
                                     const std::string& account_id, const std::string& resource_id, int64_t now_unix_s);

}  // namespace gdslack
