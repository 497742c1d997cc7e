// DynamoTriageStore: TriageStore on the state table (hash key `pk`, TTL attribute `expires_at`), beside the
// delivery items and apart from them by key prefix (delivery items are "<destination>#<finding id>", and
// a destination name cannot start with "triage#"):
//   pk "triage#ack#<finding id>"  user_id S, acked_at N (Unix s), expires_at N (at + 90 days)
//   pk "triage#mutes"             one attribute per mute, "mute#<32 hex of SHA-256 of the mute's key>":
//                                 M {type, account_id, resource_id S; until, at N; user_id, finding_id S};
//                                 expires_at N (refreshed on each AddMute)
// All mutes sit in one item so the pipeline reads them with one GetItem per batch (the table has no sort
// key, and Scan/Query are not granted). An item holds at most 400 KB: about a thousand mutes at once, far
// more than a team takes in 7 days; expired mutes are removed from the item when a mute is added.
// Only GetItem and UpdateItem are used: the calls the template already grants.
#pragma once

#include <string>

#include "aws/dynamodb.h"
#include "state/triage_store.h"

namespace gdslack {

class DynamoTriageStore : public TriageStore {
 public:
  // `db` must outlive the store.
  DynamoTriageStore(DynamoDbClient& db, std::string table) : db_(db), table_(std::move(table)) {}

  Status Acknowledge(const Acknowledgement& ack, int64_t deadline_unix_ms) override;
  Result<std::optional<Acknowledgement>> AcknowledgementOf(const std::string& finding_id,
                                                           int64_t deadline_unix_ms) override;
  Status AddMute(const TriageMute& mute, int64_t deadline_unix_ms) override;
  Result<std::vector<TriageMute>> ActiveMutes(int64_t now_unix_s, int64_t deadline_unix_ms) override;

  static constexpr int64_t kTtlSeconds = 90 * 24 * 3600;
  static constexpr const char* kMutesKey = "triage#mutes";
  static constexpr const char* kAckPrefix = "triage#ack#";

 private:
  DynamoDbClient& db_;
  std::string table_;
};

// The mutes held by a "triage#mutes" item (all of them, expired or not).
std::vector<TriageMute> TriageMutesFromItem(const nlohmann::json& item);

}  // namespace gdslack
