#include "render/slack_message.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "render/mrkdwn.h"
#include "render/payload_checks_test.h"

namespace gdslack {
namespace {

using nlohmann::json;

constexpr std::string_view kHostileTitle = "<!channel> reset MFA at <https://evil.example|AWS Console> & more";
constexpr std::string_view kHostileEscaped =
    "&lt;!channel&gt; reset MFA at &lt;https://evil.example|AWS Console&gt; &amp; more";

Finding SmallFinding() {
  Finding f;
  f.id = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
  f.type = "Recon:EC2/PortProbeUnprotectedPort";
  f.title = "Unprotected port on EC2 instance i-0abc is being probed.";
  f.description = "EC2 instance has an unprotected port which is being probed by a known malicious host.";
  f.schema_version = "2.0";
  f.account_id = "111111111111";
  f.account_name = "prod-payments";
  f.region = "eu-west-2";
  f.severity = 8;
  f.has_severity = true;
  f.band = BandFor(8);
  f.first_seen = {"2023-03-20T15:25:59.000Z", 1679325959};
  f.last_seen = {"2023-03-21T10:00:00.000Z", std::nullopt};
  f.updated_at = {"2023-03-21T10:00:00.000Z", 1679392800};
  f.count = 3;
  f.resource_type = "Instance";
  f.action_type = "PORT_PROBE";
  f.feature_name = "FlowLogs";
  f.resource_facts = {{"Instance", "i-0abc", true}, {"Name tag", "web-1", false}};
  f.actor_facts = {{"Remote IP", "198.51.100.7", true}, {"Location", "Paris, France", false}};
  return f;
}

TEST(SlackMessageTest, RendersGoldenPayload) {
  const json expected = json::parse(R"json({
    "text": "GuardDuty High 8.0 Recon:EC2/PortProbeUnprotectedPort in prod-payments (111111111111)/eu-west-2: Unprotected port on EC2 instance i-0abc is being probed.",
    "attachments": [{
      "color": "#E01E5A",
      "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": ":red_circle: High: Unprotected port on EC2 instance i-0abc is being probed.", "emoji": true}},
        {"type": "section", "fields": [
          {"type": "mrkdwn", "text": "*Severity*\nHigh (8)", "verbatim": true},
          {"type": "mrkdwn", "text": "*Account*\nprod-payments (111111111111)", "verbatim": true},
          {"type": "mrkdwn", "text": "*Region*\neu-west-2", "verbatim": true},
          {"type": "mrkdwn", "text": "*Finding type*\n`Recon:EC2/PortProbeUnprotectedPort`", "verbatim": true},
          {"type": "mrkdwn", "text": "*Resource type*\nInstance", "verbatim": true},
          {"type": "mrkdwn", "text": "*Action*\nPORT_PROBE", "verbatim": true},
          {"type": "mrkdwn", "text": "*Count*\n3", "verbatim": true},
          {"type": "mrkdwn", "text": "*First seen*\n<!date^1679325959^{date_short_pretty} {time}|2023-03-20T15:25:59Z>", "verbatim": true},
          {"type": "mrkdwn", "text": "*Last seen*\n2023-03-21T10:00:00.000Z", "verbatim": true}
        ]},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Resource*\n• *Instance:* `i-0abc`\n• *Name tag:* web-1", "verbatim": true}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Actor*\n• *Remote IP:* `198.51.100.7`\n• *Location:* Paris, France", "verbatim": true}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Description*", "verbatim": true}},
        {"type": "section", "text": {"type": "plain_text", "text": "EC2 instance has an unprotected port which is being probed by a known malicious host.", "emoji": false}},
        {"type": "divider"},
        {"type": "context", "elements": [
          {"type": "mrkdwn", "text": "Finding ID `a1b2c3d4e5f60718293a4b5c6d7e8f90`", "verbatim": true},
          {"type": "mrkdwn", "text": "Schema 2.0", "verbatim": true},
          {"type": "mrkdwn", "text": "Feature FlowLogs", "verbatim": true},
          {"type": "mrkdwn", "text": "Updated <!date^1679392800^{date_short_pretty} {time}|2023-03-21T10:00:00Z>", "verbatim": true}
        ]},
        {"type": "actions", "elements": [
          {"type": "button", "text": {"type": "plain_text", "text": "Open in GuardDuty console", "emoji": true},
           "url": "https://eu-west-2.console.aws.amazon.com/guardduty/home?region=eu-west-2#/findings?macros=current&fId=a1b2c3d4e5f60718293a4b5c6d7e8f90",
           "action_id": "open_guardduty_console"},
          {"type": "button", "text": {"type": "plain_text", "text": "Runbook", "emoji": true},
           "url": "https://docs.aws.amazon.com/guardduty/latest/ug/compromised-ec2.html",
           "action_id": "open_runbook"}
        ]}
      ]
    }],
    "unfurl_links": false,
    "unfurl_media": false
  })json");
  const json got = Parse(RenderSlackPayload(SmallFinding()));
  EXPECT_EQ(got, expected) << "got:\n" << got.dump(2) << "\nexpected:\n" << expected.dump(2);
  ExpectWithinLimits(got);
}

