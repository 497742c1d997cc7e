#include "notify/update_policy.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

Finding Version(int64_t count, double severity, const std::string& updated_at, bool archived = false) {
  Finding f;
  f.id = "f1";
  f.count = count;
  f.severity = severity;
  f.band = BandFor(severity);
  f.updated_at.text = updated_at;
  f.archived = archived;
  return f;
}

PolicyConfig Config(UpdatePolicy p) {
  PolicyConfig c;
  c.policy = p;
  return c;
}

TEST(UpdatePolicyTest, Parsing) {
  EXPECT_EQ(*ParseUpdatePolicy("Escalations"), UpdatePolicy::kEscalations);
  EXPECT_EQ(*ParseUpdatePolicy("first"), UpdatePolicy::kFirst);
  EXPECT_EQ(*ParseUpdatePolicy("all"), UpdatePolicy::kAll);
  EXPECT_EQ(ParseUpdatePolicy("sometimes").error().code(), Code::kConfig);
  EXPECT_EQ(*ParseEscalationSteps("10, 100,1000"), (std::vector<int64_t>{10, 100, 1000}));
  EXPECT_EQ(*ParseEscalationSteps("5"), (std::vector<int64_t>{5}));
  for (const char* bad : {"", "10,5", "1,10", "10,,100", "ten", "10,10", "-5", "10;100"}) {
    EXPECT_FALSE(ParseEscalationSteps(bad).has_value()) << bad;
  }
}

TEST(UpdatePolicyTest, FirstSightingAlwaysPosts) {
  for (UpdatePolicy p : {UpdatePolicy::kAll, UpdatePolicy::kFirst, UpdatePolicy::kEscalations}) {
    for (bool app : {false, true}) {
      Decision d = Decide(Config(p), PostedState{}, Version(7, 5.0, "2026-01-01T00:00:00.000Z"), app);
      EXPECT_TRUE(d.post);
      EXPECT_FALSE(d.update);
      EXPECT_EQ(d.reason, "new");
    }
  }
}

TEST(UpdatePolicyTest, WebhookEscalations) {
  const PolicyConfig c = Config(UpdatePolicy::kEscalations);
  PostedState posted = PostedFrom(Version(1, 5.0, "2026-01-01T00:00:00.000Z"), "", "");
  EXPECT_FALSE(Decide(c, posted, Version(5, 5.0, "2026-01-01T01:00:00.000Z"), false).post);
  EXPECT_FALSE(Decide(c, posted, Version(9, 6.9, "2026-01-01T01:00:00.000Z"), false).post);  // still Medium
  EXPECT_TRUE(Decide(c, posted, Version(10, 5.0, "2026-01-01T01:00:00.000Z"), false).post);  // crossed 10
  EXPECT_TRUE(Decide(c, posted, Version(5, 7.0, "2026-01-01T01:00:00.000Z"), false).post);   // Medium -> High
  posted = PostedFrom(Version(50, 5.0, "2026-01-01T02:00:00.000Z"), "", "");
  EXPECT_FALSE(Decide(c, posted, Version(99, 5.0, "2026-01-01T03:00:00.000Z"), false).post);
  EXPECT_TRUE(Decide(c, posted, Version(150, 5.0, "2026-01-01T03:00:00.000Z"), false).post);
  EXPECT_FALSE(Decide(c, posted, Version(60, 5.0, "2026-01-01T03:00:00.000Z", true), false).post);  // archived only
  // Band drop is no escalation.
  EXPECT_FALSE(Decide(c, PostedFrom(Version(1, 8.0, "a"), "", ""), Version(2, 5.0, "b"), false).post);
}

TEST(UpdatePolicyTest, WebhookAllAndFirst) {
  PostedState posted = PostedFrom(Version(5, 5.0, "2026-01-01T01:00:00.000Z"), "", "");
  EXPECT_TRUE(Decide(Config(UpdatePolicy::kAll), posted, Version(6, 5.0, "2026-01-01T02:00:00.000Z"), false).post);
  // An older version arriving late is still its own message under `all` (as without state).
  EXPECT_TRUE(Decide(Config(UpdatePolicy::kAll), posted, Version(3, 5.0, "2026-01-01T00:30:00.000Z"), false).post);
  EXPECT_FALSE(Decide(Config(UpdatePolicy::kFirst), posted, Version(60, 9.5, "2026-01-02T00:00:00.000Z"), false).post);
}

