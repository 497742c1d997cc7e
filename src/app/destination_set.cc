#include "app/destination_set.h"

#include "app/slack_notifier.h"
#include "app/sns_notifier.h"
#include "aws/endpoints.h"
#include "aws/sns.h"
#include "http/webhook_sender.h"

namespace gdslack {

DestinationSet::~DestinationSet() = default;

std::unique_ptr<DestinationSet> DestinationSet::Single(const RoutingConfig& config, Notifier& notifier,
                                                       const Clock* clock, Sleeper* sleeper,
                                                       bool handles_update_policy) {
  std::unique_ptr<DestinationSet> set(new DestinationSet());
  set->single_ = &notifier;
  set->decorated_ = handles_update_policy;
  if (clock != nullptr && sleeper != nullptr) {
    for (const auto& [name, d] : config.destinations) {
      if (d.kind == DestinationKind::kSlackWebhook && d.pace_interval_ms > 0) {
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
  return set;
}

Status DestinationSet::AddRoute(const RoutingConfig& config, const Route& route, const DestinationServices& services,
                                const NotifierDecorator& decorate) {
  for (const Route& child : route.routes) {
    Status st = AddRoute(config, child, services, decorate);
    if (!st.ok()) return st;
  }
  if (route.drop) return Status::Ok();
  for (const std::string& name : route.to) {
    const auto found = config.destinations.find(name);
    if (found == config.destinations.end()) return Status(Code::kConfig, "unknown destination \"" + name + "\"");
    const DestinationConfig& d = found->second;
    std::unique_ptr<Notifier> notifier;
    if (d.kind == DestinationKind::kSns) {
      Result<SnsClient*> sns = SnsFor(d, services);
      if (!sns) return sns.error();
      notifier = std::make_unique<SnsNotifier>(**sns, d.topic_arn, *services.clock);
    } else {
      Result<WebhookSender*> sender = SenderFor(d, services);
      if (!sender) return sender.error();
      notifier =
          std::make_unique<SlackNotifier>(**sender, services.names, *services.clock, services.render, route.mention);
      if (!digest_.contains(name)) {
        auto plain = std::make_unique<SlackNotifier>(**sender, services.names, *services.clock, services.render);
        digest_[name] = plain.get();
        owned_[{nullptr, name}] = std::move(plain);
      }
      if (d.pace_interval_ms > 0 && !pacers_.contains(name)) {
        pacers_[name] = std::make_unique<Pacer>(*services.clock, *services.sleeper, d.pace_interval_ms, d.pace_burst);
      }
    }
    if (decorate) {
      Result<std::unique_ptr<Notifier>> wrapped = decorate(d, route, std::move(notifier));
      if (!wrapped) return wrapped.error();
      notifier = std::move(*wrapped);
    }
    bindings_[{&route, name}] = notifier.get();
    owned_[{&route, name}] = std::move(notifier);
  }
  return Status::Ok();
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
  return single_ != nullptr ? single_where_ : "";
}

}  // namespace gdslack
