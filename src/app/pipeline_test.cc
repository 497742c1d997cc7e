#include "app/pipeline.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include "base/fake_clock.h"

#include "http/fake_http_client.h"
#include "routing/config_loader.h"
#include "routing/sms_text.h"
#include "routing/test_findings.h"
#include "state/destination.h"
#include "state/memory_triage_store.h"

namespace gdslack {
namespace {

using testing::MakeFinding;
using Outcome = FindingResult::Outcome;

constexpr const char* kConfig = R"(
destinations:
  chat:
    slack: {url: "http://127.0.0.1:9/services/T/B/secretTOKEN"}
    digest_after: 3
    pace: {interval_ms: 1000, burst: 1}
  pager:
    sns: {topic_arn: "arn:aws:sns:eu-west-2:111111111111:page"}
routes:
  - name: critical
    match: {severity: critical}
    to: [pager, chat]
    mention: "<!here>"
  - name: first-only
    match: {type: "Policy:*"}
    to: chat
    update_policy: first
default: {to: chat}
mutes:
  - reason: scanner
    match: {type: "Recon:EC2/PortProbeUnprotectedPort"}
    until: 2999-01-01
)";

struct Fixture {
  FakeClock clock;
  FakeHttpClient slack;
  FakeHttpClient aws_http;
  AwsAccess aws;
  RoutingConfig config;
  std::unique_ptr<DestinationSet> set;
  std::unique_ptr<Pipeline> pipeline;

  explicit Fixture(const std::string& text = kConfig) {
    Credentials c;
    c.access_key_id = "AKIDEXAMPLE";
    c.secret_access_key = Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    aws.credentials = std::make_unique<StaticCredentialsProvider>(std::move(c));
    aws.region = "eu-west-2";
    Result<RoutingConfig> loaded = LoadRoutingConfig(text, "test.yaml");
    EXPECT_TRUE(loaded) << loaded.error().message();
    config = *loaded;
    DestinationServices services;
    services.env = MapEnvironment({{"AWS_ENDPOINT_URL", "http://127.0.0.1:9"}});
    services.aws = &aws;
    services.slack_http = &slack;
    services.aws_http = &aws_http;
    services.clock = &clock;
    services.sleeper = &clock;
    services.deadline_unix_ms = clock.NowUnixMs() + 5000;
    Result<std::unique_ptr<DestinationSet>> built = DestinationSet::Build(config, services);
    EXPECT_TRUE(built) << built.error().message();
    set = std::move(*built);
    pipeline = std::make_unique<Pipeline>(config, *set, nullptr, clock);
  }
  void SlackOk(int n) {
    for (int i = 0; i < n; ++i) slack.Push(200, "ok");
  }
  std::vector<FindingResult> Run(const std::vector<Finding>& findings, int64_t budget_ms = 60000) const {
    return pipeline->Process(findings, clock.NowUnixMs() + budget_ms);
  }
};

Finding WithId(Finding f, const std::string& id) {
  f.id = id;
  return f;
}

TEST(PipelineTest, CriticalGoesToSmsAndSlackWithMention) {
  Fixture f;
  f.SlackOk(1);
  f.aws_http.Push(200, "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>");
  const Finding critical = MakeFinding(9.5, "Backdoor:EC2/C&CActivity.B");
  const std::vector<FindingResult> r = f.Run({critical});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].outcome, Outcome::kDelivered) << r[0].status.ToString();
  EXPECT_EQ(r[0].destinations, (std::vector<std::string>{"pager", "chat"}));
  EXPECT_EQ(r[0].reason, "route critical");
  ASSERT_EQ(f.aws_http.requests().size(), 1u);  // published once
  EXPECT_NE(f.aws_http.requests()[0].body.find("Action=Publish"), std::string::npos);
  ASSERT_EQ(f.slack.requests().size(), 1u);
  const nlohmann::json payload = nlohmann::json::parse(f.slack.requests()[0].body);
  EXPECT_EQ(payload["text"].get<std::string>().rfind("<!here> ", 0), 0u);
}

