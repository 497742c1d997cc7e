#include "app/destination_set.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/bot_token.h"
#include "app/slack_notifier.h"
#include "app/sns_notifier.h"
#include "aws/endpoints.h"
#include "aws/sns.h"
#include "http/webhook_sender.h"
#include "slack/slack_app_destination.h"
#include "slack/web_api_client.h"
#include "state/destination.h"

namespace gdslack {
namespace {

// A post-only Destination that owns the Notifier it posts with (webhook, SNS).
class OwningNotifierDestination : public Destination {
 public:
  explicit OwningNotifierDestination(std::unique_ptr<Notifier> inner) : inner_(std::move(inner)), adapter_(*inner_) {}
  bool CanUpdate() const override { return false; }
  PostResult Post(const Finding& f, int64_t deadline) override { return adapter_.Post(f, deadline); }
  NotifyOutcome Update(const MessageRef& ref, const Finding& f, int64_t deadline) override {
    return adapter_.Update(ref, f, deadline);
  }
  NotifyOutcome Reply(const MessageRef& ref, const std::string& text, bool broadcast, int64_t deadline) override {
    return adapter_.Reply(ref, text, broadcast, deadline);
  }

 private:
  std::unique_ptr<Notifier> inner_;
  NotifierDestination adapter_;
};

// Without a decorator: every delivery is a plain post.
class PostingNotifier : public Notifier {
 public:
  explicit PostingNotifier(std::unique_ptr<Destination> destination) : destination_(std::move(destination)) {}
  NotifyOutcome Notify(const Finding& finding, int64_t deadline) override {
    return destination_->Post(finding, deadline).outcome;
  }

