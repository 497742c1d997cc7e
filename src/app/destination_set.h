// DestinationSet: the one factory that turns the configuration's destinations (Slack webhooks, Slack apps, SNS
// topics; from a routing file or, without one, from the environment) into Notifiers, and owns them. One
// Notifier per (route, destination) pair, because a route carries what a destination must know for that
// delivery (mention, update_policy, escalation_steps); those of one destination share its client and its pacer.
// A NotifierDecorator turns each (route, destination) Destination into the Notifier the pipeline drives: the
// state decorator (app/delivery_setup.h).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/configuration.h"
#include "http/pacer.h"
#include "notify/notifier.h"
#include "render/slack_message.h"
#include "routing/config.h"

namespace gdslack {

class TriageStore;

class Destination;
class WebhookSender;
class SlackWebClient;
class SnsClient;

// What building destinations needs. Pointers must outlive the DestinationSet; `aws` and `names` may be null.
struct DestinationServices {
  EnvLookup env;
  AwsAccess* aws = nullptr;
  HttpClient* slack_http = nullptr;  // webhooks and the Slack Web API
  HttpClient* aws_http = nullptr;    // SSM, Secrets Manager, SNS
  const Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;
  AccountNameLookup* names = nullptr;
  RenderOptions render;
  int64_t deadline_unix_ms = 0;  // for reading webhook secrets while building
  // The environment's webhook (SLACK_URL*, or the CLI's --webhook-url), for Slack destinations that name no
  // URL of their own. Called at most once, only when such a destination exists.
  std::function<Result<Secret>()> environment_webhook;
  // Slack app messages carry the triage buttons (slack/triage_blocks.h): triage is configured (app/triage_setup.h).
  bool triage_buttons = false;
  // Where the decisions taken from Slack are (set by BuildDelivery when triage is on): updates show them.
  TriageStore* triage_store = nullptr;
};

// Turns the Destination built for `destination` as used by `route` into its Notifier (taking ownership).
using NotifierDecorator = std::function<Result<std::unique_ptr<Notifier>>(
    const DestinationConfig& destination, const Route& route, std::unique_ptr<Destination> built)>;

class DestinationSet {
 public:
  // Builds every destination some route delivers to. kConfig (naming the destination) when a webhook, bot token
  // or topic cannot be set up; AWS errors keep their code. Without `decorate`, each Destination simply posts.
  static Result<std::unique_ptr<DestinationSet>> Build(const RoutingConfig& config, const DestinationServices& services,
                                                       const NotifierDecorator& decorate = nullptr);

  // Every delivery of `config` goes to `notifier` (borrowed). For callers that already hold one Notifier (tests,
  // the handler's single-notifier constructor, the environment's delivery stack). With a clock and sleeper,
  // each Slack destination of `config` is paced as configured; else unpaced. `handles_update_policy`: the
  // notifier judges update policies itself (the state decorator).
  static std::unique_ptr<DestinationSet> Single(const RoutingConfig& config, Notifier& notifier,
                                                const Clock* clock = nullptr, Sleeper* sleeper = nullptr,
                                                bool handles_update_policy = false);

  ~DestinationSet();
  DestinationSet(const DestinationSet&) = delete;
  DestinationSet& operator=(const DestinationSet&) = delete;

  // The notifier for `destination` when reached through `route`; nullptr when the set has none.
  Notifier* For(const Route& route, const std::string& destination) const;
  // A notifier of `destination` that posts digests (no route mention); nullptr when it cannot.
  Notifier* DigestNotifier(const std::string& destination) const;
  // The destination's pacer; nullptr = unpaced (SNS, or pacing off).
  Pacer* PacerFor(const std::string& destination) const;
  // What messages may show of a destination: the webhook's host, or the topic ARN. "" when unknown.
  std::string Where(const std::string& destination) const;
  // Posts a payload this product rendered (the daily summary) to a Slack destination as it is: the webhook as
  // given, or chat.postMessage to the app destination's channel. Not through a route's notifier: a summary is
  // about no one finding, so there is nothing to claim, judge or record. kInvalidInput for an SNS destination
  // or one the set did not build.
  NotifyOutcome PostPayload(const std::string& destination, const std::string& payload_json, int64_t deadline_unix_ms);
  // True when a decorator judges update policies itself (with state); the pipeline then does not.
  bool decorated() const { return decorated_; }
  // Where the Single set's notifier posts (its host), for progress lines; the built sets know their own.
  void set_single_where(std::string where) { single_where_ = std::move(where); }

 private:
  DestinationSet() = default;
  Status AddRoute(const RoutingConfig& config, const Route& route, const DestinationServices& services,
                  const NotifierDecorator& decorate);
  Result<WebhookSender*> SenderFor(const DestinationConfig& d, const DestinationServices& services);
  Result<SnsClient*> SnsFor(const DestinationConfig& d, const DestinationServices& services);
  Result<SlackWebClient*> WebFor(const DestinationConfig& d, const DestinationServices& services);
  Result<std::unique_ptr<Destination>> Make(const DestinationConfig& d, const Route& route,
                                            const DestinationServices& services);

  std::map<std::string, std::unique_ptr<WebhookSender>> senders_;
  std::map<std::string, std::unique_ptr<SnsClient>> sns_;
  std::map<std::string, std::unique_ptr<SlackWebClient>> web_;
  std::map<std::string, std::unique_ptr<Pacer>> pacers_;
  std::map<std::pair<const Route*, std::string>, std::unique_ptr<Notifier>> owned_;
  std::map<std::pair<const Route*, std::string>, Notifier*> bindings_;
  std::map<std::string, Notifier*> digest_;
  Notifier* single_ = nullptr;
  bool environment_webhook_read_ = false;
  Result<Secret> environment_webhook_ = Secret("");
  bool decorated_ = false;
  std::vector<std::string> allowed_hosts_;       // the routing file's allowed_webhook_hosts
  std::map<std::string, std::string> channels_;  // app destinations' channels, for PostPayload
  std::string single_where_;
};

}  // namespace gdslack