TEST(SlackMessageTest, EscapesHostileTitle) {
  Finding f = SmallFinding();
  f.title = std::string(kHostileTitle);
  f.description = std::string(kHostileTitle);
  f.actor_facts.push_back({"User agent", std::string(kHostileTitle), false});
  f.resource_facts.push_back({"Tag", std::string(kHostileTitle), true});
  f.sequence.signals.push_back(
      {std::string(kHostileTitle), "", "FINDING", std::string(kHostileTitle), 2, 8, true, {}, {}, {}});
  f.sequence.description = std::string(kHostileTitle);
  f.account_name = std::string(kHostileTitle);

  const std::string payload_text = RenderSlackPayload(f);
  const json payload = Parse(payload_text);
  ExpectWithinLimits(payload);

  // Every mrkdwn text that shows the title shows it escaped, and nothing can become a link or mention.
  int seen = 0;
  for (const std::string& text : MrkdwnTexts(payload)) {
    if (text.find(kHostileEscaped) != std::string::npos) ++seen;
    for (std::string_view bad : {"<!channel", "<!c", "<@", "<#", "<http"}) {
      EXPECT_EQ(text.find(bad), std::string::npos) << text;
    }
  }
  EXPECT_GE(seen, 4);  // account, resource, actor, signal (the top-level text is defanged as well)
  // Top-level text is linkified by Slack clients: escaped and defanged.
  EXPECT_NE(payload.at("text").get<std::string>().find(
                "&lt;!channel&gt; reset MFA at &lt;https[://]evil[.]example|AWS Console&gt; &amp; more"),
            std::string::npos);

  // The whole payload, header and plain_text sections aside, has no '<' but the product's date tokens.
  json parsed_parts = payload;
  json& blocks = parsed_parts["attachments"][0]["blocks"];
  int plain_sections = 0;
  for (std::size_t i = blocks.size(); i-- > 0;) {
    if (blocks[i].at("type") == "header" ||
        (blocks[i].contains("text") && blocks[i].at("text").at("type") == "plain_text")) {
      if (blocks[i].at("type") == "section") {
        ++plain_sections;
        // Descriptions are plain_text: shown as written, never parsed.
        EXPECT_EQ(blocks[i].at("text").at("text"), kHostileTitle);
      }
      blocks.erase(i);
    }
  }
  EXPECT_EQ(plain_sections, 2);  // the finding's and the sequence's description
  const std::string rest = parsed_parts.dump();
  for (std::size_t i = rest.find('<'); i != std::string::npos; i = rest.find('<', i + 1)) {
    EXPECT_EQ(rest.compare(i, 7, "<!date^"), 0) << rest.substr(i, 40);
  }

  // The header is plain_text, which Slack does not parse: the title stays readable, unescaped.
  const std::string header = Blocks(payload).at(0).at("text").at("text");
  EXPECT_NE(header.find(":red_circle: High: <!channel> reset MFA at <https://evil.example|AWS Console> & more"),
            std::string::npos)
      << header;

  // Text mode too.
  const json text = Parse(RenderSlackPayload(f, {MessageFormat::kText}));
  ExpectWithinLimits(text);
  EXPECT_NE(text.at("text").get<std::string>().find("&lt;https[://]evil[.]example|AWS Console&gt;"), std::string::npos);
}

