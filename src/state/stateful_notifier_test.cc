// The state decorator over a fake store and a recording destination: exactly-once per version, claims
// given back on failure, table outages fall back to posting, busy finding ids waited for.
#include "state/stateful_notifier.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"

#include "state/fake_state_store.h"
#include "state/memory_state_store.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000000;

class RecordingDestination : public Destination {
 public:
  explicit RecordingDestination(bool app) : app_(app) {}
  bool CanUpdate() const override { return app_; }
  PostResult Post(const Finding& f, int64_t) override {
    calls.push_back("post " + std::to_string(f.count));
    PostResult r;
    r.outcome = Next();
    if (r.outcome.status.ok() && app_) r.ref = {"C1", "17000000" + std::to_string(calls.size()) + ".000100"};
    return r;
  }
  NotifyOutcome Update(const MessageRef& ref, const Finding& f, int64_t) override {
    calls.push_back("update " + ref.ts + " " + std::to_string(f.count));
    return Next();
  }
  NotifyOutcome Reply(const MessageRef& ref, const std::string& text, bool broadcast, int64_t) override {
    calls.push_back((broadcast ? "broadcast " : "reply ") + ref.ts + " " + text);
    return Next();
  }
  std::vector<Status> script;  // answers in order; OK when empty
  std::vector<std::string> calls;

 private:
  NotifyOutcome Next() {
    NotifyOutcome o;
    o.attempts = 1;
    if (!script.empty()) {
      o.status = script.front();
      script.erase(script.begin());
    }
    return o;
  }
  bool app_;
};

Finding Version(int64_t count, double severity, bool archived = false) {
  Finding f;
  f.id = "abc123";
  f.count = count;
  f.severity = severity;
  f.band = BandFor(severity);
  f.updated_at.text = "2026-01-01T00:00:" + std::to_string(10 + count % 50) + ".000Z";
  f.archived = archived;
  return f;
}

class StatefulNotifierTest : public ::testing::Test {
 protected:
  StatefulNotifierTest() : clock_(kNow), store_(clock_) {}
  StatefulNotifier Make(Destination& d, UpdatePolicy p, bool with_store = true) {
    PolicyConfig c;
    c.policy = p;
    return StatefulNotifier(with_store ? &store_ : nullptr, d, c, clock_, clock_);
  }
  FakeClock clock_;
  FakeStateStore store_;
};

TEST_F(StatefulNotifierTest, SameVersionPostedOnce) {
  RecordingDestination webhook(false);
  StatefulNotifier n = Make(webhook, UpdatePolicy::kAll);
  const NotifyOutcome first = n.Notify(Version(1, 5.0), kNow + 10000);
  EXPECT_TRUE(first.status.ok());
  EXPECT_EQ(first.held_back, "");
  const NotifyOutcome repeat = n.Notify(Version(1, 5.0), kNow + 10000);
  EXPECT_TRUE(repeat.status.ok());
  EXPECT_EQ(repeat.held_back, "this version was already handled (state table)");  // not reported as delivered
  EXPECT_TRUE(n.Notify(Version(2, 5.0), kNow + 10000).status.ok());
  EXPECT_EQ(webhook.calls, (std::vector<std::string>{"post 1", "post 2"}));
  EXPECT_EQ(store_.items["abc123"].posted.count, 2);
}

TEST_F(StatefulNotifierTest, FailedPostGivesTheClaimBack) {
  RecordingDestination webhook(false);
  webhook.script = {Status(Code::kUnavailable, "slack down")};
  StatefulNotifier n = Make(webhook, UpdatePolicy::kAll);
  EXPECT_EQ(n.Notify(Version(1, 5.0), kNow + 10000).status.code(), Code::kUnavailable);
  EXPECT_EQ(store_.releases, 1);
  EXPECT_TRUE(store_.items["abc123"].versions.empty());
  // The retry claims at once and delivers.
  EXPECT_TRUE(n.Notify(Version(1, 5.0), kNow + 10000).status.ok());
  EXPECT_EQ(webhook.calls, (std::vector<std::string>{"post 1", "post 1"}));
}

TEST_F(StatefulNotifierTest, TableOutageNeverLosesAFinding) {
  RecordingDestination webhook(false);
  store_.fail_claims = Status(Code::kThrottled, "dynamodb:UpdateItem failed: ThrottlingException");
  StatefulNotifier n = Make(webhook, UpdatePolicy::kEscalations);
  // Even a version the policy would normally hold back is posted: the table cannot tell.
  EXPECT_TRUE(n.Notify(Version(5, 5.0), kNow + 10000).status.ok());
  EXPECT_EQ(webhook.calls, (std::vector<std::string>{"post 5"}));
}

