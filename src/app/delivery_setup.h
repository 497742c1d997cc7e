// Delivery setup for both executables (Lambda init and the CLI's `send`): the destinations of the routing
// configuration, each (route, destination) pair wrapped in the state decorator (state/stateful_notifier.h) with that
// route's update policy and, when STATE_TABLE is set, the DynamoDB table (one scope per destination). Without a routing
// file the environment's delivery stack (webhook or Slack app token, app/delivery_wiring.h) is the one destination.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "app/delivery_wiring.h"
#include "app/destination_set.h"
#include "routing/config.h"

namespace gdslack {

class DynamoDbClient;
class StateStore;

struct DeliverySetup {
  ~DeliverySetup();
  std::unique_ptr<Notifier> environment_stack;  // no routing file: webhook or app mode, from the environment
  std::unique_ptr<DynamoDbClient> db;
  std::map<std::string, std::unique_ptr<StateStore>> stores;  // by destination name
  std::unique_ptr<DestinationSet> destinations;
};

// `config` and everything `services` points at must outlive the result. kConfig names the bad setting.
Result<std::unique_ptr<DeliverySetup>> BuildDelivery(const RoutingConfig& config, const DestinationServices& services);

}  // namespace gdslack