TEST(SlackMessageTest, NeutralisesBareBroadcasts) {
  Finding f = SmallFinding();
  f.title = "ping @here and @channel";
  const json payload = Parse(RenderSlackPayload(f));
  EXPECT_EQ(payload.at("text").get<std::string>().find("@here"), std::string::npos);
  EXPECT_NE(payload.at("text").get<std::string>().find("@\xE2\x80\x8Bhere"), std::string::npos);
}

TEST(SlackMessageTest, FormatsSeverityNumbers) {
  struct Case {
    double severity;
    std::string field;
    std::string fallback;
    std::string color;
  };
  const Case cases[] = {
      {8, "*Severity*\nHigh (8)", "GuardDuty High 8.0 ", "#E01E5A"},
      {5.3, "*Severity*\nMedium (5.3)", "GuardDuty Medium 5.3 ", "#ECB22E"},
      {9.5, "*Severity*\nCritical (9.5)", "GuardDuty Critical 9.5 ", "#8B0000"},
      {2, "*Severity*\nLow (2)", "GuardDuty Low 2.0 ", "#2EB6F0"},
  };
  for (const Case& c : cases) {
    Finding f = SmallFinding();
    f.severity = c.severity;
    f.band = BandFor(c.severity);
    const json payload = Parse(RenderSlackPayload(f));
    EXPECT_EQ(Blocks(payload).at(1).at("fields").at(0).at("text"), c.field);
    EXPECT_EQ(payload.at("attachments").at(0).at("color"), c.color);
    EXPECT_EQ(FallbackLine(f).rfind(c.fallback, 0), 0u) << FallbackLine(f);
  }
  Finding unknown = SmallFinding();
  unknown.has_severity = false;
  const json payload = Parse(RenderSlackPayload(unknown));
  EXPECT_EQ(Blocks(payload).at(1).at("fields").at(0).at("text"), "*Severity*\nHigh");
}

TEST(SlackMessageTest, ChoosesEmojiPerBand) {
  const std::pair<double, std::string> cases[] = {{9, ":rotating_light: Critical: "},
                                                  {7, ":red_circle: High: "},
                                                  {4, ":large_orange_circle: Medium: "},
                                                  {1, ":large_blue_circle: Low: "}};
  for (const auto& [severity, prefix] : cases) {
    Finding f = SmallFinding();
    f.severity = severity;
    f.band = BandFor(severity);
    const std::string header = Blocks(Parse(RenderSlackPayload(f))).at(0).at("text").at("text");
    EXPECT_EQ(header.rfind(prefix, 0), 0u) << header;
  }
}

TEST(SlackMessageTest, MarksSampleFindings) {
  Finding f = SmallFinding();
  f.sample = true;
  const json payload = Parse(RenderSlackPayload(f));
  ExpectWithinLimits(payload);
  const json& blocks = Blocks(payload);
  EXPECT_EQ(blocks.at(0).at("text").at("text").get<std::string>().rfind("[SAMPLE] :red_circle: High: ", 0), 0u);
  EXPECT_EQ(blocks.at(1).at("text").at("text"),
            ":test_tube: *This is a sample finding generated by GuardDuty \xE2\x80\x94 no action needed.*");
  EXPECT_EQ(payload.at("text").get<std::string>().rfind("[SAMPLE] GuardDuty High 8.0 ", 0), 0u);
  const json text = Parse(RenderSlackPayload(f, {MessageFormat::kText}));
  EXPECT_EQ(text.at("text").get<std::string>().rfind(":warning: [SAMPLE] *High 8*", 0), 0u);
}

