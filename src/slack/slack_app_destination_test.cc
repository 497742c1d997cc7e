#include "slack/slack_app_destination.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"

#include "http/fake_http_client.h"
#include "slack/triage_blocks.h"
#include "state/memory_triage_store.h"

namespace gdslack {
namespace {

constexpr int64_t kNow = 1700000000000;

Finding Sample() {
  Finding f;
  f.id = "abc";
  f.type = "Recon:EC2/PortProbeUnprotectedPort";
  f.title = "Probe <@here>";
  f.account_id = "111111111111";
  f.region = "us-east-1";
  f.severity = 5.0;
  f.has_severity = true;
  f.band = SeverityBand::kMedium;
  f.count = 5;
  return f;
}

TEST(SlackAppDestinationTest, PostUpdateReply) {
  FakeHttpClient http;
  FakeClock clock(kNow);
  SlackWebClient client(http, clock, clock, Secret("xoxb-test-token-123"), "https://slack.com/api/");
  SlackAppDestination dest(client, "C0CHANNEL", nullptr, clock);
  http.Push(200, R"({"ok":true,"channel":"C0CHANNEL","ts":"1700000000.000100"})");
  PostResult posted = dest.Post(Sample(), kNow + 10000);
  ASSERT_TRUE(posted.outcome.status.ok());
  EXPECT_EQ(posted.ref.ts, "1700000000.000100");
  nlohmann::json sent = nlohmann::json::parse(http.requests()[0].body);
  EXPECT_EQ(sent["channel"], "C0CHANNEL");
  EXPECT_EQ(sent["unfurl_links"], false);
  // The same rendered message the webhook gets (finding text escaped by the renderer).
  nlohmann::json webhook = nlohmann::json::parse(RenderSlackPayload(Sample()));
  EXPECT_EQ(sent["attachments"], webhook["attachments"]);
  EXPECT_EQ(sent["text"], webhook["text"]);

  http.Push(200, R"({"ok":true,"channel":"C0CHANNEL","ts":"1700000000.000100"})");
  ASSERT_TRUE(dest.Update(posted.ref, Sample(), kNow + 10000).status.ok());
  sent = nlohmann::json::parse(http.requests()[1].body);
  EXPECT_EQ(http.requests()[1].url, "https://slack.com/api/chat.update");
  EXPECT_EQ(sent["ts"], "1700000000.000100");
  EXPECT_EQ(sent["channel"], "C0CHANNEL");

  http.Push(200, R"({"ok":true,"channel":"C0CHANNEL","ts":"1700000001.000200"})");
  ASSERT_TRUE(dest.Reply(posted.ref, "Seen 50 times now (was 5).", false, kNow + 10000).status.ok());
  sent = nlohmann::json::parse(http.requests()[2].body);
  EXPECT_EQ(sent["thread_ts"], "1700000000.000100");
  EXPECT_EQ(sent["text"], "Seen 50 times now (was 5).");
}

// With triage on, a GuardDuty finding's message carries the buttons; an update of a finding re-published as
// archived offers Unarchive. Without triage (the default) there are none.
TEST(SlackAppDestinationTest, TriageButtonsFollowTheArchivedFlag) {
  FakeHttpClient http;
  FakeClock clock(kNow);
  SlackWebClient client(http, clock, clock, Secret("xoxb-test-token-123"), "https://slack.com/api/");
  SlackAppDestination plain(client, "C0CHANNEL", nullptr, clock);
  MemoryTriageStore decisions;
  SlackAppDestination triage(client, "C0CHANNEL", nullptr, clock, {}, "", true, &decisions);
  for (int i = 0; i < 3; ++i) http.Push(200, R"({"ok":true,"channel":"C0CHANNEL","ts":"1700000000.000100"})");
  ASSERT_TRUE(plain.Post(Sample(), kNow + 10000).outcome.status.ok());
  EXPECT_EQ(http.requests()[0].body.find("gds_"), std::string::npos);
  PostResult posted = triage.Post(Sample(), kNow + 10000);
  ASSERT_TRUE(posted.outcome.status.ok());
  nlohmann::json sent = nlohmann::json::parse(http.requests()[1].body);
  EXPECT_EQ(sent["attachments"][0]["blocks"].back()["block_id"], "gds_triage");
  EXPECT_FALSE(ShowsArchived(sent));
  EXPECT_TRUE(TriageStatusLines(sent).empty());
  // Acknowledged from Slack, then re-published as archived: the update keeps showing who acknowledged.
  ASSERT_TRUE(decisions.Acknowledge({"abc", "U0ALICE", kNow / 1000}, kNow + 10000).ok());
  Finding archived = Sample();
  archived.archived = true;
  ASSERT_TRUE(triage.Update(posted.ref, archived, kNow + 10000).status.ok());
  const nlohmann::json updated = nlohmann::json::parse(http.requests()[2].body);
  EXPECT_TRUE(ShowsArchived(updated));
  EXPECT_EQ(TriageStatusLines(updated), (std::vector<std::string>{AcknowledgedLine("U0ALICE", kNow / 1000)}));
}

TEST(SlackAppDestinationTest, OkWithoutTsIsNotDelivered) {
  FakeHttpClient http;
  FakeClock clock(kNow);
  SlackWebClient client(http, clock, clock, Secret("xoxb-test-token-123"), "https://slack.com/api/");
  SlackAppDestination dest(client, "C0CHANNEL", nullptr, clock);
  http.Push(200, R"({"ok":true})");
  EXPECT_FALSE(dest.Post(Sample(), kNow + 10000).outcome.status.ok());
}

}  // namespace
}  // namespace gdslack