// One delivery per (finding version, destination): Slack failing and the batch coming back (Lambda's retry)
// re-sends only the Slack delivery; the pager that already got the SMS is not paged again.
TEST(PipelineTest, RetryRedoesOnlyTheFailedDestination) {
  Fixture f;
  const std::string published =
      "<PublishResponse><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>";
  f.aws_http.Push(200, published);
  f.slack.Push(404, "no_service");  // permanent: no retry inside this run
  const Finding critical = WithId(MakeFinding(9.5, "Backdoor:EC2/C&CActivity.B"), "crit-1");
  std::vector<FindingResult> r = f.Run({critical});
  ASSERT_EQ(r[0].outcome, Outcome::kFailed);
  EXPECT_EQ(r[0].destinations, (std::vector<std::string>{"pager"}));
  ASSERT_EQ(f.aws_http.requests().size(), 1u);

  f.clock.Advance(60000);
  f.SlackOk(1);
  r = f.Run({critical});
  EXPECT_EQ(r[0].outcome, Outcome::kDelivered) << r[0].status.ToString();
  EXPECT_EQ(r[0].destinations, (std::vector<std::string>{"chat"}));
  EXPECT_NE(r[0].reason.find("pager: this version was already delivered"), std::string::npos) << r[0].reason;
  EXPECT_EQ(f.aws_http.requests().size(), 1u);  // never re-published
  EXPECT_EQ(f.slack.requests().size(), 2u);

  // A third delivery of the same version reaches nobody: it is a duplicate, not "delivered".
  r = f.Run({critical});
  EXPECT_EQ(r[0].outcome, Outcome::kDuplicate);
  EXPECT_EQ(f.slack.requests().size(), 2u);
}

// Two copies of one version in one batch (an SQS batch holding a redelivered message) post once.
TEST(PipelineTest, TwoCopiesOfOneVersionInABatchPostOnce) {
  Fixture f;
  f.SlackOk(2);
  const Finding high = WithId(MakeFinding(8), "high-1");
  Finding newer = high;
  newer.count = 2;  // another version of the same finding: posted
  const std::vector<FindingResult> r = f.Run({high, high, newer});
  EXPECT_EQ(r[0].outcome, Outcome::kDelivered);
  EXPECT_EQ(r[1].outcome, Outcome::kDuplicate);
  EXPECT_NE(r[1].reason.find("another copy of this version in the batch"), std::string::npos) << r[1].reason;
  EXPECT_EQ(r[2].outcome, Outcome::kDelivered);
  EXPECT_EQ(f.slack.requests().size(), 2u);
}

// A digest keeps the mention of the route its members came through, as a single message would.
TEST(PipelineTest, DigestCarriesTheRoutesMention) {
  Fixture f(R"(
destinations:
  chat: {slack: {url: "http://127.0.0.1:9/services/T/B/secretTOKEN"}, digest_after: 2}
routes:
  - {name: team, match: {account: "111111111111"}, to: chat, mention: "<!subteam^S0TEAM>"}
default: {drop: true}
)");
  f.SlackOk(1);
  std::vector<Finding> batch;
  batch.reserve(3);
  for (int i = 0; i < 3; ++i) batch.push_back(WithId(MakeFinding(3), "low" + std::to_string(i)));
  const std::vector<FindingResult> r = f.Run(batch);
  ASSERT_EQ(f.slack.requests().size(), 1u);
  const nlohmann::json payload = nlohmann::json::parse(f.slack.requests()[0].body);
  EXPECT_EQ(payload["text"].get<std::string>().rfind("<!subteam^S0TEAM> GuardDuty digest", 0), 0u) << payload.dump();
  for (const FindingResult& one : r) EXPECT_TRUE(one.digested);
}

TEST(PipelineTest, DigestsLowerFindingsAndPostsHighAlone) {
  Fixture f;
  f.SlackOk(3);
  std::vector<Finding> batch;
  batch.reserve(5);
  for (int i = 0; i < 5; ++i)
    batch.push_back(WithId(MakeFinding(2 + i % 3, "Backdoor:EC2/Spambot"), "low" + std::to_string(i)));
  batch.push_back(WithId(MakeFinding(8), "high1"));
  batch.push_back(WithId(MakeFinding(7.5, "Trojan:EC2/DropPoint"), "high2"));
  const std::vector<FindingResult> r = f.Run(batch);
  ASSERT_EQ(f.slack.requests().size(), 3u);  // two High alone, then one digest
  EXPECT_NE(f.slack.requests()[2].body.find("GuardDuty digest: 5 findings"), std::string::npos);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    EXPECT_EQ(r[i].outcome, Outcome::kDelivered) << i;
    EXPECT_EQ(r[i].digested, i < 5) << i;
  }
  EXPECT_EQ(f.clock.total_slept_ms(), 2000);  // paced: one per second on this webhook
}

