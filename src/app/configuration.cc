#include "app/configuration.h"

#include <algorithm>

#include "aws/account_names.h"
#include "aws/credential_chain.h"
#include "aws/endpoints.h"
#include "aws/environment_credentials.h"
#include "aws/secrets_manager.h"
#include "aws/ssm.h"
#include "base/log.h"
#include "routing/webhook_url.h"

namespace gdslack {
namespace {

// Adapts the aws module's resolver to the app's lookup interface (aws must not depend on app).
class ResolverLookup : public AccountNameLookup {
 public:
  explicit ResolverLookup(std::unique_ptr<AccountNameResolver> resolver) : resolver_(std::move(resolver)) {}
  std::string Lookup(const std::string& account_id, int64_t deadline_unix_ms) override {
    return resolver_->Lookup(account_id, deadline_unix_ms);
  }
  AccountInfo LookupInfo(const std::string& account_id, int64_t deadline_unix_ms) override {
    AccountOrgInfo found = resolver_->LookupOrgInfo(account_id, deadline_unix_ms);
    return AccountInfo{std::move(found.tags), std::move(found.ou_path)};
  }

 private:
  std::unique_ptr<AccountNameResolver> resolver_;
};

Status ExplainAwsFailure(const Status& status, const std::string& what, const std::string& permission) {
  std::string message = "cannot read " + what + ": " + status.message();
  if (status.code() == Code::kPermissionDenied) {
    message += " (the function's role needs " + permission + ", and kms:Decrypt for a customer-managed key)";
  } else if (status.code() == Code::kNotFound) {
    message += " (check the name and the Region)";
  }
  return Status(status.code() == Code::kNotFound ? Code::kConfig : status.code(), message);
}

}  // namespace

Result<AwsAccess> ResolveAwsAccess(const EnvLookup& env, RunMode mode, HttpClient& http, const Clock& clock,
                                   Sleeper& sleeper, int64_t deadline_unix_ms) {
  AwsAccess access;
  if (mode == RunMode::kLambda) {
    Result<Credentials> creds = CredentialsFromEnvironment(env);
    if (!creds) return creds.error();
    access.credentials = std::make_unique<StaticCredentialsProvider>(std::move(*creds));
    access.region = RegionFromEnvironment(env);
    access.source = "environment";
    return access;
  }
  Result<ResolvedCredentials> resolved = ResolveCliCredentials(env, http, clock, sleeper, deadline_unix_ms);
  if (!resolved) return resolved.error();
  access.credentials = std::make_unique<StaticCredentialsProvider>(std::move(resolved->credentials));
  access.region = resolved->region;
  access.source = resolved->source;
  return access;
}

bool IsHttpsOrLoopbackUrl(const std::string& u) {
  const std::string host = HostOf(u);
  // Host names are ASCII only (an internationalised name is written in its xn-- form): the Lambda package's
  // libcurl carries no IDN library (src/lambda_link/idn_psl_stubs.c), so refuse here, with a clear message.
  const bool ascii = std::all_of(host.begin(), host.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  return ascii &&
         ((u.rfind("https://", 0) == 0 && !host.empty()) || (u.rfind("http://", 0) == 0 && IsLoopbackHost(host)));
}

Status ValidateWebhookUrl(const Secret& url, const std::vector<std::string>& allowed_hosts) {
  return CheckWebhookUrl(url.Reveal(), allowed_hosts);
}

Result<Secret> ReadWebhookSecret(const std::string& parameter, const std::string& secret_id, const std::string& label,
                                 const EnvLookup& env, const AwsAccess* aws, HttpClient& http, const Clock& clock,
                                 Sleeper& sleeper, int64_t deadline_unix_ms,
                                 const std::vector<std::string>& allowed_hosts) {
  const std::string what = parameter.empty() ? "secret " + secret_id : "SSM parameter " + parameter;
  const std::string name = label.empty() ? what : label;
  if (aws == nullptr) {
    return Status(Code::kConfig, "cannot read " + name + ": no AWS credentials (set AWS_PROFILE or AWS_ACCESS_KEY_ID)");
  }
  const std::string region = aws->region.empty() ? "us-east-1" : aws->region;
  Secret url;
  if (!parameter.empty()) {
    Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kSsm, region, env);
    if (!endpoint) return endpoint.error();
    SsmClient ssm(AwsClient(http, clock, sleeper, *aws->credentials, std::move(*endpoint)));
    Result<Secret> value = ssm.GetParameter(parameter, deadline_unix_ms);
    if (!value) return ExplainAwsFailure(value.error(), name, "ssm:GetParameter");
    url = std::move(*value);
  } else {
    Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kSecretsManager, region, env);
    if (!endpoint) return endpoint.error();
    SecretsManagerClient secrets(AwsClient(http, clock, sleeper, *aws->credentials, std::move(*endpoint)));
    Result<Secret> value = secrets.GetSecretValue(secret_id, deadline_unix_ms);
    if (!value) return ExplainAwsFailure(value.error(), name, "secretsmanager:GetSecretValue");
    url = SecretUrlField(*value);
  }
  if (url.empty()) return Status(Code::kConfig, what + " is empty");
  Status valid = ValidateWebhookUrl(url, allowed_hosts);
  if (!valid.ok()) return Status(Code::kConfig, what + ": " + valid.message());
  return url;
}

