#include "aws/ssm.h"

#include <nlohmann/json.hpp>

namespace gdslack {

Result<Secret> SsmClient::GetParameter(const std::string& name, int64_t deadline_unix_ms, bool with_decryption) {
  if (name.empty() || name.size() > 2048) {
    return Status(Code::kInvalidInput, "ssm:GetParameter: parameter name must be 1-2048 characters");
  }
  nlohmann::json request = {{"Name", name}, {"WithDecryption", with_decryption}};
  Result<std::string> body = client_.CallJson("AmazonSSM.GetParameter", request.dump(), deadline_unix_ms);
  if (!body) {
    const Status& e = body.error();
    if (e.code() == Code::kPermissionDenied && client_.last_error_code().rfind("AccessDenied", 0) == 0) {
      return Status(Code::kPermissionDenied,
                    "ssm:GetParameter denied for parameter " + name + " (" + client_.last_error_code() +
                        "): the role needs ssm:GetParameter on it, and kms:Decrypt on its key when it is a "
                        "SecureString under a customer managed key");
    }
    if (e.code() == Code::kNotFound) {
      return Status(Code::kNotFound,
                    "ssm:GetParameter: parameter " + name + " not found (" + client_.last_error_code() + ")");
    }
    return e;
  }
  nlohmann::json reply = nlohmann::json::parse(*body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Status(Code::kUnavailable, "ssm:GetParameter: reply is not JSON");
  }
  auto param = reply.find("Parameter");
  if (param == reply.end() || !param->is_object()) {
    return Status(Code::kUnavailable, "ssm:GetParameter: reply has no Parameter");
  }
  auto value = param->find("Value");
  if (value == param->end() || !value->is_string()) {
    return Status(Code::kInvalidInput, "ssm:GetParameter: parameter " + name + " has no value");
  }
  return Secret(value->get<std::string>());
}

}  // namespace gdslack