TEST(SlackMessageTest, MarksArchivedFindings) {
  Finding f = SmallFinding();
  f.archived = true;
  const json payload = Parse(RenderSlackPayload(f));
  const json& blocks = Blocks(payload);
  EXPECT_EQ(blocks.at(0).at("text").at("text").get<std::string>().rfind("[ARCHIVED] :red_circle: High: ", 0), 0u);
  EXPECT_EQ(blocks.at(1).at("text").at("text").get<std::string>().rfind(":file_cabinet: *Archived in GuardDuty.*", 0),
            0u);
  EXPECT_EQ(payload.at("text").get<std::string>().rfind("[ARCHIVED] GuardDuty High", 0), 0u);
  // The console link still shows archived findings.
  const json& button = blocks.back().at("elements").at(0);
  EXPECT_NE(button.at("url").get<std::string>().find("macros=all"), std::string::npos);
}

TEST(SlackMessageTest, RendersTextFormat) {
  const json payload = Parse(RenderSlackPayload(SmallFinding(), {MessageFormat::kText}));
  const json expected = {
      {"text",
       ":warning: *High 8*: *prod-payments (111111111111)*: Unprotected port on EC2 instance i-0abc is being probed. "
       ":warning:"},
      {"unfurl_links", false},
      {"unfurl_media", false}};
  EXPECT_EQ(payload, expected);

  Finding bare;
  bare.type = "Policy:S3/BucketPublicAccessGranted";
  const json minimal = Parse(RenderSlackPayload(bare, {MessageFormat::kText}));
  EXPECT_EQ(minimal.at("text"), ":warning: *Low*: Policy:S3/BucketPublicAccessGranted :warning:");

  Finding long_title = SmallFinding();
  long_title.title = std::string(10000, '<');
  const std::string line = Parse(RenderSlackPayload(long_title, {MessageFormat::kText})).at("text");
  EXPECT_LE(SlackLength(line), kMaxFallbackText);
  EXPECT_TRUE(line.ends_with("\xE2\x80\xA6 :warning:")) << line.substr(line.size() - 30);
}

TEST(SlackMessageTest, FallbackLineIsOneUnescapedLine) {
  Finding f = SmallFinding();
  f.title = "a & b\nsecond line";
  EXPECT_EQ(FallbackLine(f),
            "GuardDuty High 8.0 Recon:EC2/PortProbeUnprotectedPort in prod-payments (111111111111)/eu-west-2: a & b "
            "second line");
  Finding bare;
  EXPECT_EQ(FallbackLine(bare), "GuardDuty Low");
  bare.region = "us-east-1";
  EXPECT_EQ(FallbackLine(bare), "GuardDuty Low in us-east-1");
}

TEST(SlackMessageTest, UsesDateTokensOnlyForKnownEpochs) {
  Finding f = SmallFinding();
  f.first_seen = {"<!here>", std::nullopt};
  f.last_seen = {"", std::nullopt};
  f.updated_at = {"2023-01-01", -5};
  const json payload = Parse(RenderSlackPayload(f));
  ExpectWithinLimits(payload);
  const json& fields = Blocks(payload).at(1).at("fields");
  EXPECT_EQ(fields.back().at("text"), "*First seen*\n&lt;!here&gt;");  // no "Last seen": empty
  const json& context = Blocks(payload).at(7).at("elements");          // after the two description blocks
  EXPECT_EQ(context.back().at("text"), "Updated 2023-01-01");
}

// Without a safe console link only the runbook button remains (the runbook is always there).
TEST(SlackMessageTest, OmitsConsoleButtonWithoutConsoleUrl) {
  Finding f = SmallFinding();
  f.id = "not a safe id <x>";
  const json payload = Parse(RenderSlackPayload(f));
  ExpectWithinLimits(payload);
  const json& actions = Blocks(payload).back();
  ASSERT_EQ(actions.at("type"), "actions");
  ASSERT_EQ(actions.at("elements").size(), 1u);
  EXPECT_EQ(actions.at("elements").at(0).at("action_id"), "open_runbook");
}

