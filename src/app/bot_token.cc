#include "app/bot_token.h"

#include <nlohmann/json.hpp>

#include "aws/endpoints.h"
#include "aws/secrets_manager.h"
#include "aws/ssm.h"

namespace gdslack {
namespace {

// The token in a Secrets Manager secret: the whole string, or the "token" member of a JSON object.
Secret TokenField(const Secret& secret_string) {
  nlohmann::json parsed = nlohmann::json::parse(secret_string.Reveal(), nullptr, false);
  if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("token") && parsed["token"].is_string()) {
    return Secret(parsed["token"].get<std::string>());
  }
  return secret_string;
}

Status ValidateBotToken(const Secret& token, const std::string& origin) {
  const std::string& t = token.Reveal();
  bool clean = t.rfind("xox", 0) == 0;
  for (char c : t) clean = clean && c > ' ' && c < 0x7f;
  if (clean) return Status::Ok();
  return Status(Code::kConfig, origin + ": not a Slack token (expected xoxb-...; value not shown)");
}

}  // namespace

BotTokenSource BotTokenFromEnvironment(const EnvLookup& env) {
  BotTokenSource s;
  s.value = Secret(EnvOr(env, "SLACK_BOT_TOKEN", ""));
  s.origin = "SLACK_BOT_TOKEN";
  if (!s.value.empty()) return s;
  s.parameter = EnvOr(env, "SLACK_BOT_TOKEN_PARAMETER", "");
  if (!s.parameter.empty()) {
    s.origin = "SLACK_BOT_TOKEN_PARAMETER " + s.parameter;
    return s;
  }
  s.secret_id = EnvOr(env, "SLACK_BOT_TOKEN_SECRET", "");
  if (!s.secret_id.empty()) s.origin = "SLACK_BOT_TOKEN_SECRET " + s.secret_id;
  return s;
}

Result<Secret> ReadBotToken(const BotTokenSource& source, const EnvLookup& env, const AwsAccess* aws, HttpClient& http,
                            const Clock& clock, Sleeper& sleeper, int64_t deadline_unix_ms) {
  Secret token = source.value;
  if (token.empty() && (!source.parameter.empty() || !source.secret_id.empty())) {
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
    token = ssm ? std::move(*value) : TokenField(*value);
  }
  if (token.empty()) return token;
  Status valid = ValidateBotToken(token, source.origin);
  if (!valid.ok()) return valid;
  return token;
}

}  // namespace gdslack
