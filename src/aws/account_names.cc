#include "aws/account_names.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "aws/endpoints.h"
#include "aws/environment_credentials.h"
#include "base/file.h"
#include "base/log.h"
#include "base/strings.h"

namespace gdslack {
namespace {

Result<std::map<std::string, std::string>> FromJson(std::string_view text, const std::string& where) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return Status(Code::kConfig, "ACCOUNT_NAMES " + where + ": expected a JSON object {\"111111111111\": \"name\"}");
  }
  std::map<std::string, std::string> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!IsAccountId(it.key()))
      return Status(Code::kConfig, "ACCOUNT_NAMES " + where + ": key is not a 12-digit account id");
    if (!it.value().is_string() || it.value().get<std::string>().empty()) {
      return Status(Code::kConfig, "ACCOUNT_NAMES " + where + ": name for " + it.key() + " must be a non-empty string");
    }
    out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

}  // namespace

Result<std::map<std::string, std::string>> ParseAccountNames(std::string_view value) {
  value = TrimWhitespace(value);
  if (value.empty()) return std::map<std::string, std::string>{};
  if (value.front() == '{') return FromJson(value, "(inline JSON)");
  if (value.find('=') == std::string_view::npos) {
    std::optional<std::string> text = ReadWholeFile(std::string(value));
    if (!text) return Status(Code::kConfig, "ACCOUNT_NAMES: cannot read file " + std::string(value));
    return FromJson(*text, "file " + std::string(value));
  }
  std::map<std::string, std::string> out;
  int index = 0;
  std::size_t pos = 0;
  while (pos <= value.size()) {
    std::size_t comma = value.find(',', pos);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view item = TrimWhitespace(value.substr(pos, comma - pos));
    pos = comma + 1;
    ++index;
    if (!item.empty()) {
      std::size_t eq = item.find('=');
      std::string_view id = eq == std::string_view::npos ? item : TrimWhitespace(item.substr(0, eq));
      std::string_view name = eq == std::string_view::npos ? std::string_view() : TrimWhitespace(item.substr(eq + 1));
      if (!IsAccountId(id)) {
        return Status(Code::kConfig, "ACCOUNT_NAMES entry " + std::to_string(index) + ": expected 12-digit-id=name");
      }
      if (name.empty()) {
        return Status(Code::kConfig,
                      "ACCOUNT_NAMES entry " + std::to_string(index) + ": empty name for " + std::string(id));
      }
      out[std::string(id)] = std::string(name);
    }
    if (comma == value.size()) break;
  }
  return out;
}

AccountNameResolver::AccountNameResolver(std::map<std::string, std::string> static_names,
                                         OrganizationsClient* organizations, const Clock& clock,
                                         AccountNameOptions options)
    : static_names_(std::move(static_names)), organizations_(organizations), clock_(clock), options_(options) {}

Result<std::unique_ptr<AccountNameResolver>> AccountNameResolver::FromEnvironment(const EnvLookup& env,
                                                                                  HttpClient& http, const Clock& clock,
                                                                                  Sleeper& sleeper,
                                                                                  CredentialsProvider& base_credentials,
                                                                                  AccountNameOptions options) {
  Result<std::map<std::string, std::string>> names = ParseAccountNames(EnvOr(env, "ACCOUNT_NAMES", ""));
  if (!names) return names.error();
  auto resolver = std::make_unique<AccountNameResolver>(std::move(*names), nullptr, clock, options);
  if (EnvOr(env, "ACCOUNT_NAMES_ONLY", "false") == "true") return resolver;

  const std::string region = RegionFromEnvironment(env);
  Result<Endpoint> org_endpoint =
      ResolveEndpoint(AwsService::kOrganizations, region.empty() ? "us-east-1" : region, env);
  if (!org_endpoint) return org_endpoint.error();
  CredentialsProvider* org_credentials = &base_credentials;
  const std::string role_arn = EnvOr(env, "ORG_ROLE_ARN", "");
  if (!role_arn.empty()) {
    if (role_arn.rfind("arn:", 0) != 0) return Status(Code::kConfig, "ORG_ROLE_ARN must be an IAM role ARN");
    Result<Endpoint> sts_endpoint = ResolveEndpoint(AwsService::kSts, region.empty() ? "us-east-1" : region, env);
    if (!sts_endpoint) return sts_endpoint.error();
    resolver->owned_sts_ =
        std::make_unique<StsClient>(AwsClient(http, clock, sleeper, base_credentials, std::move(*sts_endpoint)));
    resolver->owned_role_ = std::make_unique<AssumeRoleCredentialsProvider>(*resolver->owned_sts_, clock, role_arn,
                                                                            "guardduty-slack", 3600);
    org_credentials = resolver->owned_role_.get();
  }
  resolver->owned_organizations_ = std::make_unique<OrganizationsClient>(
      AwsClient(http, clock, sleeper, *org_credentials, std::move(*org_endpoint)));
  resolver->organizations_ = resolver->owned_organizations_.get();
  return resolver;
}