Result<Secret> ResolveWebhookUrl(const EnvLookup& env, const AwsAccess* aws, HttpClient& http, const Clock& clock,
                                 Sleeper& sleeper, int64_t deadline_unix_ms) {
  const std::string parameter = EnvOr(env, "SLACK_URL_PARAMETER", "");
  const std::string secret_id = EnvOr(env, "SLACK_URL_SECRET", "");
  Secret url(EnvOr(env, "SLACK_URL", ""));
  if (url.empty() && (!parameter.empty() || !secret_id.empty())) {
    const std::string label = parameter.empty() ? "SLACK_URL_SECRET " + secret_id : "SLACK_URL_PARAMETER " + parameter;
    return ReadWebhookSecret(parameter, parameter.empty() ? secret_id : "", label, env, aws, http, clock, sleeper,
                             deadline_unix_ms);
  }
  if (url.empty()) {
    return Status(Code::kConfig,
                  "no Slack webhook configured: set SLACK_URL_PARAMETER (SSM SecureString), SLACK_URL_SECRET "
                  "(Secrets Manager) or SLACK_URL");
  }
  Status valid = ValidateWebhookUrl(url);
  if (!valid.ok()) return Status(Code::kConfig, "SLACK_URL: " + valid.message());
  return url;
}

Result<std::unique_ptr<AccountNameLookup>> BuildAccountNameLookup(const EnvLookup& env, AwsAccess* aws,
                                                                  HttpClient& http, const Clock& clock,
                                                                  Sleeper& sleeper) {
  if (aws == nullptr) {
    Result<std::map<std::string, std::string>> names = ParseAccountNames(EnvOr(env, "ACCOUNT_NAMES", ""));
    if (!names) return Status(Code::kConfig, "ACCOUNT_NAMES: " + names.error().message());
    if (names->empty()) return std::unique_ptr<AccountNameLookup>();
    return std::unique_ptr<AccountNameLookup>(
        std::make_unique<ResolverLookup>(std::make_unique<AccountNameResolver>(std::move(*names), nullptr, clock)));
  }
  Result<std::unique_ptr<AccountNameResolver>> resolver =
      AccountNameResolver::FromEnvironment(env, http, clock, sleeper, *aws->credentials);
  if (!resolver) return resolver.error();
  return std::unique_ptr<AccountNameLookup>(std::make_unique<ResolverLookup>(std::move(*resolver)));
}

}  // namespace gdslack