TEST(PipelineTest, PacingThatMissesTheDeadlineFailsInsteadOfDropping) {
  Fixture f;
  f.SlackOk(3);
  std::vector<Finding> batch;
  batch.reserve(3);
  for (int i = 0; i < 3; ++i) batch.push_back(WithId(MakeFinding(8), "h" + std::to_string(i)));
  const std::vector<FindingResult> r = f.Run(batch, /*budget_ms=*/1500);
  EXPECT_EQ(r[0].outcome, Outcome::kDelivered);
  EXPECT_EQ(r[1].outcome, Outcome::kDelivered);
  EXPECT_EQ(r[2].outcome, Outcome::kFailed);
  EXPECT_EQ(r[2].status.code(), Code::kTimeout);
  EXPECT_EQ(f.slack.requests().size(), 2u);
}

TEST(PipelineTest, AFailedDigestFailsEveryFindingInIt) {
  Fixture f;
  f.slack.Push(404, "channel_not_found");
  std::vector<Finding> batch;
  batch.reserve(4);
  for (int i = 0; i < 4; ++i) batch.push_back(WithId(MakeFinding(2), "l" + std::to_string(i)));
  const std::vector<FindingResult> r = f.Run(batch);
  ASSERT_EQ(f.slack.requests().size(), 1u);
  for (const FindingResult& x : r) {
    EXPECT_EQ(x.outcome, Outcome::kFailed);
    EXPECT_EQ(x.status.code(), Code::kNotFound);
    EXPECT_TRUE(x.digested);
  }
}

TEST(PipelineTest, FiltersMutesAndUpdatePolicySendNothing) {
  Fixture f;
  Finding muted = MakeFinding(5, "Recon:EC2/PortProbeUnprotectedPort");
  Finding recurring = MakeFinding(5, "Policy:S3/BucketPublicAccessGranted");
  recurring.count = 4;
  f.config.filters.skip_samples = true;
  Finding sample = MakeFinding(5, "Backdoor:EC2/Spambot");
  sample.sample = true;
  const std::vector<FindingResult> r = f.Run({muted, recurring, sample});
  EXPECT_EQ(r[0].outcome, Outcome::kMuted);
  EXPECT_EQ(r[0].reason, "muted until 2999-01-01: scanner");
  EXPECT_EQ(r[1].outcome, Outcome::kUnchanged);
  EXPECT_NE(r[1].reason.find("update_policy first: count 4"), std::string::npos) << r[1].reason;
  EXPECT_EQ(r[2].outcome, Outcome::kFiltered);
  EXPECT_TRUE(f.slack.requests().empty());
  EXPECT_TRUE(f.aws_http.requests().empty());
}

// A "mute similar" taken from Slack holds back findings of the same type, account and resource until it ends;
// another resource, or the same one after the end, is delivered.
TEST(PipelineTest, TriageMutesFromSlackAreHonouredBesideTheFilesMutes) {
  Fixture f;
  MemoryTriageStore triage;
  PipelineOptions options;
  options.triage = &triage;
  f.pipeline = std::make_unique<Pipeline>(f.config, *f.set, nullptr, f.clock, options);
  Finding probe = MakeFinding(5, "Backdoor:EC2/Spambot");
  probe.resource_facts = {{"Instance", "i-0abc", true}};
  Finding other = WithId(probe, "ffffffffffffffffffffffffffffffff");
  other.resource_facts = {{"Instance", "i-0def", true}};
  const int64_t now_s = f.clock.NowUnixMs() / 1000;
  ASSERT_TRUE(
      triage
          .AddMute({probe.type, probe.account_id, TriageResourceOf(probe), now_s + 600, "U0ALICE", now_s, probe.id}, 0)
          .ok());
  f.SlackOk(2);
  std::vector<FindingResult> r = f.Run({probe, other});
  EXPECT_EQ(r[0].outcome, Outcome::kMuted);
  EXPECT_NE(r[0].reason.find("muted from Slack by U0ALICE until "), std::string::npos) << r[0].reason;
  EXPECT_EQ(r[1].outcome, Outcome::kDelivered) << r[1].status.ToString();
  EXPECT_EQ(f.slack.requests().size(), 1u);
  f.clock.Advance(601 * 1000);
  probe.count = 2;  // a new version, after the mute ended
  probe.updated_at.text = "later";
  r = f.Run({probe});
  EXPECT_EQ(r[0].outcome, Outcome::kDelivered) << r[0].reason;
}

