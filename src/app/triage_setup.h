// Triage from Slack, set up from the configuration: who may act (the routing file's `triage.allowed_users`, else
// TRIAGE_ALLOWED_USERS), the signing secret (SLACK_SIGNING_SECRET*), the triage store (the state table when
// STATE_TABLE is set, else memory), GuardDuty per Region, and the bot token for chat.update (SLACK_BOT_TOKEN*).
// Triage is on when someone may act: then app-mode messages get the buttons and the pipeline honours the
// store's mutes. The endpoint exists where a signing secret is configured (the interactivity function).
#pragma once

#include <memory>
#include <set>
#include <string>

#include "app/delivery_setup.h"
#include "routing/config.h"

namespace gdslack {

class DynamoDbClient;
class FindingArchiver;
class SlackWebClient;
class TriageHandler;
class TriageStore;

// The Slack user ids allowed to act; kConfig for an id in TRIAGE_ALLOWED_USERS that is not one.
Result<std::set<std::string>> TriageAllowedUsers(const RoutingConfig& config, const EnvLookup& env);

// The store the pipeline reads mutes from: on `db` (the state table) when given, else in memory.
std::unique_ptr<TriageStore> MakeTriageStore(DynamoDbClient* db, const EnvLookup& env);

struct TriageEndpoint {
  ~TriageEndpoint();
  std::unique_ptr<DynamoDbClient> db;
  std::unique_ptr<TriageStore> store;
  std::unique_ptr<FindingArchiver> archiver;
  std::unique_ptr<SlackWebClient> slack;
  std::unique_ptr<TriageHandler> handler;
};

// The endpoint, or nullptr when no signing secret is configured (a function that only delivers findings).
// kConfig names the bad setting; AWS errors reading the secret keep their code.
Result<std::unique_ptr<TriageEndpoint>> BuildTriageEndpoint(const RoutingConfig& config,
                                                            const DestinationServices& services);

}  // namespace gdslack