 private:
  std::unique_ptr<Destination> destination_;
};

bool IsSlack(DestinationKind kind) {
  return kind == DestinationKind::kSlackWebhook || kind == DestinationKind::kSlackApp;
}

}  // namespace

DestinationSet::~DestinationSet() = default;

std::unique_ptr<DestinationSet> DestinationSet::Single(const RoutingConfig& config, Notifier& notifier,
                                                       const Clock* clock, Sleeper* sleeper,
                                                       bool handles_update_policy) {
  std::unique_ptr<DestinationSet> set(new DestinationSet());
  set->single_ = &notifier;
  set->decorated_ = handles_update_policy;
  if (clock != nullptr && sleeper != nullptr) {
    for (const auto& [name, d] : config.destinations) {
      if (IsSlack(d.kind) && d.pace_interval_ms > 0) {
        set->pacers_[name] = std::make_unique<Pacer>(*clock, *sleeper, d.pace_interval_ms, d.pace_burst);
      }
    }
  }
  return set;
}

Result<std::unique_ptr<DestinationSet>> DestinationSet::Build(const RoutingConfig& config,
                                                              const DestinationServices& services,
                                                              const NotifierDecorator& decorate) {
  std::unique_ptr<DestinationSet> set(new DestinationSet());
  set->decorated_ = static_cast<bool>(decorate);
  set->allowed_hosts_ = config.allowed_webhook_hosts;
  for (const Route& route : config.routes) {
    Status st = set->AddRoute(config, route, services, decorate);
    if (!st.ok()) return st;
  }
  Status st = set->AddRoute(config, config.default_route, services, decorate);
  if (!st.ok()) return st;
  // A destination with a daily summary is built even when no route reaches it (a channel for summaries only).
  for (const auto& [name, d] : config.destinations) {
    if (!d.daily_summary) continue;
    if (d.kind == DestinationKind::kSlackApp) {
      Result<SlackWebClient*> web = set->WebFor(d, services);
      if (!web) return web.error();
      set->channels_[name] = d.channel;
    } else if (d.kind == DestinationKind::kSlackWebhook) {
      Result<WebhookSender*> sender = set->SenderFor(d, services);
      if (!sender) return sender.error();
    }
  }
  return set;
}

Status DestinationSet::AddRoute(const RoutingConfig& config, const Route& route, const DestinationServices& services,
                                const NotifierDecorator& decorate) {
  for (const Route& child : route.routes) {
    Status st = AddRoute(config, child, services, decorate);
    if (!st.ok()) return st;
  }
  if (route.drop) return Status::Ok();
  // A to_tag route may reach any destination (the account's tag names it at run time): bind them all.
  std::vector<std::string> targets = route.to;
  if (!route.to_tag.empty()) {
    for (const auto& [name, d] : config.destinations) {
      if (std::find(targets.begin(), targets.end(), name) == targets.end()) targets.push_back(name);
    }
  }
  for (const std::string& name : targets) {
    const auto found = config.destinations.find(name);
    if (found == config.destinations.end()) return Status(Code::kConfig, "unknown destination \"" + name + "\"");
    const DestinationConfig& d = found->second;
    Result<std::unique_ptr<Destination>> built = Make(d, route, services);
    if (!built) return built.error();
    if (IsSlack(d.kind) && d.pace_interval_ms > 0 && !pacers_.contains(name)) {
      pacers_[name] = std::make_unique<Pacer>(*services.clock, *services.sleeper, d.pace_interval_ms, d.pace_burst);
    }
    std::unique_ptr<Notifier> notifier;
    if (decorate) {
      Result<std::unique_ptr<Notifier>> wrapped = decorate(d, route, std::move(*built));
      if (!wrapped) return wrapped.error();
      notifier = std::move(*wrapped);
    } else {
      notifier = std::make_unique<PostingNotifier>(std::move(*built));
    }
    bindings_[{&route, name}] = notifier.get();
    owned_[{&route, name}] = std::move(notifier);
  }
  return Status::Ok();
}

Result<std::unique_ptr<Destination>> DestinationSet::Make(const DestinationConfig& d, const Route& route,
                                                          const DestinationServices& services) {
  switch (d.kind) {
    case DestinationKind::kSns: {
      Result<SnsClient*> sns = SnsFor(d, services);
      if (!sns) return sns.error();
      return std::unique_ptr<Destination>(std::make_unique<OwningNotifierDestination>(
          std::make_unique<SnsNotifier>(**sns, d.topic_arn, *services.clock)));
    }
    case DestinationKind::kSlackApp: {
      Result<SlackWebClient*> web = WebFor(d, services);
      if (!web) return web.error();
      return std::unique_ptr<Destination>(
          std::make_unique<SlackAppDestination>(**web, d.channel, services.names, *services.clock, services.render,
                                                route.mention, services.triage_buttons, services.triage_store));
    }
    case DestinationKind::kSlackWebhook: break;
  }
  Result<WebhookSender*> sender = SenderFor(d, services);
  if (!sender) return sender.error();
  if (!digest_.contains(d.name)) {  // digests carry the mention themselves (NotifyDigest)
    auto plain = std::make_unique<SlackNotifier>(**sender, services.names, *services.clock, services.render);
    digest_[d.name] = plain.get();
    owned_[{nullptr, d.name}] = std::move(plain);
  }
  return std::unique_ptr<Destination>(std::make_unique<OwningNotifierDestination>(
      std::make_unique<SlackNotifier>(**sender, services.names, *services.clock, services.render, route.mention)));
}

Result<SlackWebClient*> DestinationSet::WebFor(const DestinationConfig& d, const DestinationServices& services) {
  if (auto it = web_.find(d.name); it != web_.end()) return it->second.get();
  BotTokenSource source = BotTokenFromEnvironment(services.env);
  if (!d.token_parameter.empty() || !d.token_secret.empty()) {
    source = BotTokenSource{
        Secret(""), d.token_parameter, d.token_secret,
        d.token_parameter.empty() ? "token_secret " + d.token_secret : "token_parameter " + d.token_parameter};
  }
  Result<Secret> token = ReadBotToken(source, services.env, services.aws, *services.aws_http, *services.clock,
                                      *services.sleeper, services.deadline_unix_ms);
  if (!token) return Status(token.error().code(), "destination " + d.name + ": " + token.error().message());
  if (token->empty()) {
    return Status(Code::kConfig, "destination " + d.name +
                                     ": no Slack bot token (token_parameter, token_secret, or SLACK_BOT_TOKEN, "
                                     "SLACK_BOT_TOKEN_PARAMETER, SLACK_BOT_TOKEN_SECRET)");
  }
  const std::string api_url = EnvOr(services.env, "SLACK_API_URL", std::string(kDefaultSlackApiUrl));
  if (!IsHttpsOrLoopbackUrl(api_url)) {
    return Status(Code::kConfig, "SLACK_API_URL must start with https:// (http:// only to a loopback address)");
  }
  auto client = std::make_unique<SlackWebClient>(*services.slack_http, *services.clock, *services.sleeper,
                                                 std::move(*token), api_url);
  SlackWebClient* raw = client.get();
  web_[d.name] = std::move(client);
  return raw;
}

Result<WebhookSender*> DestinationSet::SenderFor(const DestinationConfig& d, const DestinationServices& services) {
  if (auto it = senders_.find(d.name); it != senders_.end()) return it->second.get();
  Result<Secret> url = Secret("");
  if (!d.url.empty()) {
    Status valid = ValidateWebhookUrl(d.url, allowed_hosts_);
    if (!valid.ok()) return Status(Code::kConfig, "destination " + d.name + ": " + valid.message());
    url = d.url;
  } else if (!d.url_parameter.empty() || !d.url_secret.empty()) {
    url = ReadWebhookSecret(d.url_parameter, d.url_parameter.empty() ? d.url_secret : "", "", services.env,
                            services.aws, *services.aws_http, *services.clock, *services.sleeper,
                            services.deadline_unix_ms, allowed_hosts_);
    if (!url) return Status(url.error().code(), "destination " + d.name + ": " + url.error().message());
  } else {
    if (!environment_webhook_read_) {
      environment_webhook_read_ = true;
      environment_webhook_ = services.environment_webhook
                                 ? services.environment_webhook()
                                 : Result<Secret>(Status(Code::kConfig, "no Slack webhook configured"));
    }
    // Its message already names the variable (SLACK_URL, SLACK_URL_PARAMETER, ...).
    if (!environment_webhook_) return environment_webhook_.error();
    url = *environment_webhook_;
  }
  auto sender = std::make_unique<WebhookSender>(*services.slack_http, *services.clock, *services.sleeper, *url);
  WebhookSender* raw = sender.get();
  senders_[d.name] = std::move(sender);
  return raw;
}

Result<SnsClient*> DestinationSet::SnsFor(const DestinationConfig& d, const DestinationServices& services) {
  if (auto it = sns_.find(d.name); it != sns_.end()) return it->second.get();
  if (services.aws == nullptr) {
    return Status(Code::kConfig, "destination " + d.name + ": SNS needs AWS credentials (none found)");
  }
  Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kSns, RegionOfArn(d.topic_arn), services.env);
  if (!endpoint) return Status(endpoint.error().code(), "destination " + d.name + ": " + endpoint.error().message());
  auto client = std::make_unique<SnsClient>(AwsClient(*services.aws_http, *services.clock, *services.sleeper,
                                                      *services.aws->credentials, std::move(*endpoint)));
  SnsClient* raw = client.get();
  sns_[d.name] = std::move(client);
  return raw;
}