// The owner (an account tag's value: untrusted) is a field after the account, escaped; a configured runbook
// replaces the built-in one.
TEST(SlackMessageTest, ShowsOwnerEscapedAndConfiguredRunbook) {
  Finding f = SmallFinding();
  f.owner = "<!channel> payments & co";
  f.runbook_url = "https://wiki.example.com/runbooks/recon";
  const json payload = Parse(RenderSlackPayload(f));
  ExpectWithinLimits(payload);
  const json& fields = Blocks(payload).at(1).at("fields");
  EXPECT_EQ(fields.at(2).at("text"), "*Owner*\n&lt;!channel&gt; payments &amp; co");
  const json& buttons = Blocks(payload).back().at("elements");
  ASSERT_EQ(buttons.size(), 2u);
  EXPECT_EQ(buttons.at(1).at("text").at("text"), "Runbook");
  EXPECT_EQ(buttons.at(1).at("url"), "https://wiki.example.com/runbooks/recon");
}

TEST(SlackMessageTest, SkipsEmptySections) {
  Finding f;  // nothing but defaults
  const json payload = Parse(RenderSlackPayload(f));
  ExpectWithinLimits(payload);
  const json& blocks = Blocks(payload);
  ASSERT_EQ(blocks.size(), 3u);  // header + fields (severity, count) + the runbook button
  EXPECT_EQ(blocks.at(0).at("text").at("text"), ":large_blue_circle: Low: GuardDuty finding");
  EXPECT_EQ(blocks.at(1).at("fields").size(), 2u);
  EXPECT_EQ(blocks.at(2).at("elements").at(0).at("url"),
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_remediate.html");
}

TEST(SlackMessageTest, RendersAttackSequence) {
  Finding f = SmallFinding();
  f.type = "AttackSequence:IAM/CompromisedCredentials";
  f.sequence.description = "Step 1\nStep 2";
  f.sequence.signals = {{"Unusual API", "", "FINDING", "ListBuckets from Tor", 4, 5.5, true, {}, {}, {}},
                        {"", "", "CLOUD_TRAIL", "", 0, 0, false, {}, {}, {}}};
  const json payload = Parse(RenderSlackPayload(f));
  ExpectWithinLimits(payload);
  const json& blocks = Blocks(payload);
  EXPECT_EQ(blocks.at(4).at("text").at("text"), "*Attack sequence:* 2 signals, 0 resources");
  EXPECT_EQ(blocks.at(5).at("text").at("text"),
            "*Strongest signals*\n\xE2\x80\xA2 `Unusual API` (severity 5.5, 4\xC3\x97, FINDING)\n"
            "\xE2\x80\xA2 `CLOUD_TRAIL`");
  // The sequence's own description is free text: a heading, then plain_text.
  EXPECT_EQ(blocks.at(6).at("text").at("text"), "*Attack sequence*");
  EXPECT_EQ(blocks.at(7).at("text").at("type"), "plain_text");
  EXPECT_EQ(blocks.at(7).at("text").at("text"), "Step 1\nStep 2");
}

TEST(SlackMessageTest, CapsLongFactLists) {
  Finding f = SmallFinding();
  for (int i = 0; i < 200; ++i) f.extra_facts.push_back({"Threat", std::string(900, 'x'), false});
  const json payload = Parse(RenderSlackPayload(f));
  ExpectWithinLimits(payload);
  const std::string details = Blocks(payload).at(4).at("text").at("text");
  EXPECT_TRUE(details.ends_with("and 197 more_")) << details.substr(details.size() - 40);
}

// encodeURIComponent's inverse, for the round trip.
std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

TEST(SlackMessageTest, PreviewUrlRoundTrips) {
  Finding f = SmallFinding();
  f.title = std::string(kHostileTitle) + " caf\xC3\xA9 \xF0\x9F\x94\xA5 100% #1 ?x=y";
  const std::string payload_text = RenderSlackPayload(f);
  const std::string url = BlockKitBuilderUrl(payload_text);
  constexpr std::string_view kPrefix = "https://app.slack.com/block-kit-builder/#";
  ASSERT_EQ(url.rfind(kPrefix, 0), 0u);
  const std::string_view encoded = std::string_view(url).substr(kPrefix.size());
  for (char c : encoded) {
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) ||
                std::string_view("-_.!~*'()%").find(c) != std::string_view::npos)
        << "unencoded '" << c << "'";
  }
  const json decoded = json::parse(PercentDecode(encoded));
  const json payload = Parse(payload_text);
  EXPECT_EQ(decoded, json({{"attachments", payload.at("attachments")}}));

  // A text-only payload previews as one section.
  const json text_payload = Parse(RenderSlackPayload(f, {MessageFormat::kText}));
  const std::string text_url = BlockKitBuilderUrl(text_payload.dump());
  const json text_decoded = json::parse(PercentDecode(std::string_view(text_url).substr(kPrefix.size())));
  EXPECT_EQ(text_decoded.at("blocks").at(0).at("text").at("text"), text_payload.at("text"));

  EXPECT_EQ(BlockKitBuilderUrl("not json"), std::string(kPrefix) + "%7B%22blocks%22%3A%5B%5D%7D");
}

