// Delivery wiring (issue 10): builds the Notifier that delivers findings from the environment, until
// routing passes per-route settings. The destination is a Slack app (SLACK_BOT_TOKEN /
// SLACK_BOT_TOKEN_PARAMETER / SLACK_BOT_TOKEN_SECRET + SLACK_CHANNEL, Web API at SLACK_API_URL) or, by
// default, the incoming webhook (SLACK_URL / SLACK_URL_PARAMETER / SLACK_URL_SECRET). Around it always sits
// the StatefulNotifier: with STATE_TABLE (DynamoDB) it delivers each finding version once and keeps one
// message per finding; UPDATE_POLICY (all|first|escalations; default escalations with a table, all without),
// ESCALATION_STEPS (10,100,1000) and THREAD_REPLIES (true) tune it. See docs/STATE.md.
#pragma once

#include <functional>

#include "render/slack_message.h"

#include <memory>
#include <string>

#include "app/configuration.h"
#include "notify/notifier.h"
#include "notify/update_policy.h"

namespace gdslack {

// What a route (or, today, the environment) says about state for one destination.
struct StateSettings {
  std::string table;            // "" = no state table
  std::string scope = "slack";  // the destination's name in the table's keys
  PolicyConfig policy;
};

// STATE_TABLE, UPDATE_POLICY, ESCALATION_STEPS, THREAD_REPLIES. kConfig names the bad variable.
Result<StateSettings> StateSettingsFromEnvironment(const EnvLookup& env);

// The bot token: SLACK_BOT_TOKEN, else SLACK_BOT_TOKEN_PARAMETER (SSM SecureString), else
// SLACK_BOT_TOKEN_SECRET (Secrets Manager: the token, or JSON with a "token" key). An empty Secret when
// none is set (webhook mode). Never shows the value.
Result<Secret> ResolveBotToken(const EnvLookup& env, const AwsAccess* aws, HttpClient& http, const Clock& clock,
                               Sleeper& sleeper, int64_t deadline_unix_ms);

// The whole delivery stack for Lambda (and any caller that takes its settings from the environment).
// `aws` may be null (no credentials: then STATE_TABLE and the *_PARAMETER/*_SECRET variables are errors);
// it, the HTTP clients, clock, sleeper and `names` must outlive the returned Notifier. `render` shapes webhook
// messages (the CLI's --format); `webhook`, when given, supplies the webhook URL instead of the environment (the
// CLI's --webhook-url), so both executables build the same stack. `where`, when given, receives the host it posts
// to (progress lines).
Result<std::unique_ptr<Notifier>> BuildNotifierFromEnvironment(
    const EnvLookup& env, AwsAccess* aws, HttpClient& slack_http, HttpClient& aws_http, const Clock& clock,
    Sleeper& sleeper, AccountNameLookup* names, int64_t deadline_unix_ms, RenderOptions render = {},
    const std::function<Result<Secret>()>& webhook = nullptr, std::string* where = nullptr);

}  // namespace gdslack