NotifyOutcome DestinationSet::PostPayload(const std::string& destination, const std::string& payload_json,
                                          int64_t deadline_unix_ms) {
  NotifyOutcome outcome;
  if (auto it = senders_.find(destination); it != senders_.end()) {
    const DeliveryResult d = it->second->Deliver(payload_json, deadline_unix_ms);
    outcome.status = d.status;
    outcome.attempts = d.attempts;
    outcome.http_status = d.http_status;
    outcome.latency_ms = d.latency_ms;
    return outcome;
  }
  auto web = web_.find(destination);
  auto channel = channels_.find(destination);
  if (web != web_.end() && channel != channels_.end()) {
    nlohmann::json args = nlohmann::json::parse(payload_json, nullptr, false);
    if (!args.is_object()) {
      outcome.status = Status(Code::kInternal, "summary payload is not a JSON object");
      return outcome;
    }
    args["channel"] = channel->second;
    const SlackCallResult r = web->second->Call("chat.postMessage", args, deadline_unix_ms);
    outcome.status = r.status;
    outcome.attempts = r.attempts;
    outcome.http_status = r.http_status;
    return outcome;
  }
  outcome.status = Status(Code::kInvalidInput, "destination " + destination + " cannot take a summary");
  return outcome;
}

Notifier* DestinationSet::For(const Route& route, const std::string& destination) const {
  if (single_ != nullptr) return single_;
  auto it = bindings_.find({&route, destination});
  return it == bindings_.end() ? nullptr : it->second;
}

Notifier* DestinationSet::DigestNotifier(const std::string& destination) const {
  if (single_ != nullptr) return single_->CanDigest() ? single_ : nullptr;
  auto it = digest_.find(destination);
  return it == digest_.end() ? nullptr : it->second;
}

Pacer* DestinationSet::PacerFor(const std::string& destination) const {
  auto it = pacers_.find(destination);
  return it == pacers_.end() ? nullptr : it->second.get();
}

std::string DestinationSet::Where(const std::string& destination) const {
  if (auto it = senders_.find(destination); it != senders_.end()) return it->second->host();
  if (auto it = sns_.find(destination); it != sns_.end()) return "SNS";
  if (auto it = web_.find(destination); it != web_.end()) return it->second->host();
  return single_ != nullptr ? single_where_ : "";
}

}  // namespace gdslack