// Random long strings of multibyte characters, entities-to-be and markup in every field.
class HostileText {
 public:
  explicit HostileText(unsigned seed) : rng_(seed) {}

  std::string Next(std::size_t max_len) {
    static const std::vector<std::string> kPieces = {"&",
                                                     "<",
                                                     ">",
                                                     "a",
                                                     "Z",
                                                     " ",
                                                     "\n",
                                                     "\t",
                                                     "`",
                                                     "```",
                                                     "*",
                                                     "_",
                                                     "~",
                                                     "@here",
                                                     "@channel",
                                                     "<!channel>",
                                                     "<https://evil.example|AWS Console>",
                                                     "\xC3\xA9",
                                                     "\xE2\x82\xAC",
                                                     "\xF0\x9F\x94\xA5",
                                                     "\xD7\xA9\xD7\x9C",
                                                     "\xE2\x80\xAE",
                                                     "\x01",
                                                     "\x7F",
                                                     "&amp;",
                                                     "\xFF",
                                                     "\xE2\x82",
                                                     "\xE6\xBC\xA2\xE5\xAD\x97",
                                                     "\xE2\x80\x8B",
                                                     "\xEF\xBB\xBF",
                                                     "> quote",
                                                     "\n*Account:* ",
                                                     "https://evil.example",
                                                     "ops@corp.example"};
    std::uniform_int_distribution<std::size_t> len_dist(0, max_len);
    std::uniform_int_distribution<std::size_t> piece_dist(0, kPieces.size() - 1);
    const std::size_t len = len_dist(rng_);
    std::string s;
    while (s.size() < len) s += kPieces[piece_dist(rng_)];
    return s;
  }
  std::size_t Count(std::size_t max) { return std::uniform_int_distribution<std::size_t>(0, max)(rng_); }

 private:
  std::mt19937 rng_;
};

