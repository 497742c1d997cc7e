#include "app/bot_token.h"

#include <nlohmann/json.hpp>

#include "aws/endpoints.h"
#include "aws/secrets_manager.h"
#include "aws/ssm.h"

namespace gdslack {
namespace {

// The value in a Secrets Manager secret: the whole string, or the `key` member of a JSON object.
Secret SecretField(const Secret& secret_string, const char* key) {
  nlohmann::json parsed = nlohmann::json::parse(secret_string.Reveal(), nullptr, false);
  if (!parsed.is_discarded() && parsed.is_object() && parsed.contains(key) && parsed[key].is_string()) {
    return Secret(parsed[key].get<std::string>());
  }
  return secret_string;
}

// `name`, else `name`_PARAMETER, else `name`_SECRET.
BotTokenSource SourceFromEnvironment(const EnvLookup& env, const std::string& name) {
  BotTokenSource s;
  s.value = Secret(EnvOr(env, name, ""));
  s.origin = name;
  if (!s.value.empty()) return s;
  s.parameter = EnvOr(env, name + "_PARAMETER", "");
  if (!s.parameter.empty()) {
    s.origin = name + "_PARAMETER " + s.parameter;
    return s;
  }
  s.secret_id = EnvOr(env, name + "_SECRET", "");
  if (!s.secret_id.empty()) s.origin = name + "_SECRET " + s.secret_id;
  return s;
}

// The value `source` names, read from SSM or Secrets Manager when it is not given directly; unchecked.
Result<Secret> ReadSource(const BotTokenSource& source, const char* json_key, const EnvLookup& env,
                          const AwsAccess* aws, HttpClient& http, const Clock& clock, Sleeper& sleeper,
                          int64_t deadline_unix_ms) {
  if (!source.value.empty() || (source.parameter.empty() && source.secret_id.empty())) return source.value;
  if (aws == nullptr) return Status(Code::kConfig, "cannot read " + source.origin + ": no AWS credentials");
  const std::string region = aws->region.empty() ? "us-east-1" : aws->region;
  const bool ssm = !source.parameter.empty();
  Result<Endpoint> endpoint = ResolveEndpoint(ssm ? AwsService::kSsm : AwsService::kSecretsManager, region, env);
  if (!endpoint) return endpoint.error();
  AwsClient client(http, clock, sleeper, *aws->credentials, std::move(*endpoint));
  Result<Secret> value =
      ssm ? SsmClient(std::move(client)).GetParameter(source.parameter, deadline_unix_ms)
          : SecretsManagerClient(std::move(client)).GetSecretValue(source.secret_id, deadline_unix_ms);
  if (!value) {
    const Code code = value.error().code() == Code::kNotFound ? Code::kConfig : value.error().code();
    return Status(code, "cannot read " + source.origin + ": " + value.error().message());
  }
  return ssm ? std::move(*value) : SecretField(*value, json_key);
}

Status ValidateBotToken(const Secret& token, const std::string& origin) {
  const std::string& t = token.Reveal();
  bool clean = t.rfind("xox", 0) == 0;
  for (char c : t) clean = clean && c > ' ' && c < 0x7f;
  if (clean) return Status::Ok();
  return Status(Code::kConfig, origin + ": not a Slack token (expected xoxb-...; value not shown)");
}

}  // namespace

BotTokenSource BotTokenFromEnvironment(const EnvLookup& env) { return SourceFromEnvironment(env, "SLACK_BOT_TOKEN"); }

BotTokenSource SigningSecretFromEnvironment(const EnvLookup& env) {
  return SourceFromEnvironment(env, "SLACK_SIGNING_SECRET");
}

Result<Secret> ReadBotToken(const BotTokenSource& source, const EnvLookup& env, const AwsAccess* aws, HttpClient& http,
                            const Clock& clock, Sleeper& sleeper, int64_t deadline_unix_ms) {
  Result<Secret> token = ReadSource(source, "token", env, aws, http, clock, sleeper, deadline_unix_ms);
  if (!token || token->empty()) return token;
  Status valid = ValidateBotToken(*token, source.origin);
  if (!valid.ok()) return valid;
  return token;
}

Result<Secret> ReadSigningSecret(const BotTokenSource& source, const EnvLookup& env, const AwsAccess* aws,
                                 HttpClient& http, const Clock& clock, Sleeper& sleeper, int64_t deadline_unix_ms) {
  Result<Secret> secret = ReadSource(source, "signing_secret", env, aws, http, clock, sleeper, deadline_unix_ms);
  if (!secret || secret->empty()) return secret;
  // Slack's signing secrets are 32 hex digits; anything printable is accepted, nothing shorter than 16.
  bool clean = secret->Reveal().size() >= 16;
  for (char c : secret->Reveal()) clean = clean && c > ' ' && c < 0x7f;
  if (!clean) return Status(Code::kConfig, source.origin + ": not a Slack signing secret (value not shown)");
  return secret;
}

}  // namespace gdslack
