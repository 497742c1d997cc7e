#include "app/delivery_setup.h"

#include "app/triage_setup.h"

#include "aws/dynamodb.h"
#include "aws/endpoints.h"
#include "base/log.h"
#include "state/destination.h"
#include "state/dynamo_state_store.h"
#include "state/memory_state_store.h"
#include "state/stateful_notifier.h"
#include "state/triage_store.h"

namespace gdslack {
namespace {

// One (route, destination) delivery: the destination under the state decorator, owned together.
class StatefulBinding : public Notifier {
 public:
  StatefulBinding(std::unique_ptr<Destination> destination, StateStore* store, PolicyConfig policy, const Clock& clock,
                  Sleeper& sleeper)
      : destination_(std::move(destination)), top_(store, *destination_, std::move(policy), clock, sleeper) {}
  NotifyOutcome Notify(const Finding& finding, int64_t deadline_unix_ms) override {
    return top_.Notify(finding, deadline_unix_ms);
  }
  DigestAdmission AdmitToDigest(const Finding& finding, int64_t deadline_unix_ms) override {
    return top_.AdmitToDigest(finding, deadline_unix_ms);
  }
  void FinishDigestMember(const Finding& finding, bool posted, int64_t deadline_unix_ms) override {
    top_.FinishDigestMember(finding, posted, deadline_unix_ms);
  }

 private:
  std::unique_ptr<Destination> destination_;
  StatefulNotifier top_;
};

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

DeliverySetup::~DeliverySetup() = default;

Result<std::unique_ptr<DeliverySetup>> BuildDelivery(const RoutingConfig& config, const DestinationServices& services) {
  auto setup = std::make_unique<DeliverySetup>();
  Result<StateSettings> settings = StateSettingsFromEnvironment(services.env);
  if (!settings) return settings.error();
  if (!settings->table.empty()) {
    if (services.aws == nullptr) return Status(Code::kConfig, "STATE_TABLE is set but there are no AWS credentials");
    Result<Endpoint> endpoint = ResolveEndpoint(AwsService::kDynamoDb, services.aws->region, services.env);
    if (!endpoint) return endpoint.error();
    // Table calls must leave time for the destination: fewer, shorter attempts than the SDK default.
    RetryPolicy retry = AwsStandardRetryPolicy();
    retry.attempt_timeout_ms = 2000;
    setup->db = std::make_unique<DynamoDbClient>(AwsClient(*services.aws_http, *services.clock, *services.sleeper,
                                                           *services.aws->credentials, std::move(*endpoint), retry));
  }
  DeliverySetup* raw = setup.get();
  const std::string table = settings->table;
  const bool replies = settings->policy.thread_replies;
  NotifierDecorator decorate = [raw, table, replies, &services](const DestinationConfig& d, const Route& route,
                                                                std::unique_ptr<Destination> built) {
    std::unique_ptr<StateStore>& store = raw->stores[d.name];
    if (!store && raw->db) store = std::make_unique<DynamoStateStore>(*raw->db, *services.clock, table, d.name);
    if (!store) store = std::make_unique<MemoryStateStore>(*services.clock);
    return Result<std::unique_ptr<Notifier>>(std::unique_ptr<Notifier>(std::make_unique<StatefulBinding>(
        std::move(built), store.get(), PolicyOf(route, replies), *services.clock, *services.sleeper)));
  };
  DestinationServices with_triage = services;
  if (services.triage_buttons) {
    setup->triage = MakeTriageStore(setup->db.get(), services.env);
    with_triage.triage_store = setup->triage.get();
  }
  Result<std::unique_ptr<DestinationSet>> built = DestinationSet::Build(config, with_triage, decorate);
  if (!built) return built.error();
  setup->destinations = std::move(*built);
  Log(LogLevel::kInfo, "delivery configured",
      {{"destinations", static_cast<int64_t>(config.destinations.size())},
       {"state_table", table},
       {"source", config.source}});
  return setup;
}

}  // namespace gdslack
