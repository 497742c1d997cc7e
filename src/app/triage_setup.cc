#include "app/triage_setup.h"

#include "app/bot_token.h"
#include "aws/dynamodb.h"
#include "aws/endpoints.h"
#include "base/log.h"
#include "base/strings.h"
#include "render/mention.h"
#include "slack/web_api_client.h"
#include "state/dynamo_triage_store.h"
#include "state/memory_triage_store.h"
#include "triage/triage_handler.h"

namespace gdslack {
namespace {

// Every call of the endpoint fits in Slack's 3 s: short attempts, few retries.
RetryPolicy QuickRetry() {
  RetryPolicy retry = AwsStandardRetryPolicy();
  retry.attempt_timeout_ms = 1500;
  return retry;
}

}  // namespace

TriageEndpoint::~TriageEndpoint() = default;

Result<std::set<std::string>> TriageAllowedUsers(const RoutingConfig& config, const EnvLookup& env) {
  std::set<std::string> users(config.triage_allowed_users.begin(), config.triage_allowed_users.end());
  if (!users.empty()) return users;
  const std::string list = EnvOr(env, "TRIAGE_ALLOWED_USERS", "");
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t comma = list.find(',', pos);
    if (comma == std::string::npos) comma = list.size();
    const std::string id(TrimWhitespace(std::string_view(list).substr(pos, comma - pos)));
    if (!id.empty() && !IsSlackUserId(id)) {
      return Status(Code::kConfig, "TRIAGE_ALLOWED_USERS: not a Slack user id (U0123ABCD): " + id);
    }
    if (!id.empty()) users.insert(id);
    pos = comma + 1;
  }
  return users;
}

std::unique_ptr<TriageStore> MakeTriageStore(DynamoDbClient* db, const EnvLookup& env) {
  if (db != nullptr) return std::make_unique<DynamoTriageStore>(*db, EnvOr(env, "STATE_TABLE", ""));
  return std::make_unique<MemoryTriageStore>();
}

Result<std::unique_ptr<TriageEndpoint>> BuildTriageEndpoint(const RoutingConfig& config,
                                                            const DestinationServices& services) {
  const BotTokenSource secret_source = SigningSecretFromEnvironment(services.env);
  if (secret_source.value.empty() && secret_source.parameter.empty() && secret_source.secret_id.empty()) {
    return std::unique_ptr<TriageEndpoint>();
  }
  TriageSettings settings;
  Result<std::set<std::string>> users = TriageAllowedUsers(config, services.env);
  if (!users) return users.error();
  const std::size_t allowed_count = users->size();
  settings.allowed_users = std::move(*users);
  Result<Secret> secret = ReadSigningSecret(secret_source, services.env, services.aws, *services.aws_http,
                                            *services.clock, *services.sleeper, services.deadline_unix_ms);
  if (!secret) return secret.error();
  settings.signing_secret = std::move(*secret);
  if (services.aws == nullptr) return Status(Code::kConfig, "triage needs AWS credentials (GuardDuty, the table)");

  auto endpoint = std::make_unique<TriageEndpoint>();
  const std::string table = EnvOr(services.env, "STATE_TABLE", "");
  if (!table.empty()) {
    Result<Endpoint> dynamo = ResolveEndpoint(AwsService::kDynamoDb, services.aws->region, services.env);
    if (!dynamo) return dynamo.error();
    endpoint->db =
        std::make_unique<DynamoDbClient>(AwsClient(*services.aws_http, *services.clock, *services.sleeper,
                                                   *services.aws->credentials, std::move(*dynamo), QuickRetry()));
  }
  endpoint->store = MakeTriageStore(endpoint->db.get(), services.env);
  // The factory outlives this call: it keeps copies of what it needs (the pointees outlive the endpoint).
  endpoint->archiver = std::make_unique<GuardDutyArchiver>(
      [env = services.env, http = services.aws_http, clock = services.clock, sleeper = services.sleeper,
       creds = services.aws->credentials.get()](const std::string& region) -> Result<std::unique_ptr<GuardDutyClient>> {
        Result<Endpoint> ep = ResolveEndpoint(AwsService::kGuardDuty, region, env);
        if (!ep) return ep.error();
        return std::make_unique<GuardDutyClient>(
            AwsClient(*http, *clock, *sleeper, *creds, std::move(*ep), QuickRetry()));
      });
  Result<Secret> token =
      ReadBotToken(BotTokenFromEnvironment(services.env), services.env, services.aws, *services.aws_http,
                   *services.clock, *services.sleeper, services.deadline_unix_ms);
  if (!token) return token.error();
  if (!token->empty()) {
    RetryPolicy slack_retry;
    slack_retry.attempt_timeout_ms = 1500;
    endpoint->slack = std::make_unique<SlackWebClient>(
        *services.slack_http, *services.clock, *services.sleeper, std::move(*token),
        EnvOr(services.env, "SLACK_API_URL", std::string(kDefaultSlackApiUrl)), slack_retry);
  }
  const bool loopback_replies = EnvOr(services.env, "SLACK_API_URL", "").rfind("http://127.0.0.1", 0) == 0;
  endpoint->handler =
      std::make_unique<TriageHandler>(std::move(settings), *endpoint->store, *endpoint->archiver, endpoint->slack.get(),
                                      *services.slack_http, *services.clock, loopback_replies);
  Log(LogLevel::kInfo, "triage endpoint configured",
      {{"allowed_users", static_cast<int64_t>(allowed_count)},
       {"state_table", table},
       {"message_updates", endpoint->slack != nullptr}});
  return endpoint;
}

}  // namespace gdslack
