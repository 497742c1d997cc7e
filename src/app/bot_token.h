// The Slack bot token of an app destination (app mode), and the app's signing secret (triage from Slack): where
// they are, and reading them. Never shows a value.
#pragma once

#include <string>

#include "app/configuration.h"

namespace gdslack {

// At most one of `value`, `parameter` (SSM SecureString) and `secret_id` (Secrets Manager: the token, or JSON
// with a "token" key) is set; none = no token. `origin` names the source in messages.
struct BotTokenSource {
  Secret value;
  std::string parameter;
  std::string secret_id;
  std::string origin;
};

// The environment's token: SLACK_BOT_TOKEN, else SLACK_BOT_TOKEN_PARAMETER, else SLACK_BOT_TOKEN_SECRET.
BotTokenSource BotTokenFromEnvironment(const EnvLookup& env);

// Reads and checks the token (xoxb-..., printable). An empty Secret when `source` names none. `aws` may be null
// (then a parameter or secret is a kConfig error); a parameter or secret that does not exist is kConfig too.
Result<Secret> ReadBotToken(const BotTokenSource& source, const EnvLookup& env, const AwsAccess* aws, HttpClient& http,
                            const Clock& clock, Sleeper& sleeper, int64_t deadline_unix_ms);

// The signing secret that verifies requests from Slack (triage): SLACK_SIGNING_SECRET, else
// SLACK_SIGNING_SECRET_PARAMETER, else SLACK_SIGNING_SECRET_SECRET (the secret, or JSON with "signing_secret").
BotTokenSource SigningSecretFromEnvironment(const EnvLookup& env);
// Reads it like ReadBotToken; kConfig when it is not printable or shorter than 16 characters.
Result<Secret> ReadSigningSecret(const BotTokenSource& source, const EnvLookup& env, const AwsAccess* aws,
                                 HttpClient& http, const Clock& clock, Sleeper& sleeper, int64_t deadline_unix_ms);

}  // namespace gdslack
