#include "app/delivery_wiring.h"

#include "base/url.h"

#include <nlohmann/json.hpp>

#include "app/slack_notifier.h"
#include "aws/dynamodb.h"
#include "aws/endpoints.h"
#include "aws/secrets_manager.h"
#include "aws/ssm.h"
#include "base/log.h"
#include "http/webhook_sender.h"
#include "slack/slack_app_destination.h"
#include "slack/web_api_client.h"
#include "state/dynamo_state_store.h"
#include "state/stateful_notifier.h"

namespace gdslack {
namespace {

// Owns every part of one delivery stack; Notify goes to the top (the state decorator).
class DeliveryStack : public Notifier {
 public:
  NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) override {
    return top->Notify(finding, deadline_unix_ms);
  }
  std::unique_ptr<WebhookSender> sender;
  std::unique_ptr<SlackNotifier> webhook;
  std::unique_ptr<SlackWebClient> web;
  std::unique_ptr<Destination> destination;
  std::unique_ptr<DynamoDbClient> db;
  std::unique_ptr<DynamoStateStore> store;
  std::unique_ptr<StatefulNotifier> top;
};

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

Result<StateSettings> StateSettingsFromEnvironment(const EnvLookup& env) {
  StateSettings s;
  s.table = EnvOr(env, "STATE_TABLE", "");
  s.policy.policy = s.table.empty() ? UpdatePolicy::kAll : UpdatePolicy::kEscalations;
  if (const std::string p = EnvOr(env, "UPDATE_POLICY", ""); !p.empty()) {
    Result<UpdatePolicy> parsed = ParseUpdatePolicy(p);
    if (!parsed) return parsed.error();
    s.policy.policy = *parsed;
  }
  if (const std::string steps = EnvOr(env, "ESCALATION_STEPS", ""); !steps.empty()) {
    Result<std::vector<int64_t>> parsed = ParseEscalationSteps(steps);
    if (!parsed) return parsed.error();
    s.policy.steps = std::move(*parsed);
  }
  const std::string replies = EnvOr(env, "THREAD_REPLIES", "true");
  if (replies != "true" && replies != "false") return Status(Code::kConfig, "THREAD_REPLIES must be true or false");
  s.policy.thread_replies = replies == "true";
  return s;
}

Result<Secret> ResolveBotToken(const EnvLookup& env, const AwsAccess* aws, HttpClient& http, const Clock& clock,
                               Sleeper& sleeper, int64_t deadline_unix_ms) {
  Secret token(EnvOr(env, "SLACK_BOT_TOKEN", ""));
  std::string origin = "SLACK_BOT_TOKEN";
  const std::string parameter = EnvOr(env, "SLACK_BOT_TOKEN_PARAMETER", "");
  const std::string secret_id = EnvOr(env, "SLACK_BOT_TOKEN_SECRET", "");
  if (token.empty() && (!parameter.empty() || !secret_id.empty())) {
    origin = parameter.empty() ? "SLACK_BOT_TOKEN_SECRET " + secret_id : "SLACK_BOT_TOKEN_PARAMETER " + parameter;
    if (aws == nullptr) return Status(Code::kConfig, "cannot read " + origin + ": no AWS credentials");
    const std::string region = aws->region.empty() ? "us-east-1" : aws->region;
    Result<Endpoint> endpoint =
        ResolveEndpoint(parameter.empty() ? AwsService::kSecretsManager : AwsService::kSsm, region, env);
    if (!endpoint) return endpoint.error();
    AwsClient client(http, clock, sleeper, *aws->credentials, std::move(*endpoint));
    Result<Secret> value = parameter.empty()
                               ? SecretsManagerClient(std::move(client)).GetSecretValue(secret_id, deadline_unix_ms)
                               : SsmClient(std::move(client)).GetParameter(parameter, deadline_unix_ms);
    if (!value) {
      const Code code = value.error().code() == Code::kNotFound ? Code::kConfig : value.error().code();
      return Status(code, "cannot read " + origin + ": " + value.error().message());
    }
    token = parameter.empty() ? TokenField(*value) : std::move(*value);
  }
  if (token.empty()) return token;
  Status valid = ValidateBotToken(token, origin);
  if (!valid.ok()) return valid;
  return token;
}

Result<std::unique_ptr<Notifier>> BuildNotifierFromEnvironment(
    const EnvLookup& env, AwsAccess* aws, HttpClient& slack_http, HttpClient& aws_http, const Clock& clock,
    Sleeper& sleeper, AccountNameLookup* names, int64_t deadline_unix_ms, RenderOptions render,
    const std::function<Result<Secret>()>& webhook, std::string* where) {
  Result<StateSettings> settings = StateSettingsFromEnvironment(env);
  if (!settings) return settings.error();
  auto stack = std::make_unique<DeliveryStack>();

  Result<Secret> token = ResolveBotToken(env, aws, aws_http, clock, sleeper, deadline_unix_ms);
  if (!token) return token.error();
  std::string mode = "webhook";
  if (!token->empty()) {
    mode = "slack app";
    const std::string channel = EnvOr(env, "SLACK_CHANNEL", "");
    if (channel.empty()) return Status(Code::kConfig, "SLACK_CHANNEL is required with a Slack bot token");
    const std::string api_url = EnvOr(env, "SLACK_API_URL", std::string(kDefaultSlackApiUrl));
    if (!IsHttpsOrLoopbackUrl(api_url)) {
      return Status(Code::kConfig, "SLACK_API_URL must start with https:// (http:// only to a loopback address)");
    }
    stack->web = std::make_unique<SlackWebClient>(slack_http, clock, sleeper, std::move(*token), api_url);
    stack->destination = std::make_unique<SlackAppDestination>(*stack->web, channel, names, clock, render);
    if (where != nullptr) *where = HostOf(api_url);
  } else {
    Result<Secret> url = webhook ? webhook() : ResolveWebhookUrl(env, aws, aws_http, clock, sleeper, deadline_unix_ms);
    if (!url) return url.error();
    stack->sender = std::make_unique<WebhookSender>(slack_http, clock, sleeper, std::move(*url));
    if (where != nullptr) *where = stack->sender->host();
    stack->webhook = std::make_unique<SlackNotifier>(*stack->sender, names, clock, render);
    stack->destination = std::make_unique<NotifierDestination>(*stack->webhook);
  }

  if (!settings->table.empty()) {
    if (aws == nullptr) return Status(Code::kConfig, "STATE_TABLE is set but there are no AWS credentials");
    Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kDynamoDb, aws->region, env);
    if (!endpoint) return endpoint.error();
    // Table calls must leave time for Slack: fewer, shorter attempts than the SDK default.
    RetryPolicy retry = AwsStandardRetryPolicy();
    retry.attempt_timeout_ms = 2000;
    stack->db = std::make_unique<DynamoDbClient>(
        AwsClient(aws_http, clock, sleeper, *aws->credentials, std::move(*endpoint), retry));
    stack->store = std::make_unique<DynamoStateStore>(*stack->db, clock, settings->table, settings->scope);
  }
  stack->top =
      std::make_unique<StatefulNotifier>(stack->store.get(), *stack->destination, settings->policy, clock, sleeper);
  Log(LogLevel::kInfo, "delivery configured",
      {{"mode", mode}, {"state_table", settings->table}, {"update_policy", UpdatePolicyName(settings->policy.policy)}});
  return std::unique_ptr<Notifier>(std::move(stack));
}

}  // namespace gdslack