Finding RandomFinding(HostileText& gen, int iteration) {
  const std::size_t n = iteration % 3 == 0 ? 8000 : 400;
  Finding f;
  f.id = gen.Next(n);
  f.arn = gen.Next(n);
  f.type = gen.Next(n);
  f.title = gen.Next(n);
  f.description = gen.Next(n);
  f.schema_version = gen.Next(n);
  f.account_id = gen.Next(n);
  f.account_name = gen.Next(n);
  f.region = gen.Next(n);
  if (iteration % 4 == 0) {  // safe id and region, so the console button is rendered too
    f.id = "0123456789abcdef0123456789abcdef";
    f.region = "ap-southeast-2";
  }
  f.severity = static_cast<double>(gen.Count(100)) / 10.0;
  f.has_severity = iteration % 5 != 0;
  f.band = BandFor(f.severity);
  f.first_seen = {gen.Next(n), std::nullopt};
  f.last_seen = {gen.Next(n), static_cast<int64_t>(gen.Count(2000000000))};
  f.updated_at = {gen.Next(n), std::nullopt};
  f.count = static_cast<int64_t>(gen.Count(100000));
  f.archived = iteration % 4 == 1;
  f.sample = iteration % 4 == 2;
  f.resource_type = gen.Next(n);
  f.action_type = gen.Next(n);
  f.feature_name = gen.Next(n);
  for (auto* facts : {&f.resource_facts, &f.actor_facts, &f.extra_facts}) {
    for (std::size_t i = gen.Count(30); i > 0; --i) facts->push_back({gen.Next(60), gen.Next(n), i % 2 == 0});
  }
  f.sequence.description = gen.Next(n);
  for (std::size_t i = gen.Count(40); i > 0; --i) {
    f.sequence.signals.push_back(
        {gen.Next(n), gen.Next(20), gen.Next(50), gen.Next(n), static_cast<int64_t>(i), 5, i % 2 == 0, {}, {}, {}});
  }
  // The rest of an attack sequence, so its sections meet hostile text at the sizes the API allows.
  const char* const kKeys[] = {"ATTACK_TACTIC", "ATTACK_TECHNIQUE", "TOR_IP", "HIGH_RISK_API", "NEW_KEY"};
  for (std::size_t i = gen.Count(20); i > 0; --i) {
    Indicator indicator{kKeys[i % 5], gen.Next(256), {}};
    for (std::size_t v = gen.Count(30); v > 0; --v) indicator.values.push_back(gen.Next(256));
    f.sequence.indicators.push_back(std::move(indicator));
  }
  for (std::size_t i = gen.Count(12); i > 0; --i) {
    f.sequence.actors.push_back({gen.Next(n), gen.Next(n), gen.Next(50), gen.Next(n), gen.Next(50), gen.Next(20),
                                 gen.Next(n), gen.Next(10), gen.Next(n), gen.Next(n)});
    f.sequence.endpoints.push_back({gen.Next(50), gen.Next(50), gen.Next(n), gen.Next(10), gen.Next(n), gen.Next(n),
                                    gen.Next(n), gen.Next(10), gen.Next(10)});
    f.sequence.resources.push_back(
        {gen.Next(n), gen.Next(n), gen.Next(30), gen.Next(20), gen.Next(20), gen.Next(20), {}});
  }
  if (!f.sequence.indicators.empty()) f.sequence.uid = gen.Next(n);
  // Every other event kind meets the same hostile text.
  f.kind = static_cast<EventKind>(iteration % 5);
  f.product = gen.Next(n);
  f.status = gen.Next(n);
  f.remediation = gen.Next(n);
  f.remediation_url = iteration % 2 == 0 ? "https://docs.aws.amazon.com/" + gen.Next(50) : gen.Next(n);
  f.detail_type = gen.Next(n);
  f.event_id = gen.Next(n);
  return f;
}

TEST(SlackMessageTest, EnforcesLimitsOnHostileRandomFindings) {
  HostileText gen(20261128);
  for (int iteration = 0; iteration < 100; ++iteration) {
    const Finding f = RandomFinding(gen, iteration);
    for (MessageFormat format : {MessageFormat::kBlocks, MessageFormat::kText}) {
      const std::string payload_text = RenderSlackPayload(f, {format});
      ASSERT_TRUE(IsValidUtf8(payload_text));
      const json payload = Parse(payload_text);
      ExpectWithinLimits(payload);
      if (::testing::Test::HasFailure()) {
        FAIL() << "iteration " << iteration << " format " << static_cast<int>(format) << "\n" << payload.dump(2);
      }
      EXPECT_FALSE(BlockKitBuilderUrl(payload_text).empty());
    }
  }
}

