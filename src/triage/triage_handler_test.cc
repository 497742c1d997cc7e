// TriageHandler over fakes: every refusal does nothing, every action does exactly its one thing and updates
// the message from the blocks Slack sent. (tests/triage runs the real bootstrap against the stand-ins.)
#include "triage/triage_handler.h"

#include <gtest/gtest.h>

#include "base/fake_clock.h"
#include "base/log.h"
#include "base/url.h"
#include "http/fake_http_client.h"
#include "slack/triage_blocks.h"
#include "state/memory_triage_store.h"

namespace gdslack {
namespace {

constexpr int64_t kNowMs = 1765000000000;
const char* kSecret = "test-signing-secret-0123456789";

class FakeArchiver : public FindingArchiver {
 public:
  Status SetArchived(const std::string& region, const std::string& finding_id, bool archived, int64_t) override {
    calls.push_back(region + " " + finding_id + (archived ? " archive" : " unarchive"));
    return next;
  }
  std::vector<std::string> calls;
  Status next;
};

nlohmann::json Message(bool archived) {
  nlohmann::json m = nlohmann::json::parse(
      R"({"type":"message","ts":"1765000000.000100","text":"GuardDuty High","attachments":[{"id":1,"color":"#e01e5a","blocks":[{"type":"header","block_id":"h","text":{"type":"plain_text","text":"Port probe"}}]}]})");
  SetTriageBlocks(m,
                  {"8c258d654378414b9bc26f61a93eb816", "eu-west-1", "123456789012",
                   "Recon:EC2/PortProbeUnprotectedPort", "Instance:i-0abc"},
                  archived, {});
  return m;
}

std::string Payload(const std::string& action_id, const std::string& user = "U0ALLOWED", bool archived = false) {
  nlohmann::json m = Message(archived);
  const nlohmann::json& buttons = m["attachments"][0]["blocks"].back()["elements"];
  std::string value = buttons[0]["value"];
  nlohmann::json p = {{"type", "block_actions"},
                      {"user", {{"id", user}}},
                      {"channel", {{"id", "C0CHANNEL"}}},
                      {"response_url", "https://hooks.slack.com/actions/T0/1/abc"},
                      {"message", m},
                      {"actions", {{{"action_id", action_id}, {"block_id", "gds_triage"}, {"value", value}}}}};
  return p.dump();
}

class TriageHandlerTest : public ::testing::Test {
 protected:
  TriageHandlerTest()
      : clock_(kNowMs),
        slack_(slack_http_, clock_, clock_, Secret("xoxb-test-token-1"), "https://slack.com/api/"),
        handler_(Settings(), store_, archiver_, &slack_, hook_http_, clock_) {
    SetLogSink([this](const std::string& line) { logs_.push_back(line); });
  }
  ~TriageHandlerTest() override { SetLogSink(nullptr); }

  static TriageSettings Settings() {
    TriageSettings s;
    s.signing_secret = Secret(kSecret);
    s.allowed_users = {"U0ALLOWED"};
    return s;
  }
  static nlohmann::json Event(const std::string& body, int64_t ts_s, const std::string& secret = kSecret) {
    const std::string ts = std::to_string(ts_s);
    return {{"version", "2.0"},
            {"headers",
             {{"content-type", "application/x-www-form-urlencoded"},
              {"x-slack-request-timestamp", ts},
              {"x-slack-signature", SlackSignature(Secret(secret), ts, body)}}},
            {"requestContext", {{"http", {{"method", "POST"}}}}},
            {"body", body},
            {"isBase64Encoded", false}};
  }
  static nlohmann::json Signed(const std::string& payload) {
    return Event("payload=" + PercentEncode(payload, "-_.!~*'()"), kNowMs / 1000);
  }
  InboundResponse Send(const nlohmann::json& event) { return handler_.Handle(event, kNowMs + 10000); }
  void ExpectNothingDone() {
    EXPECT_TRUE(archiver_.calls.empty());
    EXPECT_TRUE(slack_http_.requests().empty());
    EXPECT_TRUE(store_.ActiveMutes(0, kNowMs)->empty());
    EXPECT_FALSE(store_.AcknowledgementOf("8c258d654378414b9bc26f61a93eb816", kNowMs)->has_value());
  }
  int AuditLines() const {
    int n = 0;
    for (const std::string& l : logs_) n += l.find("\"triage action\"") != std::string::npos;
    return n;
  }
  nlohmann::json Updated() { return nlohmann::json::parse(slack_http_.requests().at(0).body); }

  FakeClock clock_;
  FakeHttpClient slack_http_;
  FakeHttpClient hook_http_;
  SlackWebClient slack_;
  MemoryTriageStore store_;
  FakeArchiver archiver_;
  TriageHandler handler_;
  std::vector<std::string> logs_;
};

TEST_F(TriageHandlerTest, ArchiveCallsGuardDutyAndTurnsTheButtonIntoUnarchive) {
  slack_http_.Push(200, R"({"ok":true,"channel":"C0CHANNEL","ts":"1765000000.000100"})");
  InboundResponse r = Send(Signed(Payload("gds_archive")));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(archiver_.calls, (std::vector<std::string>{"eu-west-1 8c258d654378414b9bc26f61a93eb816 archive"}));
  ASSERT_EQ(slack_http_.requests().size(), 1u);
  EXPECT_NE(slack_http_.requests()[0].url.find("chat.update"), std::string::npos);
  const nlohmann::json u = Updated();
  EXPECT_EQ(u["channel"], "C0CHANNEL");
  EXPECT_EQ(u["ts"], "1765000000.000100");
  EXPECT_TRUE(ShowsArchived(u));
  const std::vector<std::string> lines = TriageStatusLines(u);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].rfind("Archived in GuardDuty by <@U0ALLOWED> at ", 0), 0u) << lines[0];
  EXPECT_EQ(u["attachments"][0]["blocks"][0]["block_id"], "h");  // the finding's own blocks are kept
  EXPECT_EQ(AuditLines(), 1);
}

TEST_F(TriageHandlerTest, UnarchiveAcknowledgeAndMuteEachDoTheirOneThing) {
  for (int i = 0; i < 3; ++i) slack_http_.Push(200, R"({"ok":true})");
  EXPECT_EQ(Send(Signed(Payload("gds_unarchive", "U0ALLOWED", true))).status, 200);
  EXPECT_EQ(archiver_.calls, (std::vector<std::string>{"eu-west-1 8c258d654378414b9bc26f61a93eb816 unarchive"}));
  EXPECT_FALSE(ShowsArchived(Updated()));

  clock_.Advance(1000);  // a new request, a new signature
  EXPECT_EQ(Send(Signed(Payload("gds_acknowledge"))).status, 200);
  Result<std::optional<Acknowledgement>> ack = store_.AcknowledgementOf("8c258d654378414b9bc26f61a93eb816", 0);
  ASSERT_TRUE(ack->has_value());
  EXPECT_EQ((*ack)->user_id, "U0ALLOWED");
  EXPECT_EQ((*ack)->at_unix_s, kNowMs / 1000 + 1);

  clock_.Advance(1000);
  EXPECT_EQ(Send(Signed(Payload("gds_mute_7d"))).status, 200);
  std::vector<TriageMute> mutes = *store_.ActiveMutes(kNowMs / 1000, 0);
  ASSERT_EQ(mutes.size(), 1u);
  EXPECT_EQ(mutes[0].type, "Recon:EC2/PortProbeUnprotectedPort");
  EXPECT_EQ(mutes[0].account_id, "123456789012");
  EXPECT_EQ(mutes[0].resource_id, "Instance:i-0abc");
  EXPECT_EQ(mutes[0].until_unix_s, kNowMs / 1000 + 2 + 7 * 86400);
  const nlohmann::json last = nlohmann::json::parse(slack_http_.requests().at(2).body);
  // Newest last, each with who and when (UTC, to the minute); the mute shows when it ends.
  // Each press is rebuilt from the message Slack sent with it (here without earlier decisions): who and when
  // (UTC, to the minute); the mute shows when it ends.
  EXPECT_EQ(TriageStatusLines(nlohmann::json::parse(slack_http_.requests().at(1).body)),
            (std::vector<std::string>{"Acknowledged by <@U0ALLOWED> at 2025-12-06 05:46 UTC"}));
  EXPECT_EQ(
      TriageStatusLines(last),
      (std::vector<std::string>{
          "Similar findings (same type, account and resource) muted by <@U0ALLOWED> until 2025-12-13 05:46 UTC"}));
  EXPECT_EQ(archiver_.calls.size(), 1u);
  EXPECT_EQ(AuditLines(), 3);
}

TEST_F(TriageHandlerTest, BadRequestsAreRefusedWithNothingDone) {
  const std::string body = "payload=" + PercentEncode(Payload("gds_archive"), "");
  const int64_t now_s = kNowMs / 1000;
  EXPECT_EQ(Send(Event(body, now_s, "another-secret")).status, 401);
  EXPECT_EQ(Send(Event(body, now_s - 301)).status, 401);
  EXPECT_EQ(Send(Event(body, now_s + 301)).status, 401);
  nlohmann::json unsigned_event = Event(body, now_s);
  unsigned_event["headers"].erase("x-slack-signature");
  EXPECT_EQ(Send(unsigned_event).status, 401);
  EXPECT_EQ(Send(Signed(Payload("gds_delete_everything"))).status, 400);
  EXPECT_EQ(Send(Signed(Payload("open_guardduty_console"))).status, 400);
  EXPECT_EQ(Send(Event("payload=%7Bnot json", now_s)).status, 400);
  EXPECT_EQ(Send(Event("nopayload=1", now_s)).status, 400);
  EXPECT_EQ(Send(Signed(R"({"type":"view_submission","user":{"id":"U0ALLOWED"}})")).status, 400);
  std::string bad_value = Payload("gds_archive");
  bad_value.replace(bad_value.find("eu-west-1"), 9, "../../../");
  EXPECT_EQ(Send(Signed(bad_value)).status, 400);
  EXPECT_EQ(Send(Event(std::string(kMaxInteractionBodyBytes + 1, 'a'), now_s)).status, 413);
  nlohmann::json get = Signed(Payload("gds_archive"));
  get["requestContext"]["http"]["method"] = "GET";
  EXPECT_EQ(Send(get).status, 405);
  EXPECT_EQ(Send(nlohmann::json::parse(R"({"version":"2.0"})")).status, 400);
  ExpectNothingDone();
  EXPECT_EQ(AuditLines(), 0);
  for (const std::string& l : logs_) EXPECT_EQ(l.find(kSecret), std::string::npos);
}

TEST_F(TriageHandlerTest, AReplayedRequestIsRefused) {
  slack_http_.Push(200, R"({"ok":true})");
  const nlohmann::json event = Signed(Payload("gds_acknowledge"));
  EXPECT_EQ(Send(event).status, 200);
  EXPECT_EQ(Send(event).status, 401);
  EXPECT_EQ(slack_http_.requests().size(), 1u);
  EXPECT_EQ(AuditLines(), 1);
}

TEST_F(TriageHandlerTest, AUserNotAllowedIsToldSoAndNothingIsDone) {
  hook_http_.Push(200, "ok");
  InboundResponse r = Send(Signed(Payload("gds_archive", "U0STRANGER")));
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("ephemeral"), std::string::npos);
  ASSERT_EQ(hook_http_.requests().size(), 1u);
  EXPECT_EQ(hook_http_.requests()[0].url, "https://hooks.slack.com/actions/T0/1/abc");
  EXPECT_NE(hook_http_.requests()[0].body.find("not allowed"), std::string::npos);
  ExpectNothingDone();
  ASSERT_EQ(AuditLines(), 1);
  EXPECT_NE(logs_.back().find("\"result\":\"not_allowed\""), std::string::npos);
}

