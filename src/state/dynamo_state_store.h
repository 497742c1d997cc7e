// DynamoStateStore: StateStore on one DynamoDB table (hash key `pk` (S), TTL attribute `expires_at`,
// on-demand; deploy/template.yaml). One item per finding id and scope:
//   pk           "<scope>#<finding id>"    scope = the destination ("slack" until routing names them)
//   lease_until  N  Unix ms; the claim is void after it        lease_owner  S  random token of the holder
//   versions     L  of S, the last kRememberedVersions handled version keys ("<updatedAt>|<count>")
//   posted       BOOL  severity N, count N, updated_at S, archived BOOL, channel S, ts S: what the message shows
//   expires_at   N  Unix seconds: DynamoDB's TTL removes the item 90 days after its last use (GuardDuty
//                   keeps findings 90 days, so a later update of the same id cannot come after that)
// Claim is one conditional UpdateItem (lease free or expired, and the version not among `versions`); when
// the condition fails, one consistent GetItem tells "already handled" from "busy".
#pragma once

#include <random>
#include <string>

#include "aws/dynamodb.h"
#include "base/clock.h"
#include "state/state_store.h"

namespace gdslack {

class DynamoStateStore : public StateStore {
 public:
  // `db` and `clock` must outlive the store.
  DynamoStateStore(DynamoDbClient& db, const Clock& clock, std::string table, std::string scope = "slack");

  Result<ClaimTicket> Claim(const std::string& finding_id, const std::string& version, int64_t lease_until_unix_ms,
                            int64_t deadline_unix_ms) override;
  Status Complete(const ClaimTicket& ticket, const std::string& version, const PostedState& posted,
                  int64_t deadline_unix_ms) override;
  Status Release(const ClaimTicket& ticket, int64_t deadline_unix_ms) override;

  static constexpr int64_t kTtlSeconds = 90 * 24 * 3600;

 private:
  nlohmann::json Key(const std::string& finding_id) const;
  std::string NewToken();

  DynamoDbClient& db_;
  const Clock& clock_;
  std::string table_;
  std::string scope_;
  std::mt19937_64 rng_;
};

// PostedState and the version list as stored in an item (tests and the store share them).
PostedState PostedFromItem(const nlohmann::json& item);
std::vector<std::string> VersionsFromItem(const nlohmann::json& item);

}  // namespace gdslack