// Writes payloads of hostile and random hand-built findings, one per line, to $GDSLACK_RENDER_JSONL (or a
// temporary file). ctest's slack_types.hostile runs it with the variable set and type-checks the output
// with tests/slack_types/check_payloads.sh.
TEST(SlackMessageTest, WritesPayloadsForTypeCheck) {
  const char* env_path = std::getenv("GDSLACK_RENDER_JSONL");
  const std::string path =
      env_path != nullptr && *env_path != '\0'
          ? std::string(env_path)
          : (std::filesystem::temp_directory_path() / ("gdslack-payloads-" + std::to_string(::getpid()) + ".jsonl"))
                .string();
  std::ofstream out(path);
  Finding hostile = SmallFinding();
  hostile.title = std::string(kHostileTitle);
  hostile.sample = true;
  hostile.archived = true;
  hostile.sequence.signals = {{"Signal", "", "FINDING", "desc", 2, 8, true, {}, {}, {}}};
  hostile.sequence.description = "Step 1\nStep 2";
  hostile.extra_facts = {{"Threat", std::string(5000, '&'), false}};
  Finding empty;
  HostileText gen(7);
  Finding random = SmallFinding();
  random.title = gen.Next(9000);
  random.description = gen.Next(9000);
  random.account_name = gen.Next(500);
  for (const Finding* f : {&hostile, &empty, &random}) {
    out << RenderSlackPayload(*f) << "\n" << RenderSlackPayload(*f, {MessageFormat::kText}) << "\n";
  }
  const Finding small = SmallFinding();
  out << RenderSlackPayload(small) << "\n";
  HostileText many(99);
  for (int i = 0; i < 30; ++i) {
    const Finding f = RandomFinding(many, i);
    out << RenderSlackPayload(f) << "\n" << RenderSlackPayload(f, {MessageFormat::kText}) << "\n";
  }
  ASSERT_TRUE(out.good());
  out.close();
  std::ifstream in(path);
  int lines = 0;
  for (std::string line; std::getline(in, line);) {
    EXPECT_FALSE(line.empty());
    ++lines;
  }
  EXPECT_EQ(lines, 67);
  if (env_path == nullptr || *env_path == '\0') std::filesystem::remove(path);
}

}  // namespace
}  // namespace gdslack

namespace gdslack {
namespace {

// Four full sections and a full description are more text than Slack takes in one message: the longest
// sections give way at a line boundary, with a visible mark, until the whole is under kMaxMessageText.
TEST(SlackMessageTest, KeepsTheWholeMessageUnderSlacksTotal) {
  Finding f = SmallFinding();
  for (auto* facts : {&f.resource_facts, &f.actor_facts, &f.extra_facts}) {
    facts->clear();
    for (int i = 0; i < 40; ++i) facts->push_back({"Value " + std::to_string(i), std::string(90, 'x'), i % 2 == 0});
  }
  f.description = std::string(2800, 'd');
  // And an attack sequence's sections on top.
  f.sequence.uid = "seq";
  for (int i = 0; i < 100; ++i) {
    f.sequence.signals.push_back({"Signal " + std::string(100, 's'), "", "FINDING", "", i, 5, true, {}, {}, {}});
    f.sequence.resources.push_back(
        {"arn:aws:s3:::bucket-" + std::to_string(i) + std::string(80, 'b'), "", "S3_BUCKET", "", "", "", {}});
  }
  const json payload = Parse(RenderSlackPayload(f));
  ExpectWithinLimits(payload);  // includes the total
  const std::size_t total = render_internal::MessageText(render_internal::Json(Blocks(payload)));
  EXPECT_GT(total, kMaxMessageText - 3000);  // cut, not emptied
  bool cut = false;
  for (const json& b : Blocks(payload)) {
    if (b.contains("text") && b.at("text").at("text").get<std::string>().ends_with("\n_\xE2\x80\xA6_")) cut = true;
  }
  EXPECT_TRUE(cut);
  EXPECT_EQ(Blocks(payload).back().at("type"), "actions");  // the console button survives
}

}  // namespace
}  // namespace gdslack