TEST(PipelineTest, OneDestinationFailingFailsTheFinding) {
  Fixture f;
  f.SlackOk(1);
  f.aws_http.Push(404,
                  "<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not "
                  "exist</Message></Error></ErrorResponse>");
  const std::vector<FindingResult> r = f.Run({MakeFinding(9.1)});
  EXPECT_EQ(r[0].outcome, Outcome::kFailed);
  EXPECT_EQ(r[0].destinations, std::vector<std::string>{"chat"});
  EXPECT_NE(r[0].status.message().find("not found"), std::string::npos) << r[0].status.message();
}

TEST(PipelineTest, BuildFailsForSnsWithoutCredentials) {
  Result<RoutingConfig> config = LoadRoutingConfig(kConfig, "test.yaml");
  ASSERT_TRUE(config);
  FakeClock clock;
  FakeHttpClient http;
  DestinationServices services;
  services.env = MapEnvironment({});
  services.slack_http = &http;
  services.aws_http = &http;
  services.clock = &clock;
  services.sleeper = &clock;
  Result<std::unique_ptr<DestinationSet>> set = DestinationSet::Build(*config, services);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().message(), "destination pager: SNS needs AWS credentials (none found)");
}

TEST(PipelineTest, DecoratorWrapsEveryRouteDestinationPair) {
  Result<RoutingConfig> config = LoadRoutingConfig(kConfig, "test.yaml");
  ASSERT_TRUE(config);
  Fixture f;
  std::vector<std::string> seen;
  DestinationServices services;
  services.env = MapEnvironment({{"AWS_ENDPOINT_URL", "http://127.0.0.1:9"}});
  services.aws = &f.aws;
  services.slack_http = &f.slack;
  services.aws_http = &f.aws_http;
  services.clock = &f.clock;
  services.sleeper = &f.clock;
  Result<std::unique_ptr<DestinationSet>> set = DestinationSet::Build(
      *config, services, [&](const DestinationConfig& d, const Route& route, std::unique_ptr<Destination> built) {
        struct Posting : Notifier {
          std::unique_ptr<Destination> to;
          NotifyOutcome Notify(const Finding& finding, int64_t deadline) override {
            return to->Post(finding, deadline).outcome;
          }
        };
        seen.push_back(route.name + "->" + d.name + ":" + std::string(UpdatePolicyName(route.update_policy)));
        auto posting = std::make_unique<Posting>();
        posting->to = std::move(built);
        return Result<std::unique_ptr<Notifier>>(std::unique_ptr<Notifier>(std::move(posting)));
      });
  ASSERT_TRUE(set) << set.error().message();
  EXPECT_TRUE((*set)->decorated());
  EXPECT_EQ(seen, (std::vector<std::string>{"critical->pager:all", "critical->chat:all", "first-only->chat:first",
                                            "default->chat:all"}));
}

// A destination whose decorator posts nothing on purpose (as the state layer does for a version already
// handled) leaves the finding "unchanged", with the reason, and never "delivered".
TEST(PipelineTest, HeldBackByTheDecoratorIsUnchangedNotDelivered) {
  struct Holding : Notifier {
    NotifyOutcome Notify(const Finding&, int64_t) override {
      NotifyOutcome o;
      o.held_back = "this version was already handled (state table)";
      return o;
    }
  };
  Result<RoutingConfig> config = LoadRoutingConfig(
      "destinations:\n  chat:\n    slack: {url: \"http://127.0.0.1:9/x\"}\n"
      "  ops:\n    slack: {url: \"http://127.0.0.1:9/y\"}\n"
      "default: {to: [chat, ops]}\n",
      "test.yaml");
  ASSERT_TRUE(config) << config.error().message();
  Fixture f;
  DestinationServices services;
  services.env = MapEnvironment({});
  services.slack_http = &f.slack;
  services.aws_http = &f.aws_http;
  services.clock = &f.clock;
  services.sleeper = &f.clock;
  Result<std::unique_ptr<DestinationSet>> set = DestinationSet::Build(
      *config, services, [](const DestinationConfig&, const Route&, std::unique_ptr<Destination>) {
        return Result<std::unique_ptr<Notifier>>(std::unique_ptr<Notifier>(std::make_unique<Holding>()));
      });
  ASSERT_TRUE(set) << set.error().message();
  Pipeline pipeline(*config, **set, nullptr, f.clock);
  const std::vector<FindingResult> r =
      pipeline.Process({MakeFinding(8.0, "Backdoor:EC2/C&CActivity.B")}, f.clock.NowUnixMs() + 60000);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].outcome, Outcome::kUnchanged);
  EXPECT_TRUE(r[0].destinations.empty());
  // Both destinations' reasons, not only the last one's.
  EXPECT_NE(r[0].reason.find("chat: this version was already handled"), std::string::npos) << r[0].reason;
  EXPECT_NE(r[0].reason.find("ops: this version was already handled"), std::string::npos) << r[0].reason;
  EXPECT_TRUE(f.slack.requests().empty());
}

}  // namespace
}  // namespace gdslack

