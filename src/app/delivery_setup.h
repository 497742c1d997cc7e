// Delivery setup for both executables (Lambda init and the CLI's `send`): the destinations of the routing
// configuration (a file, or the one the environment describes: app/routing_setup.h), each (route, destination)
// pair under the state decorator (state/stateful_notifier.h) with that route's update policy. The decorator's
// store is the DynamoDB table when STATE_TABLE is set (one scope per destination), else this process's memory
// (state/memory_state_store.h). One factory: nothing else builds a destination.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "app/destination_set.h"
#include "notify/update_policy.h"
#include "routing/config.h"

namespace gdslack {

class DynamoDbClient;
class StateStore;
class TriageStore;

// What the environment says about state: STATE_TABLE, and for the environment's own route UPDATE_POLICY
// (default escalations with a table, all without), ESCALATION_STEPS (10,100,1000); THREAD_REPLIES (true) for all.
struct StateSettings {
  std::string table;  // "" = no state table
  PolicyConfig policy;
};

// kConfig names the bad variable.
Result<StateSettings> StateSettingsFromEnvironment(const EnvLookup& env);

struct DeliverySetup {
  ~DeliverySetup();
  std::unique_ptr<DynamoDbClient> db;
  std::map<std::string, std::unique_ptr<StateStore>> stores;  // by destination name
  std::unique_ptr<DestinationSet> destinations;
  // With triage on (services.triage_buttons): the store of "mute similar" decisions the pipeline honours
  // (PipelineOptions::triage), on the state table when there is one.
  std::unique_ptr<TriageStore> triage;
};

// `config` and everything `services` points at must outlive the result. kConfig names the bad setting.
Result<std::unique_ptr<DeliverySetup>> BuildDelivery(const RoutingConfig& config, const DestinationServices& services);

}  // namespace gdslack
