// The routing model: what the configuration file (config/example.yaml) says, as plain values. Loaded and
// validated by config_loader.h; evaluated by router.h. Nothing here does I/O or holds a secret's value
// (inline webhook URLs excepted: they are Secrets and for local use only).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/secret.h"
#include "finding/finding.h"
#include "notify/update_policy.h"  // UpdatePolicy: one enum for routes and the state decorator

namespace gdslack {

// What a route or mute selects. Every set field must match (AND); a list matches when any element does
// (OR). Globs use '*' and '?' and are case-sensitive (GuardDuty types and ids are).
struct Matcher {
  std::vector<SeverityBand> bands;          // severity: high | [high, critical]
  std::optional<double> min_severity;       // inclusive (a band name means its lower bound)
  std::optional<double> max_severity;       // exclusive
  std::vector<std::string> accounts;        // globs on the account id or its name
  std::vector<std::string> regions;         // globs
  std::vector<std::string> types;           // globs on the finding type
  std::vector<std::string> resource_types;  // globs
  std::vector<std::string> finding_ids;     // exact ids (mutes)
  // Owners from AWS Organizations (looked up only when a configuration uses them): every key must be a tag
  // of the account with a value matching its glob; `ous` are globs on the OU path ("Workloads/*").
  std::map<std::string, std::string> account_tags;
  std::vector<std::string> ous;
  std::optional<bool> sample;
  std::optional<bool> archived;

  bool empty() const;
  // True when every finding matches, whatever the form: nothing given, or only universal conditions (a glob
  // of stars, every band, a floor at 0 or a ceiling above 10).
  bool MatchesEverything() const;
};

struct Route {
  std::string name;  // for logs and `route`; "default" for the default route
  int line = 0;      // in the configuration file (1-based; 0 = built from the environment)
  Matcher match;
  std::vector<std::string> to;  // destination names
  // A tag key whose value on the finding's account names the destination ("slack-destination: payments");
  // untagged accounts and unknown names fall back to `to` (logged).
  std::string to_tag;
  bool drop = false;               // matched findings go nowhere (and stop here)
  bool continue_matching = false;  // after this route matched, try the next sibling too
  std::string mention;             // "<!here>", "<!subteam^S123>", "<@U123>": configuration only
  // When a finding GuardDuty publishes again under the same id is posted again (issue 10; state/update_policy.h
  // decides, with or without the state table).
  UpdatePolicy update_policy = UpdatePolicy::kAll;
  std::vector<int64_t> escalation_steps;  // ascending counts, e.g. 10, 100, 1000 (for kEscalations)
  std::vector<Route> routes;              // children, tried in order before this route's own `to`
};

enum class DestinationKind { kSlackWebhook, kSlackApp, kSns };

struct DestinationConfig {
  std::string name;
  int line = 0;
  DestinationKind kind = DestinationKind::kSlackWebhook;
  // Slack webhook: at most one of these; none = the environment's webhook (SLACK_URL, SLACK_URL_PARAMETER,
  // SLACK_URL_SECRET or --webhook-url).
  Secret url;
  std::string url_parameter;  // SSM SecureString name or ARN
  std::string url_secret;     // Secrets Manager id or ARN
  // Slack app (a bot token and the Web API: messages updated in place, thread replies): the channel id, and
  // where the token is, at most one of these; none = the environment's (SLACK_BOT_TOKEN,
  // SLACK_BOT_TOKEN_PARAMETER, SLACK_BOT_TOKEN_SECRET).
  std::string channel;
  std::string token_parameter;  // SSM SecureString name or ARN
  std::string token_secret;     // Secrets Manager id or ARN (the token, or JSON with a "token" key)
  // SNS: the topic; the message is the short SMS text (sms_text.h).
  std::string topic_arn;
  // More than this many findings for this destination in one batch (or one `send` run) are posted as one
  // digest, High and Critical ones still one by one. 0 = never digest.
  int digest_after = 0;
  // Slack allows about one message per second per webhook with short bursts (README "Routing"): a token
  // bucket of `pace_burst` messages refilled one per `pace_interval_ms`. 0 = no pacing.
  int64_t pace_interval_ms = 1000;
  int pace_burst = 3;
  // `summary: daily`: the scheduled invocation posts this destination a summary of the last 24 hours
  // (src/summary/, README "Daily summary"). Slack destinations only: an SMS cannot hold one.
  bool daily_summary = false;
};

// A silence: findings that match are not sent anywhere until `until_unix_s`; logged with `reason`.
struct Mute {
  std::string reason;
  int line = 0;
  Matcher match;
  int64_t until_unix_s = 0;
  std::string until_text;  // as written, for messages
};

// A runbook link for finding types matching `type` (a glob); the first match wins.
struct Runbook {
  std::string type;
  std::string url;  // https only
  int line = 0;
};

// Global filters applied before any route: the env shortcuts MIN_SEVERITY, SKIP_SAMPLES, SKIP_ARCHIVED.
struct Filters {
  std::optional<double> min_severity;
  bool skip_samples = false;
  bool skip_archived = false;
};

struct RoutingConfig {
  std::string source;  // file name, "SSM parameter X" or "environment"
  Filters filters;
  std::map<std::string, DestinationConfig> destinations;
  std::vector<Route> routes;  // top level, in order
  Route default_route;        // when no top-level route matched
  std::vector<Mute> mutes;
  // Webhook hosts accepted besides Slack's own and loopback (routing/webhook_url.h).
  std::vector<std::string> allowed_webhook_hosts;
  // Tag keys that name an account's owner, in order of preference ("owner", "team"): shown in messages.
  std::vector<std::string> owner_tags;
  std::vector<Runbook> runbooks;
  // The Regions the daily summary reads GuardDuty in (`summary_regions`, else SUMMARY_REGIONS, else the
  // function's own Region): findings live in the Region that produced them, and an administrator account
  // aggregates its members per Region, not across Regions.
  std::vector<std::string> summary_regions;
  // Triage from Slack (the `triage:` section): Slack user ids allowed to press the triage buttons. Empty =
  // TRIAGE_ALLOWED_USERS decides; both empty = no buttons and nobody may act.
  std::vector<std::string> triage_allowed_users;
};

// True when some destination has `summary: daily`.
bool WantsDailySummary(const RoutingConfig& config);

// "eu-west-1", "us-gov-west-1", "cn-north-1": lowercase words joined by '-' ending in a number; checked so
// that a Region name can never change a host name.
bool IsRegionName(const std::string& text);

// True when some route or mute matches on account tags or OUs, a route uses to_tag, or owner_tags is set:
// only then are the account's tags and OU path looked up (extra Organizations calls otherwise unneeded).
bool UsesAccountInfo(const RoutingConfig& config);

// The lower bound of a band: Low 0, Medium 4, High 7, Critical 9 (docs/reference/guardduty.md, BandFor()).
double BandFloor(SeverityBand band);

// The state decorator's settings for a route (thread replies as given).
PolicyConfig PolicyOf(const Route& route, bool thread_replies = true);

// "low|medium|high|critical" (any case) or a number 0-10. nullopt otherwise.
std::optional<double> ParseSeverityFloor(const std::string& text);

}  // namespace gdslack