TEST(UpdatePolicyTest, AppModeUpdatesInPlaceAndRepliesOnEscalation) {
  const PolicyConfig c = Config(UpdatePolicy::kEscalations);
  PostedState posted = PostedFrom(Version(1, 5.0, "2026-01-01T00:00:00.000Z"), "C1", "1700000000.000100");
  Decision d = Decide(c, posted, Version(5, 5.0, "2026-01-01T01:00:00.000Z"), true);
  EXPECT_TRUE(d.update);
  EXPECT_FALSE(d.post);
  EXPECT_EQ(d.reply, "");
  posted = PostedFrom(Version(5, 5.0, "2026-01-01T01:00:00.000Z"), "C1", "1700000000.000100");
  d = Decide(c, posted, Version(50, 5.0, "2026-01-01T02:00:00.000Z"), true);
  EXPECT_TRUE(d.update);
  EXPECT_EQ(d.reply, "Seen 50 times now (was 5).");
  posted = PostedFrom(Version(50, 5.0, "2026-01-01T02:00:00.000Z"), "C1", "1700000000.000100");
  d = Decide(c, posted, Version(50, 8.0, "2026-01-01T03:00:00.000Z"), true);
  EXPECT_EQ(d.reply, "Severity raised to High (8.0), was Medium.");
  EXPECT_TRUE(d.broadcast);  // a higher band is told to the channel, not only the thread
  posted = PostedFrom(Version(50, 8.0, "2026-01-01T03:00:00.000Z"), "C1", "1700000000.000100");
  d = Decide(c, posted, Version(50, 8.0, "2026-01-01T04:00:00.000Z", true), true);
  EXPECT_TRUE(d.update);
  EXPECT_EQ(d.reply, "Archived in GuardDuty.");
  // Older than what the message shows: never rolled back.
  d = Decide(c, posted, Version(5, 5.0, "2026-01-01T01:00:00.000Z"), true);
  EXPECT_FALSE(d.update);
  EXPECT_FALSE(d.post);
  // Replies can be turned off; `all` replies on every recurrence.
  PolicyConfig quiet = c;
  quiet.thread_replies = false;
  EXPECT_EQ(Decide(quiet, posted, Version(500, 8.0, "2026-01-02T00:00:00.000Z"), true).reply, "");
  // ...but not the broadcast of a higher band: people must be told.
  d = Decide(quiet, posted, Version(500, 9.5, "2026-01-02T00:00:00.000Z"), true);
  EXPECT_TRUE(d.broadcast);
  EXPECT_EQ(d.reply, "Severity raised to Critical (9.5), was High. Seen 500 times now (was 50).");
  EXPECT_EQ(Decide(Config(UpdatePolicy::kAll), posted, Version(51, 8.0, "2026-01-02T00:00:00.000Z"), true).reply,
            "Seen again: 51 times.");
}

TEST(UpdatePolicyTest, StatelessJudgesTheEventOnly) {
  EXPECT_TRUE(StatelessWantsPost(Config(UpdatePolicy::kAll), Version(77, 2.0, "x")));
  EXPECT_TRUE(StatelessWantsPost(Config(UpdatePolicy::kFirst), Version(1, 2.0, "x")));
  EXPECT_FALSE(StatelessWantsPost(Config(UpdatePolicy::kFirst), Version(2, 2.0, "x")));
  EXPECT_TRUE(StatelessWantsPost(Config(UpdatePolicy::kEscalations), Version(100, 2.0, "x")));
  EXPECT_FALSE(StatelessWantsPost(Config(UpdatePolicy::kEscalations), Version(101, 2.0, "x")));
}

TEST(UpdatePolicyTest, VersionKey) {
  EXPECT_EQ(VersionKey(Version(50, 5.0, "2026-01-01T02:00:00.000Z")), "2026-01-01T02:00:00.000Z|50");
}

}  // namespace
}  // namespace gdslack