TEST_F(StatefulNotifierTest, RecordFailureAfterDeliveryIsStillDelivered) {
  RecordingDestination webhook(false);
  store_.fail_writes = Status(Code::kUnavailable, "dynamodb down");
  StatefulNotifier n = Make(webhook, UpdatePolicy::kAll);
  EXPECT_TRUE(n.Notify(Version(1, 5.0), kNow + 10000).status.ok());
  EXPECT_EQ(webhook.calls.size(), 1u);
}

TEST_F(StatefulNotifierTest, BusyFindingIsWaitedForThenFailsForARetry) {
  RecordingDestination webhook(false);
  StatefulNotifier n = Make(webhook, UpdatePolicy::kAll);
  store_.items["abc123"].owner = "another sandbox";
  store_.items["abc123"].lease_until = kNow + 60000;
  NotifyOutcome o = n.Notify(Version(1, 5.0), kNow + 10000);
  EXPECT_EQ(o.status.code(), Code::kUnavailable);
  EXPECT_TRUE(webhook.calls.empty());
  EXPECT_GT(clock_.total_slept_ms(), 0);
  EXPECT_LE(clock_.NowUnixMs(), kNow + 10000);  // never waited past the deadline
  // A lease that lapses while waiting is taken over.
  store_.items["abc123"].lease_until = clock_.NowUnixMs() + 300;
  EXPECT_TRUE(n.Notify(Version(1, 5.0), clock_.NowUnixMs() + 10000).status.ok());
  EXPECT_EQ(webhook.calls, (std::vector<std::string>{"post 1"}));
}

TEST_F(StatefulNotifierTest, WebhookEscalationsPostOnceThenOnlyOnEscalation) {
  RecordingDestination webhook(false);
  StatefulNotifier n = Make(webhook, UpdatePolicy::kEscalations);
  int minute = 0;
  int held = 0;
  for (Finding f : {Version(1, 5.0), Version(5, 5.0), Version(8, 5.0), Version(12, 5.0), Version(20, 5.0),
                    Version(20, 7.5), Version(30, 7.5, true)}) {
    f.updated_at.text = "2026-01-01T00:" + std::to_string(10 + minute++) + ":00.000Z";
    const NotifyOutcome o = n.Notify(f, kNow + 10000);
    EXPECT_TRUE(o.status.ok());
    if (!o.held_back.empty()) ++held;
  }
  EXPECT_EQ(webhook.calls, (std::vector<std::string>{"post 1", "post 12", "post 20"}));
  EXPECT_EQ(held, 4);  // every version not posted says why
}

TEST_F(StatefulNotifierTest, AppModeOneMessageUpdatedInPlace) {
  RecordingDestination app(true);
  StatefulNotifier n = Make(app, UpdatePolicy::kEscalations);
  for (Finding f : {Version(1, 5.0), Version(5, 5.0), Version(50, 5.0), Version(50, 8.0), Version(50, 8.0, true)}) {
    f.updated_at.text += f.band == SeverityBand::kHigh ? (f.archived ? "c" : "b") : "a";  // distinct versions
    EXPECT_TRUE(n.Notify(f, kNow + 10000).status.ok());
  }
  const std::string ts = "170000001.000100";
  EXPECT_EQ(app.calls, (std::vector<std::string>{"post 1", "update " + ts + " 5", "update " + ts + " 50",
                                                 "reply " + ts + " Seen 50 times now (was 5).", "update " + ts + " 50",
                                                 "broadcast " + ts + " Severity raised to High (8.0), was Medium.",
                                                 "update " + ts + " 50", "reply " + ts + " Archived in GuardDuty."}));
}

TEST_F(StatefulNotifierTest, DeletedMessageIsPostedAnew) {
  RecordingDestination app(true);
  StatefulNotifier n = Make(app, UpdatePolicy::kEscalations);
  EXPECT_TRUE(n.Notify(Version(1, 5.0), kNow + 10000).status.ok());
  app.script = {Status(Code::kNotFound, "message_not_found")};
  EXPECT_TRUE(n.Notify(Version(2, 5.0), kNow + 10000).status.ok());
  EXPECT_EQ(app.calls.back(), "post 2");
  EXPECT_EQ(store_.items["abc123"].posted.ts, "170000003.000100");
}

