#include "aws/organizations.h"

#include <nlohmann/json.hpp>

namespace gdslack {

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

namespace {

// One call: the reply's JSON object, or the error explained (which permission to grant, what was not found).
Result<nlohmann::json> Call(AwsClient& client, const std::string& action, const nlohmann::json& request,
                            const std::string& what, int64_t deadline_unix_ms) {
  Result<std::string> body =
      client.CallJson(std::string(kOrganizationsTargetPrefix) + "." + action, request.dump(), deadline_unix_ms);
  if (!body) {
    const Status& e = body.error();
    const std::string& aws_code = client.last_error_code();
    if (e.code() == Code::kPermissionDenied &&
        (aws_code.rfind("AccessDenied", 0) == 0 || aws_code == "AWSOrganizationsNotInUseException")) {
      return Status(Code::kPermissionDenied,
                    "organizations:" + action + " denied for " + what + " (" + aws_code +
                        "): the function's role needs organizations:" + action +
                        ", and the call must come from the management account or a delegated administrator (or "
                        "set ORG_ROLE_ARN)");
    }
    if (e.code() == Code::kNotFound) {
      return Status(Code::kNotFound,
                    "organizations:" + action + ": " + what + " is not in this organization (" + aws_code + ")");
    }
    return e;
  }
  nlohmann::json reply = nlohmann::json::parse(*body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Status(Code::kUnavailable, "organizations:" + action + ": reply is not JSON");
  }
  return reply;
}

std::string NextToken(const nlohmann::json& reply) {
  auto next = reply.find("NextToken");
  return next != reply.end() && next->is_string() ? next->get<std::string>() : std::string();
}

}  // namespace

Result<std::string> OrganizationsClient::DescribeAccount(const std::string& account_id, int64_t deadline_unix_ms) {
  if (!IsAccountId(account_id)) {
    return Status(Code::kInvalidInput, "organizations:DescribeAccount: account id must be 12 digits");
  }
  Result<nlohmann::json> reply =
      Call(client_, "DescribeAccount", {{"AccountId", account_id}}, "account " + account_id, deadline_unix_ms);
  if (!reply) return reply.error();
  auto account = reply->find("Account");
  if (account == reply->end() || !account->is_object()) {
    return Status(Code::kUnavailable, "organizations:DescribeAccount: reply has no Account");
  }
  auto name = account->find("Name");
  if (name == account->end() || !name->is_string()) {
    return Status(Code::kUnavailable, "organizations:DescribeAccount: reply has no Account.Name");
  }
  return name->get<std::string>();
}

Result<std::map<std::string, std::string>> OrganizationsClient::ListAccountTags(const std::string& account_id,
                                                                                int64_t deadline_unix_ms) {
  if (!IsAccountId(account_id)) {
    return Status(Code::kInvalidInput, "organizations:ListTagsForResource: account id must be 12 digits");
  }
  std::map<std::string, std::string> tags;
  std::string token;
  // An account holds at most 50 tags (one page today); the page cap only guards against a token loop.
  for (int page = 0; page < 20; ++page) {
    nlohmann::json request = {{"ResourceId", account_id}};
    if (!token.empty()) request["NextToken"] = token;
    Result<nlohmann::json> reply =
        Call(client_, "ListTagsForResource", request, "account " + account_id, deadline_unix_ms);
    if (!reply) return reply.error();
    auto list = reply->find("Tags");
    if (list == reply->end() || !list->is_array()) {
      return Status(Code::kUnavailable, "organizations:ListTagsForResource: reply has no Tags");
    }
    for (const nlohmann::json& tag : *list) {
      if (!tag.is_object() || !tag.contains("Key") || !tag["Key"].is_string()) continue;
      const nlohmann::json value = tag.value("Value", nlohmann::json(""));
      tags[tag["Key"].get<std::string>()] = value.is_string() ? value.get<std::string>() : std::string();
    }
    token = NextToken(*reply);
    if (token.empty()) return tags;
  }
  return Status(Code::kUnavailable, "organizations:ListTagsForResource: too many pages");
}

Result<std::vector<std::string>> OrganizationsClient::OuPath(const std::string& account_id, int64_t deadline_unix_ms) {
  if (!IsAccountId(account_id)) {
    return Status(Code::kInvalidInput, "organizations:ListParents: account id must be 12 digits");
  }
  std::vector<std::string> names;  // from the account upwards
  std::string child = account_id;
  for (int level = 0; level < 7; ++level) {
    Result<nlohmann::json> reply = Call(client_, "ListParents", {{"ChildId", child}}, child, deadline_unix_ms);
    if (!reply) return reply.error();
    auto parents = reply->find("Parents");
    if (parents == reply->end() || !parents->is_array() || parents->empty() || !(*parents)[0].is_object()) {
      return Status(Code::kUnavailable, "organizations:ListParents: reply has no Parents");
    }
    // A child has exactly one parent (AWS documents the list as holding one element).
    const nlohmann::json& parent = (*parents)[0];
    const std::string id = parent.value("Id", "");
    const std::string type = parent.value("Type", "");
    if (type == "ROOT") return std::vector<std::string>(names.rbegin(), names.rend());
    if (type != "ORGANIZATIONAL_UNIT" || id.empty()) {
      return Status(Code::kUnavailable, "organizations:ListParents: unexpected parent type " + type);
    }
    Result<nlohmann::json> ou_reply =
        Call(client_, "DescribeOrganizationalUnit", {{"OrganizationalUnitId", id}}, id, deadline_unix_ms);
    if (!ou_reply) return ou_reply.error();
    auto unit = ou_reply->find("OrganizationalUnit");
    if (unit == ou_reply->end() || !unit->is_object() || !unit->contains("Name") || !(*unit)["Name"].is_string()) {
      return Status(Code::kUnavailable,
                    "organizations:DescribeOrganizationalUnit: reply has no OrganizationalUnit.Name");
    }
    names.push_back((*unit)["Name"].get<std::string>());
    child = id;
  }
  return Status(Code::kUnavailable, "organizations:ListParents: no root within 6 levels");
}

}  // namespace gdslack