std::string AccountNameResolver::Lookup(const std::string& account_id, int64_t deadline_unix_ms) {
  auto fixed = static_names_.find(account_id);
  if (fixed != static_names_.end()) return fixed->second;
  if (organizations_ == nullptr || !IsAccountId(account_id)) return "";

  const int64_t now = clock_.NowUnixMs();
  auto cached = cache_.find(account_id);
  if (cached != cache_.end() && now < cached->second.expires_unix_ms) return cached->second.name;

  // No time left: show the bare id, and cache nothing (the account itself did not fail).
  if (deadline_unix_ms <= now) return "";
  const int64_t deadline = std::min(deadline_unix_ms, now + options_.lookup_budget_ms);
  Result<std::string> name = organizations_->DescribeAccount(account_id, deadline);
  Entry entry;
  if (name) {
    entry.name = std::move(*name);
    entry.expires_unix_ms = clock_.NowUnixMs() + options_.ttl_ms;
  } else {
    LogFailureOnce(account_id, name.error());
    entry.expires_unix_ms = clock_.NowUnixMs() + options_.failure_ttl_ms;
  }
  cache_[account_id] = entry;
  return entry.name;
}

AccountOrgInfo AccountNameResolver::LookupOrgInfo(const std::string& account_id, int64_t deadline_unix_ms) {
  if (organizations_ == nullptr || !IsAccountId(account_id)) return {};
  const int64_t now = clock_.NowUnixMs();
  auto cached = info_cache_.find(account_id);
  if (cached != info_cache_.end() && now < cached->second.expires_unix_ms) return cached->second.info;
  if (deadline_unix_ms <= now) return {};
  // Tags and the OU walk share one budget: a slow Organizations costs a finding at most one lookup budget.
  const int64_t deadline = std::min(deadline_unix_ms, now + options_.lookup_budget_ms);
  InfoEntry entry;
  Status failed = Status::Ok();
  Result<std::map<std::string, std::string>> tags = organizations_->ListAccountTags(account_id, deadline);
  if (tags) {
    entry.info.tags = std::move(*tags);
    Result<std::vector<std::string>> path = organizations_->OuPath(account_id, deadline);
    if (path) {
      for (const std::string& ou : *path) entry.info.ou_path += (entry.info.ou_path.empty() ? "" : "/") + ou;
    } else {
      failed = path.error();
    }
  } else {
    failed = tags.error();
  }
  if (failed.ok()) {
    entry.expires_unix_ms = clock_.NowUnixMs() + options_.ttl_ms;
  } else {
    LogFailureOnce(account_id, failed, "account tags and OU");
    entry.expires_unix_ms = clock_.NowUnixMs() + options_.failure_ttl_ms;
  }
  info_cache_[account_id] = entry;
  return entry.info;
}

void AccountNameResolver::LogFailureOnce(const std::string& account_id, const Status& status, const char* what) {
  if (!logged_kinds_.insert({what, status.code()}).second) return;
  Log(LogLevel::kWarn, std::string(what) + " lookup failed; routing and the message go on without it",
      {{"account", account_id},
       {"error_code", std::string(CodeName(status.code()))},
       {"error", status.message()},
       {"note", "logged once per failure kind; failures are cached for " +
                    std::to_string(options_.failure_ttl_ms / 1000) + " s"}});
}

}  // namespace gdslack