// A reply only adds to a message that already shows the new version: its failure is logged, the finding is
// delivered and recorded, and a retry does not update or reply again.
TEST_F(StatefulNotifierTest, FailedReplyDoesNotFailTheUpdate) {
  RecordingDestination app(true);
  StatefulNotifier n = Make(app, UpdatePolicy::kEscalations);
  EXPECT_TRUE(n.Notify(Version(1, 5.0), kNow + 10000).status.ok());
  app.script = {Status::Ok(), Status(Code::kThrottled, "ratelimited")};
  EXPECT_TRUE(n.Notify(Version(10, 5.0), kNow + 10000).status.ok());
  const std::size_t calls = app.calls.size();
  const NotifyOutcome again = n.Notify(Version(10, 5.0), kNow + 10000);
  EXPECT_TRUE(again.status.ok());
  EXPECT_FALSE(again.held_back.empty());
  EXPECT_EQ(app.calls.size(), calls);
}

// Slack refuses to edit the message (too old, a workspace setting, the channel archived or left): the
// finding is posted anew, counted as delivered, and the state points at the new message.
TEST_F(StatefulNotifierTest, UneditableMessageIsPostedAnew) {
  for (const Status& refusal :
       {Status(Code::kPermissionDenied, "cant_update_message"), Status(Code::kPermissionDenied, "edit_window_closed"),
        Status(Code::kPermissionDenied, "is_archived")}) {
    RecordingDestination app(true);
    FakeStateStore store(clock_);
    PolicyConfig c;
    c.policy = UpdatePolicy::kAll;
    StatefulNotifier n(&store, app, c, clock_, clock_);
    EXPECT_TRUE(n.Notify(Version(1, 5.0), kNow + 10000).status.ok());
    app.script = {refusal};
    const NotifyOutcome o = n.Notify(Version(2, 5.0), kNow + 10000);
    EXPECT_TRUE(o.status.ok()) << refusal.message();
    EXPECT_EQ(app.calls.back(), "post 2") << refusal.message();
    EXPECT_EQ(store.items["abc123"].posted.ts, "170000003.000100");
    // The next version updates the new message.
    EXPECT_TRUE(n.Notify(Version(3, 5.0), kNow + 10000).status.ok());
    EXPECT_EQ(app.calls[3], "update 170000003.000100 3");
  }
}

// A transient failure to edit (Slack unavailable) fails the finding for a retry; nothing is posted anew.
TEST_F(StatefulNotifierTest, TransientUpdateFailureIsRetried) {
  RecordingDestination app(true);
  StatefulNotifier n = Make(app, UpdatePolicy::kAll);
  EXPECT_TRUE(n.Notify(Version(1, 5.0), kNow + 10000).status.ok());
  app.script = {Status(Code::kUnavailable, "503")};
  EXPECT_EQ(n.Notify(Version(2, 5.0), kNow + 10000).status.code(), Code::kUnavailable);
  EXPECT_EQ(app.calls.back(), "update 170000001.000100 2");
}

// With too little time left to claim, the delivery fails (and is retried later) instead of posting without
// the table, which would bypass exactly-once.
TEST_F(StatefulNotifierTest, NoTimeToClaimFailsInsteadOfPostingWithoutTheTable) {
  RecordingDestination webhook(false);
  StatefulNotifier n = Make(webhook, UpdatePolicy::kAll);
  const NotifyOutcome o = n.Notify(Version(1, 5.0), kNow + 900);  // less than the 1 s reserve
  EXPECT_EQ(o.status.code(), Code::kTimeout);
  EXPECT_TRUE(webhook.calls.empty());
  EXPECT_EQ(store_.claims, 0);
}

// A table that times out is unavailable (post without it) unless the invocation's deadline cut the claim's
// budget short: then the timeout is the deadline's, and the delivery fails for a retry.
TEST_F(StatefulNotifierTest, ClaimTimeoutCutByTheDeadlineFailsButASlowTableFallsBack) {
  RecordingDestination webhook(false);
  StatefulNotifier n = Make(webhook, UpdatePolicy::kAll);
  store_.fail_claims = Status(Code::kTimeout, "DynamoDB did not answer in time");
  EXPECT_EQ(n.Notify(Version(1, 5.0), kNow + 2500).status.code(), Code::kTimeout);  // 1.5 s left < 3 s budget
  EXPECT_TRUE(webhook.calls.empty());
  EXPECT_TRUE(n.Notify(Version(1, 5.0), kNow + 60000).status.ok());  // ample time: the table is at fault
  EXPECT_EQ(webhook.calls, (std::vector<std::string>{"post 1"}));
}

