#include "aws/guardduty.h"

namespace gdslack {

bool IsGuardDutyId(std::string_view s) {
  if (s.empty() || s.size() > 300) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

namespace {

// One call: the reply's JSON object, or the error with what to grant when it was a denial.
Result<nlohmann::json> Call(AwsClient& client, const char* operation, const char* method, const std::string& path,
                            const nlohmann::json* request, int64_t deadline_unix_ms) {
  Result<std::string> body =
      client.CallRest(operation, method, path, request ? request->dump() : std::string(), deadline_unix_ms);
  if (!body) {
    if (body.error().code() == Code::kPermissionDenied) {
      return Status(Code::kPermissionDenied, body.error().message() + "; the function's role needs guardduty:" +
                                                 operation + " in " + client.endpoint().signing_region);
    }
    return body.error();
  }
  nlohmann::json reply = nlohmann::json::parse(body->empty() ? std::string("{}") : *body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Status(Code::kUnavailable, std::string("guardduty:") + operation + ": reply is not a JSON object");
  }
  return reply;
}

Status CheckIds(const char* operation, const std::string& detector_id, const std::vector<std::string>& ids) {
  const std::string what = std::string("guardduty:") + operation + ": ";
  if (!IsGuardDutyId(detector_id)) return Status(Code::kInvalidInput, what + "detector id is malformed");
  if (ids.empty() || ids.size() > GuardDutyClient::kMaxIdsPerCall) {
    return Status(Code::kInvalidInput, what + "1 to 50 finding ids per call");
  }
  for (const std::string& id : ids) {
    if (!IsGuardDutyId(id)) return Status(Code::kInvalidInput, what + "a finding id is malformed");
  }
  return Status();
}

const char* GroupByName(FindingGroupBy g) {
  switch (g) {
    case FindingGroupBy::kSeverity: return "SEVERITY";
    case FindingGroupBy::kAccount: return "ACCOUNT";
    case FindingGroupBy::kFindingType: return "FINDING_TYPE";
  }
  return "";
}

// The reply member and the key member of each group (FindingStatistics in the service model).
std::pair<const char*, const char*> GroupMembers(FindingGroupBy g) {
  switch (g) {
    case FindingGroupBy::kSeverity: return {"groupedBySeverity", "severity"};
    case FindingGroupBy::kAccount: return {"groupedByAccount", "accountId"};
    case FindingGroupBy::kFindingType: return {"groupedByFindingType", "findingType"};
  }
  return {"", ""};
}

std::string KeyText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return std::string();
}

}  // namespace

Result<std::string> GuardDutyClient::DetectorId(int64_t deadline_unix_ms) {
  Result<nlohmann::json> reply = Call(client_, "ListDetectors", "GET", "/detector", nullptr, deadline_unix_ms);
  if (!reply) return reply.error();
  auto ids = reply->find("detectorIds");
  if (ids == reply->end() || !ids->is_array() || ids->empty() || !(*ids)[0].is_string() ||
      !IsGuardDutyId((*ids)[0].get<std::string>())) {
    return Status(Code::kNotFound, "guardduty:ListDetectors: GuardDuty has no detector in " +
                                       client_.endpoint().signing_region + " (is it enabled there?)");
  }
  return (*ids)[0].get<std::string>();
}

Status GuardDutyClient::ChangeArchived(const char* operation, const std::string& detector_id,
                                       const std::vector<std::string>& ids, int64_t deadline_unix_ms) {
  if (Status ok = CheckIds(operation, detector_id, ids); !ok.ok()) return ok;
  const char* verb = std::string_view(operation) == "ArchiveFindings" ? "archive" : "unarchive";
  const nlohmann::json request = {{"findingIds", ids}};
  Result<nlohmann::json> reply =
      Call(client_, operation, "POST", "/detector/" + detector_id + "/findings/" + verb, &request, deadline_unix_ms);
  return reply ? Status() : reply.error();
}

Status GuardDutyClient::ArchiveFindings(const std::string& detector_id, const std::vector<std::string>& finding_ids,
                                        int64_t deadline_unix_ms) {
  return ChangeArchived("ArchiveFindings", detector_id, finding_ids, deadline_unix_ms);
}

Status GuardDutyClient::UnarchiveFindings(const std::string& detector_id, const std::vector<std::string>& finding_ids,
                                          int64_t deadline_unix_ms) {
  return ChangeArchived("UnarchiveFindings", detector_id, finding_ids, deadline_unix_ms);
}

Result<FindingStatistics> GuardDutyClient::CountFindings(const std::string& detector_id, FindingGroupBy group_by,
                                                         const nlohmann::json& criteria, int limit,
                                                         int64_t deadline_unix_ms) {
  if (!IsGuardDutyId(detector_id)) {
    return Status(Code::kInvalidInput, "guardduty:GetFindingsStatistics: detector id is malformed");
  }
  if (limit < 1 || limit > 100) {
    return Status(Code::kInvalidInput, "guardduty:GetFindingsStatistics: 1 to 100 groups");
  }
  nlohmann::json request = {{"findingStatisticTypes", {"COUNT_BY_SEVERITY"}},
                            {"groupBy", GroupByName(group_by)},
                            {"orderBy", "DESC"},
                            {"maxResults", limit}};
  if (!criteria.is_null()) request["findingCriteria"] = criteria;
  Result<nlohmann::json> reply = Call(client_, "GetFindingsStatistics", "POST",
                                      "/detector/" + detector_id + "/findings/statistics", &request, deadline_unix_ms);
  if (!reply) return reply.error();
  const auto [list_name, key_name] = GroupMembers(group_by);
  FindingStatistics out;
  const nlohmann::json stats = reply->value("findingStatistics", nlohmann::json::object());
  auto groups = stats.find(list_name);
  if (groups == stats.end() || !groups->is_array()) return out;
  for (const nlohmann::json& g : *groups) {
    if (!g.is_object()) continue;
    auto key = g.find(key_name);
    auto total = g.find("totalFindings");
    if (key == g.end() || total == g.end() || !total->is_number_integer()) continue;
    out.groups.push_back(FindingCount{KeyText(*key), total->get<int64_t>()});
  }
  return out;
}

Result<std::pair<std::vector<std::string>, bool>> GuardDutyClient::ListFindingIds(const std::string& detector_id,
                                                                                  const nlohmann::json& criteria,
                                                                                  const std::string& sort_by,
                                                                                  std::size_t max_ids,
                                                                                  int64_t deadline_unix_ms) {
  if (!IsGuardDutyId(detector_id)) {
    return Status(Code::kInvalidInput, "guardduty:ListFindings: detector id is malformed");
  }
  std::vector<std::string> ids;
  std::string next;
  // Pages of 50 (the API's maximum); a bounded number of pages, so a peer that always answers with a token ends.
  for (int page = 0; page < 100 && ids.size() < max_ids; ++page) {
    nlohmann::json request = {{"maxResults", 50}};
    if (!criteria.is_null()) request["findingCriteria"] = criteria;
    if (!sort_by.empty()) request["sortCriteria"] = {{"attributeName", sort_by}, {"orderBy", "DESC"}};
    if (!next.empty()) request["nextToken"] = next;
    Result<nlohmann::json> reply =
        Call(client_, "ListFindings", "POST", "/detector/" + detector_id + "/findings", &request, deadline_unix_ms);
    if (!reply) return reply.error();
    auto page_ids = reply->find("findingIds");
    if (page_ids != reply->end() && page_ids->is_array()) {
      for (const nlohmann::json& id : *page_ids) {
        if (id.is_string()) ids.push_back(id.get<std::string>());
      }
    }
    next = reply->value("nextToken", std::string());
    if (next.empty()) break;
  }
  const bool more = ids.size() > max_ids || !next.empty();
  if (ids.size() > max_ids) ids.resize(max_ids);
  return std::make_pair(std::move(ids), more);
}

Result<std::vector<nlohmann::json>> GuardDutyClient::GetFindings(const std::string& detector_id,
                                                                 const std::vector<std::string>& ids,
                                                                 int64_t deadline_unix_ms) {
  if (Status ok = CheckIds("GetFindings", detector_id, ids); !ok.ok()) return ok;
  const nlohmann::json request = {{"findingIds", ids}};
  Result<nlohmann::json> reply =
      Call(client_, "GetFindings", "POST", "/detector/" + detector_id + "/findings/get", &request, deadline_unix_ms);
  if (!reply) return reply.error();
  std::vector<nlohmann::json> out;
  auto findings = reply->find("findings");
  if (findings != reply->end() && findings->is_array()) {
    for (nlohmann::json& f : *findings) {
      if (f.is_object()) out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace gdslack
