#include "aws/secrets_manager.h"

#include <nlohmann/json.hpp>

namespace gdslack {

Result<Secret> SecretsManagerClient::GetSecretValue(const std::string& secret_id, int64_t deadline_unix_ms) {
  if (secret_id.empty()) return Status(Code::kInvalidInput, "secretsmanager:GetSecretValue: empty secret id");
  nlohmann::json request = {{"SecretId", secret_id}};
  Result<std::string> body = client_.CallJson("secretsmanager.GetSecretValue", request.dump(), deadline_unix_ms);
  if (!body) {
    const Status& e = body.error();
    if (e.code() == Code::kPermissionDenied && client_.last_error_code().rfind("AccessDenied", 0) == 0) {
      return Status(Code::kPermissionDenied,
                    "secretsmanager:GetSecretValue denied for secret " + secret_id + " (" + client_.last_error_code() +
                        "): the role needs secretsmanager:GetSecretValue on it, and kms:Decrypt on its key when it "
                        "uses a customer managed key");
    }
    if (e.code() == Code::kNotFound) {
      return Status(Code::kNotFound, "secretsmanager:GetSecretValue: secret " + secret_id + " not found (" +
                                         client_.last_error_code() + ")");
    }
    return e;
  }
  nlohmann::json reply = nlohmann::json::parse(*body, nullptr, false);
  if (reply.is_discarded() || !reply.is_object()) {
    return Status(Code::kUnavailable, "secretsmanager:GetSecretValue: reply is not JSON");
  }
  auto value = reply.find("SecretString");
  if (value == reply.end() || !value->is_string()) {
    return Status(Code::kInvalidInput, "secretsmanager:GetSecretValue: secret " + secret_id +
                                           " has no SecretString (binary secrets are not supported)");
  }
  Secret out(value->get<std::string>());
  // Wipe the parsed copy; nlohmann holds its own std::string.
  value->get_ref<std::string&>().assign(value->get_ref<std::string&>().size(), '\0');
  return out;
}

Secret SecretUrlField(const Secret& secret_string) {
  const std::string& v = secret_string.Reveal();
  if (v.empty() || v.front() != '{') return secret_string;
  nlohmann::json j = nlohmann::json::parse(v, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return secret_string;
  auto url = j.find("url");
  if (url == j.end() || !url->is_string()) return secret_string;
  return Secret(url->get<std::string>());
}

}  // namespace gdslack