TEST_F(StatefulNotifierTest, WithoutStoreThePolicyJudgesTheEvent) {
  RecordingDestination webhook(false);
  StatefulNotifier n = Make(webhook, UpdatePolicy::kFirst, false);
  EXPECT_TRUE(n.Notify(Version(1, 5.0), kNow + 10000).status.ok());
  const NotifyOutcome held = n.Notify(Version(2, 5.0), kNow + 10000);
  EXPECT_TRUE(held.status.ok());
  EXPECT_NE(held.held_back.find("update_policy first: count 2"), std::string::npos) << held.held_back;
  EXPECT_TRUE(n.Notify(Version(1, 5.0), kNow + 10000).status.ok());
  EXPECT_EQ(webhook.calls, (std::vector<std::string>{"post 1", "post 1"}));
  EXPECT_EQ(store_.claims, 0);
}

// A digest member is claimed and judged like a single post; its claim is recorded when the digest went out and
// given back when it failed, so the retry (or another sandbox) can deliver it.
TEST_F(StatefulNotifierTest, DigestMembersAreClaimedThenRecordedOrReleased) {
  RecordingDestination webhook(false);
  StatefulNotifier n = Make(webhook, UpdatePolicy::kEscalations);
  Notifier::DigestAdmission first = n.AdmitToDigest(Version(1, 5.0), kNow + 10000);
  EXPECT_TRUE(first.join);
  EXPECT_EQ(store_.claims, 1);
  n.FinishDigestMember(Version(1, 5.0), /*posted=*/false, kNow + 10000);
  EXPECT_EQ(store_.releases, 1);
  EXPECT_TRUE(store_.items["abc123"].versions.empty());

  Notifier::DigestAdmission retry = n.AdmitToDigest(Version(1, 5.0), kNow + 10000);
  EXPECT_TRUE(retry.join);  // released: claimable at once
  n.FinishDigestMember(Version(1, 5.0), /*posted=*/true, kNow + 10000);
  EXPECT_EQ(store_.completes, 1);
  EXPECT_EQ(store_.items["abc123"].versions.size(), 1u);

  Notifier::DigestAdmission again = n.AdmitToDigest(Version(1, 5.0), kNow + 10000);
  EXPECT_FALSE(again.join);  // already handled: stays out of the digest
  EXPECT_NE(again.outcome.held_back.find("already handled"), std::string::npos);
  Notifier::DigestAdmission quiet = n.AdmitToDigest(Version(3, 5.0), kNow + 10000);
  EXPECT_FALSE(quiet.join);  // count 3 is no escalation: held back and recorded
  EXPECT_FALSE(quiet.outcome.held_back.empty());
  EXPECT_TRUE(quiet.outcome.status.ok());
  EXPECT_TRUE(webhook.calls.empty());  // the digest itself is posted by the pipeline
}

TEST_F(StatefulNotifierTest, AnAppMessageIsUpdatedInPlaceRatherThanDigested) {
  RecordingDestination app(true);
  StatefulNotifier n = Make(app, UpdatePolicy::kAll);
  ASSERT_TRUE(n.Notify(Version(1, 5.0), kNow + 10000).status.ok());
  Notifier::DigestAdmission next = n.AdmitToDigest(Version(2, 5.0), kNow + 10000);
  EXPECT_FALSE(next.join);
  EXPECT_TRUE(next.outcome.status.ok());
  ASSERT_GE(app.calls.size(), 2u);
  EXPECT_EQ(app.calls[1].rfind("update ", 0), 0u) << app.calls[1];
}

// Without a table the claim is in memory and costs no time: a finding with half a second left still posts
// (a table claim would fail it for a retry, to keep time for the table).
TEST_F(StatefulNotifierTest, AClaimInMemoryNeedsNoTimeOfItsOwn) {
  RecordingDestination webhook(false);
  MemoryStateStore memory(clock_);
  StatefulNotifier n(&memory, webhook, PolicyConfig{}, clock_, clock_);
  const NotifyOutcome late = n.Notify(Version(1, 5.0), kNow + 500);
  EXPECT_TRUE(late.status.ok()) << late.status.ToString();
  EXPECT_EQ(webhook.calls, (std::vector<std::string>{"post 1"}));
  StatefulNotifier table = Make(webhook, UpdatePolicy::kAll);
  EXPECT_EQ(table.Notify(Version(1, 5.0), kNow + 500).status.code(), Code::kTimeout);
}

}  // namespace
}  // namespace gdslack
