#include "state/dynamo_triage_store.h"

#include "aws/crypto.h"

namespace gdslack {
namespace {

constexpr std::string_view kMuteAttrPrefix = "mute#";

nlohmann::json Key(const std::string& pk) { return {{"pk", DynamoS(pk)}}; }

std::string MuteAttribute(const TriageMute& m) {
  return std::string(kMuteAttrPrefix) + Sha256Hex(TriageMuteKey(m.type, m.account_id, m.resource_id)).substr(0, 32);
}

}  // namespace

std::vector<TriageMute> TriageMutesFromItem(const nlohmann::json& item) {
  std::vector<TriageMute> out;
  if (!item.is_object()) return out;
  for (const auto& [name, value] : item.items()) {
    if (name.rfind(kMuteAttrPrefix, 0) != 0 || !value.is_object() || !value.contains("M")) continue;
    const nlohmann::json& m = value["M"];
    if (!m.is_object()) continue;
    TriageMute mute;
    mute.type = DynamoString(m, "type");
    mute.account_id = DynamoString(m, "account_id");
    mute.resource_id = DynamoString(m, "resource_id");
    mute.until_unix_s = DynamoInt(m, "until");
    mute.at_unix_s = DynamoInt(m, "at");
    mute.user_id = DynamoString(m, "user_id");
    mute.finding_id = DynamoString(m, "finding_id");
    out.push_back(std::move(mute));
  }
  return out;
}

Status DynamoTriageStore::Acknowledge(const Acknowledgement& ack, int64_t deadline_unix_ms) {
  DynamoExpression expr;
  expr.values = {
      {":u", DynamoS(ack.user_id)}, {":at", DynamoN(ack.at_unix_s)}, {":ttl", DynamoN(ack.at_unix_s + kTtlSeconds)}};
  Result<DynamoWrite> write =
      db_.UpdateItem(table_, Key(kAckPrefix + ack.finding_id), "SET user_id = :u, acked_at = :at, expires_at = :ttl",
                     expr, deadline_unix_ms);
  if (!write) return write.error();
  return Status::Ok();
}

Result<std::optional<Acknowledgement>> DynamoTriageStore::AcknowledgementOf(const std::string& finding_id,
                                                                            int64_t deadline_unix_ms) {
  Result<std::optional<nlohmann::json>> item =
      db_.GetItem(table_, Key(kAckPrefix + finding_id), false, deadline_unix_ms);
  if (!item) return item.error();
  if (!item->has_value()) return std::optional<Acknowledgement>();
  Acknowledgement ack;
  ack.finding_id = finding_id;
  ack.user_id = DynamoString(**item, "user_id");
  ack.at_unix_s = DynamoInt(**item, "acked_at");
  return std::optional<Acknowledgement>(ack);
}

Status DynamoTriageStore::AddMute(const TriageMute& mute, int64_t deadline_unix_ms) {
  DynamoExpression expr;
  expr.names = {{"#m", MuteAttribute(mute)}};
  expr.values = {{":m",
                  {{"M",
                    {{"type", DynamoS(mute.type)},
                     {"account_id", DynamoS(mute.account_id)},
                     {"resource_id", DynamoS(mute.resource_id)},
                     {"until", DynamoN(mute.until_unix_s)},
                     {"at", DynamoN(mute.at_unix_s)},
                     {"user_id", DynamoS(mute.user_id)},
                     {"finding_id", DynamoS(mute.finding_id)}}}}},
                 {":ttl", DynamoN(mute.at_unix_s + kTtlSeconds)}};
  Result<DynamoWrite> write =
      db_.UpdateItem(table_, Key(kMutesKey), "SET #m = :m, expires_at = :ttl", expr, deadline_unix_ms);
  if (!write) return write.error();
  // Keep the item small: drop the mutes that have ended (best effort; a failure leaves them, harmlessly).
  DynamoExpression prune;
  std::string remove;
  int n = 0;
  for (const TriageMute& old : TriageMutesFromItem(write->attributes)) {
    if (old.until_unix_s > mute.at_unix_s) continue;
    const std::string name = "#x" + std::to_string(n++);
    prune.names[name] = MuteAttribute(old);
    remove += (remove.empty() ? "REMOVE " : ", ") + name;
  }
  if (!remove.empty()) (void)db_.UpdateItem(table_, Key(kMutesKey), remove, prune, deadline_unix_ms);
  return Status::Ok();
}

Result<std::vector<TriageMute>> DynamoTriageStore::ActiveMutes(int64_t now_unix_s, int64_t deadline_unix_ms) {
  Result<std::optional<nlohmann::json>> item = db_.GetItem(table_, Key(kMutesKey), false, deadline_unix_ms);
  if (!item) return item.error();
  std::vector<TriageMute> out;
  if (!item->has_value()) return out;
  for (TriageMute& m : TriageMutesFromItem(**item)) {
    if (m.until_unix_s > now_unix_s) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace gdslack