namespace gdslack {
namespace {

// Counts what the pipeline asks of the account lookup.
class FakeAccountLookup : public AccountNameLookup {
 public:
  std::string Lookup(const std::string& account_id, int64_t deadline_unix_ms) override {
    (void)deadline_unix_ms;
    ++names;
    return account_id == "111111111111" ? "payments-prod" : "";
  }
  AccountInfo LookupInfo(const std::string& account_id, int64_t deadline_unix_ms) override {
    (void)deadline_unix_ms;
    ++infos;
    if (account_id != "111111111111") return {};
    return AccountInfo{{{"team", "payments"}, {"slack-destination", "team"}}, "Workloads/Prod"};
  }
  int names = 0;
  int infos = 0;
};

constexpr const char* kOwnersConfig = R"(
owner_tags: [owner, team]
runbooks: [{type: "Backdoor:*", url: "https://wiki.example.com/backdoor"}]
destinations:
  chat: {slack: {url: "http://127.0.0.1:9/services/T/BCHAT/secretTOKEN"}}
  team: {slack: {url: "http://127.0.0.1:9/services/T/BTEAM/secretTOKEN"}}
routes:
  - {name: by-team, match: {ou: "Workloads/*"}, to_tag: slack-destination, to: chat}
default: {to: chat}
)";

TEST(PipelineOwnersTest, TagsRouteShowOwnerAndRunbook) {
  Fixture f(kOwnersConfig);
  FakeAccountLookup lookup;
  Pipeline pipeline(f.config, *f.set, &lookup, f.clock);
  f.SlackOk(2);
  const Finding tagged = MakeFinding(8.0, "Backdoor:EC2/Spambot", "111111111111");
  const Finding other =
      WithId(MakeFinding(8.0, "Recon:EC2/Portscan", "222222222222"), "fedcba9876543210fedcba9876543210");
  const std::vector<FindingResult> r = pipeline.Process({tagged, other}, f.clock.NowUnixMs() + 60000);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].destinations, (std::vector<std::string>{"team"}));
  EXPECT_EQ(r[1].destinations, (std::vector<std::string>{"chat"}));
  EXPECT_EQ(lookup.infos, 2);
  ASSERT_EQ(f.slack.requests().size(), 2u);
  const HttpRequest* to_team = nullptr;
  for (const HttpRequest& req : f.slack.requests()) {
    if (req.url.find("/BTEAM/") != std::string::npos) to_team = &req;
  }
  ASSERT_NE(to_team, nullptr);
  const std::string body = to_team->body;
  EXPECT_NE(body.find(R"(*Owner*\npayments)"), std::string::npos) << body;
  EXPECT_NE(body.find("\"url\":\"https://wiki.example.com/backdoor\""), std::string::npos) << body;
}

TEST(PipelineOwnersTest, NoOrganizationsCallsWhenTheFileDoesNotUseThem) {
  Fixture f;
  FakeAccountLookup lookup;
  Pipeline pipeline(f.config, *f.set, &lookup, f.clock);
  f.SlackOk(1);
  const std::vector<FindingResult> r =
      pipeline.Process({MakeFinding(5.0, "Backdoor:EC2/Spambot")}, f.clock.NowUnixMs() + 60000);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(lookup.names, 1);
  EXPECT_EQ(lookup.infos, 0);
  ASSERT_EQ(f.slack.requests().size(), 1u);
  EXPECT_EQ(f.slack.requests()[0].body.find("*Owner*"), std::string::npos);
  // The built-in runbook: AWS's EC2 remediation guide.
  EXPECT_NE(f.slack.requests()[0].body.find("https://docs.aws.amazon.com/guardduty/latest/ug/compromised-ec2.html"),
            std::string::npos);
}

}  // namespace
}  // namespace gdslack
