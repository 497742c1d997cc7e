#include "state/dynamo_state_store.h"

#include <algorithm>
#include <cstdio>

namespace gdslack {
namespace {

nlohmann::json SeverityValue(double severity) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", severity);
  return {{"N", std::string(buf)}};
}

bool DynamoBool(const nlohmann::json& item, const std::string& name) {
  auto it = item.find(name);
  if (it == item.end() || !it->is_object()) return false;
  auto b = it->find("BOOL");
  return b != it->end() && b->is_boolean() && b->get<bool>();
}

}  // namespace

PostedState PostedFromItem(const nlohmann::json& item) {
  PostedState p;
  p.exists = DynamoBool(item, "posted");
  if (!p.exists) return p;
  p.severity = DynamoDouble(item, "severity");
  p.count = DynamoInt(item, "count");
  p.updated_at = DynamoString(item, "updated_at");
  p.archived = DynamoBool(item, "archived");
  p.channel = DynamoString(item, "channel");
  p.ts = DynamoString(item, "ts");
  return p;
}

std::vector<std::string> VersionsFromItem(const nlohmann::json& item) {
  std::vector<std::string> out;
  auto it = item.find("versions");
  if (it == item.end() || !it->is_object() || !it->contains("L") || !(*it)["L"].is_array()) return out;
  for (const nlohmann::json& v : (*it)["L"]) {
    if (v.is_object() && v.contains("S") && v["S"].is_string()) out.push_back(v["S"].get<std::string>());
  }
  return out;
}

DynamoStateStore::DynamoStateStore(DynamoDbClient& db, const Clock& clock, std::string table, std::string scope)
    : db_(db), clock_(clock), table_(std::move(table)), scope_(std::move(scope)), rng_(std::random_device{}()) {}

nlohmann::json DynamoStateStore::Key(const std::string& finding_id) const {
  return {{"pk", DynamoS(scope_ + "#" + finding_id)}};
}

std::string DynamoStateStore::NewToken() {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(rng_()),
                static_cast<unsigned long long>(rng_()));
  return buf;
}

Result<ClaimTicket> DynamoStateStore::Claim(const std::string& finding_id, const std::string& version,
                                            int64_t lease_until_unix_ms, int64_t deadline_unix_ms) {
  ClaimTicket ticket;
  ticket.finding_id = finding_id;
  ticket.token = NewToken();
  // Two tries: a lease can expire between the failed condition and the read that explains it.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const int64_t now = clock_.NowUnixMs();
    DynamoExpression expr;
    expr.condition = "(attribute_not_exists(lease_until) OR lease_until < :now) AND NOT contains(versions, :v)";
    expr.values = {{":now", DynamoN(now)},
                   {":until", DynamoN(lease_until_unix_ms)},
                   {":owner", DynamoS(ticket.token)},
                   {":v", DynamoS(version)},
                   {":ttl", DynamoN(now / 1000 + kTtlSeconds)}};
    Result<DynamoWrite> write =
        db_.UpdateItem(table_, Key(finding_id), "SET lease_until = :until, lease_owner = :owner, expires_at = :ttl",
                       expr, deadline_unix_ms);
    if (!write) return write.error();
    if (!write->condition_failed) {
      ticket.kind = ClaimTicket::Kind::kClaimed;
      ticket.posted = PostedFromItem(write->attributes);
      ticket.versions = VersionsFromItem(write->attributes);
      return ticket;
    }
    Result<std::optional<nlohmann::json>> item = db_.GetItem(table_, Key(finding_id), true, deadline_unix_ms);
    if (!item) return item.error();
    if (item->has_value()) {
      const std::vector<std::string> versions = VersionsFromItem(**item);
      if (std::find(versions.begin(), versions.end(), version) != versions.end()) {
        ticket.kind = ClaimTicket::Kind::kAlreadyHandled;
        return ticket;
      }
      if (DynamoInt(**item, "lease_until") >= clock_.NowUnixMs()) {
        ticket.kind = ClaimTicket::Kind::kBusy;
        return ticket;
      }
    }
  }
  ticket.kind = ClaimTicket::Kind::kBusy;
  return ticket;
}

Status DynamoStateStore::Complete(const ClaimTicket& ticket, const std::string& version, const PostedState& posted,
                                  int64_t deadline_unix_ms) {
  std::vector<std::string> versions = ticket.versions;
  versions.push_back(version);
  if (versions.size() > kRememberedVersions) {
    versions.erase(versions.begin(), versions.end() - static_cast<std::ptrdiff_t>(kRememberedVersions));
  }
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& v : versions) list.push_back(DynamoS(v));

  DynamoExpression expr;
  expr.condition = "lease_owner = :owner";
  expr.names = {{"#count", "count"}};  // COUNT is a DynamoDB reserved word
  expr.values = {
      {":owner", DynamoS(ticket.token)}, {":versions", {{"L", list}}}, {":posted", {{"BOOL", posted.exists}}}};
  std::string update = "SET versions = :versions, posted = :posted";
  if (posted.exists) {
    expr.values[":sev"] = SeverityValue(posted.severity);
    expr.values[":count"] = DynamoN(posted.count);
    expr.values[":upd"] = DynamoS(posted.updated_at);
    expr.values[":arch"] = {{"BOOL", posted.archived}};
    update += ", severity = :sev, #count = :count, updated_at = :upd, archived = :arch";
    if (!posted.ts.empty()) {
      expr.values[":ch"] = DynamoS(posted.channel);
      expr.values[":ts"] = DynamoS(posted.ts);
      update += ", channel = :ch, ts = :ts";
    }
  }
  update += " REMOVE lease_until, lease_owner";
  Result<DynamoWrite> write = db_.UpdateItem(table_, Key(ticket.finding_id), update, expr, deadline_unix_ms);
  if (!write) return write.error();
  if (write->condition_failed) {
    return Status(Code::kTimeout, "the claim on finding " + ticket.finding_id + " had expired before it was recorded");
  }
  return Status::Ok();
}

Status DynamoStateStore::Release(const ClaimTicket& ticket, int64_t deadline_unix_ms) {
  DynamoExpression expr;
  expr.condition = "lease_owner = :owner";
  expr.values = {{":owner", DynamoS(ticket.token)}};
  Result<DynamoWrite> write =
      db_.UpdateItem(table_, Key(ticket.finding_id), "REMOVE lease_until, lease_owner", expr, deadline_unix_ms);
  if (!write) return write.error();
  return Status::Ok();  // a condition failure means the lease had lapsed: nothing left to give back
}

}  // namespace gdslack