TEST_F(TriageHandlerTest, AFailedGuardDutyCallChangesNoMessageAndIsAudited) {
  archiver_.next = Status(Code::kPermissionDenied, "AccessDenied");
  hook_http_.Push(200, "ok");
  EXPECT_EQ(Send(Signed(Payload("gds_archive"))).status, 200);
  EXPECT_EQ(archiver_.calls.size(), 1u);
  EXPECT_TRUE(slack_http_.requests().empty());
  ASSERT_EQ(AuditLines(), 1);
  EXPECT_NE(logs_.back().find("\"result\":\"PermissionDenied\""), std::string::npos);
}

TEST_F(TriageHandlerTest, ABase64BodyIsVerifiedAsDecoded) {
  // What a function URL passes on for a form body: the same bytes, base64-encoded.
  slack_http_.Push(200, R"({"ok":true})");
  nlohmann::json event = Signed(Payload("gds_acknowledge"));
  const std::string raw = event["body"];
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string b64;
  for (std::size_t i = 0; i < raw.size(); i += 3) {
    unsigned n = static_cast<unsigned>(static_cast<unsigned char>(raw[i])) << 16U;
    if (i + 1 < raw.size()) n |= static_cast<unsigned>(static_cast<unsigned char>(raw[i + 1])) << 8U;
    if (i + 2 < raw.size()) n |= static_cast<unsigned>(static_cast<unsigned char>(raw[i + 2]));
    b64 += kAlphabet[(n >> 18) & 63];
    b64 += kAlphabet[(n >> 12) & 63];
    b64 += i + 1 < raw.size() ? kAlphabet[(n >> 6) & 63] : '=';
    b64 += i + 2 < raw.size() ? kAlphabet[n & 63] : '=';
  }
  event["body"] = b64;
  event["isBase64Encoded"] = true;
  EXPECT_EQ(Send(event).status, 200);
  EXPECT_TRUE(store_.AcknowledgementOf("8c258d654378414b9bc26f61a93eb816", 0)->has_value());
}

}  // namespace
}  // namespace gdslack
