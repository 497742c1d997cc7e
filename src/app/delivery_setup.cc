#include "app/delivery_setup.h"

#include "aws/dynamodb.h"
#include "aws/endpoints.h"
#include "state/destination.h"
#include "state/dynamo_state_store.h"
#include "state/stateful_notifier.h"

namespace gdslack {
namespace {

// One (route, destination) delivery: the destination's notifier under the state decorator.
class StatefulBinding : public Notifier {
 public:
  StatefulBinding(std::unique_ptr<Notifier> inner, StateStore* store, PolicyConfig policy, const Clock& clock,
                  Sleeper& sleeper)
      : inner_(std::move(inner)), destination_(*inner_), top_(store, destination_, std::move(policy), clock, sleeper) {}
  NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) override {
    return top_.Notify(finding, deadline_unix_ms);
  }

 private:
  std::unique_ptr<Notifier> inner_;
  NotifierDestination destination_;
  StatefulNotifier top_;
};

}  // namespace

DeliverySetup::~DeliverySetup() = default;

Result<std::unique_ptr<DeliverySetup>> BuildDelivery(const RoutingConfig& config, const DestinationServices& services) {
  auto setup = std::make_unique<DeliverySetup>();
  if (config.source == "environment") {
    // No routing file: today's environment-driven stack (webhook or Slack app, state table, UPDATE_POLICY)
    // delivers everything the filters let through, paced like the default destination.
    std::string where;
    Result<std::unique_ptr<Notifier>> stack = BuildNotifierFromEnvironment(
        services.env, services.aws, *services.slack_http, *services.aws_http, *services.clock, *services.sleeper,
        services.names, services.deadline_unix_ms, services.render, services.environment_webhook, &where);
    if (!stack) return stack.error();
    setup->environment_stack = std::move(*stack);
    setup->destinations = DestinationSet::Single(config, *setup->environment_stack, services.clock, services.sleeper,
                                                 /*handles_update_policy=*/true);
    setup->destinations->set_single_where(where);
    return setup;
  }
  Result<StateSettings> settings = StateSettingsFromEnvironment(services.env);
  if (!settings) return settings.error();
  if (!settings->table.empty()) {
    if (services.aws == nullptr) return Status(Code::kConfig, "STATE_TABLE is set but there are no AWS credentials");
    Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kDynamoDb, services.aws->region, services.env);
    if (!endpoint) return endpoint.error();
    RetryPolicy retry = AwsStandardRetryPolicy();
    retry.attempt_timeout_ms = 2000;  // table calls must leave time for the destination (as delivery_wiring.cc)
    setup->db = std::make_unique<DynamoDbClient>(AwsClient(*services.aws_http, *services.clock, *services.sleeper,
                                                           *services.aws->credentials, std::move(*endpoint), retry));
  }
  DeliverySetup* raw = setup.get();
  const std::string table = settings->table;
  const bool replies = settings->policy.thread_replies;
  NotifierDecorator decorate = [raw, table, replies, &services](const DestinationConfig& d, const Route& route,
                                                                std::unique_ptr<Notifier> inner) {
    StateStore* store = nullptr;
    if (raw->db) {
      std::unique_ptr<StateStore>& slot = raw->stores[d.name];
      if (!slot) slot = std::make_unique<DynamoStateStore>(*raw->db, *services.clock, table, d.name);
      store = slot.get();
    }
    return Result<std::unique_ptr<Notifier>>(std::unique_ptr<Notifier>(std::make_unique<StatefulBinding>(
        std::move(inner), store, PolicyOf(route, replies), *services.clock, *services.sleeper)));
  };
  Result<std::unique_ptr<DestinationSet>> built = DestinationSet::Build(config, services, decorate);
  if (!built) return built.error();
  setup->destinations = std::move(*built);
  return setup;
}

}  // namespace gdslack
