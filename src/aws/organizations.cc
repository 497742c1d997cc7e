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

Result<std::string> OrganizationsClient::DescribeAccount(const std::string& account_id, int64_t deadline_unix_ms) {
  if (!IsAccountId(account_id)) {
    return Status(Code::kInvalidInput, "organizations:DescribeAccount: account id must be 12 digits");
  }
  nlohmann::json request = {{"AccountId", account_id}};
  Result<std::string> body =
      client_.CallJson(std::string(kOrganizationsTargetPrefix) + ".DescribeAccount", request.dump(), deadline_unix_ms);
  if (!body) {
    const Status& e = body.error();
    const std::string& aws_code = client_.last_error_code();
    if (e.code() == Code::kPermissionDenied &&
        (aws_code.rfind("AccessDenied", 0) == 0 || aws_code == "AWSOrganizationsNotInUseException")) {
      return Status(Code::kPermissionDenied,
                    "organizations:DescribeAccount denied for account " + account_id + " (" + aws_code +
                        "): the function's role needs organizations:DescribeAccount, and the call must come from the "
                        "management account or a delegated administrator (or set ORG_ROLE_ARN)");
    }
    if (e.code() == Code::kNotFound) {
      return Status(Code::kNotFound, "organizations:DescribeAccount: account " + account_id +
                                         " is not in this organization (" + aws_code + ")");
    }
    return e;
  }
  nlohmann::json reply = nlohmann::json::parse(*body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Status(Code::kUnavailable, "organizations:DescribeAccount: reply is not JSON");
  }
  auto account = reply.find("Account");
  if (account == reply.end() || !account->is_object()) {
    return Status(Code::kUnavailable, "organizations:DescribeAccount: reply has no Account");
  }
  auto name = account->find("Name");
  if (name == account->end() || !name->is_string()) {
    return Status(Code::kUnavailable, "organizations:DescribeAccount: reply has no Account.Name");
  }
  return name->get<std::string>();
}

}  // namespace gdslack
