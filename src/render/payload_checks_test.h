// Test-only checks of a rendered webhook payload against Slack's limits (counted as Slack counts,
// SlackLength) and the product's safety rules. Shared by the render tests.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "render/block_kit.h"
#include "render/mrkdwn.h"

namespace gdslack {
namespace {

using nlohmann::json;

inline json Parse(const std::string& payload) {
  json j = json::parse(payload, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << payload;
  return j;
}

inline const json& Blocks(const json& payload) { return payload.at("attachments").at(0).at("blocks"); }

// Every text in the payload that Slack parses as mrkdwn: top-level text and every mrkdwn object.
inline void CollectMrkdwn(const json& j, std::vector<std::string>* out) {
  if (j.is_object()) {
    if (j.value("type", "") == "mrkdwn" && j.contains("text")) out->push_back(j.at("text").get<std::string>());
    for (const auto& [key, value] : j.items()) CollectMrkdwn(value, out);
  } else if (j.is_array()) {
    for (const json& e : j) CollectMrkdwn(e, out);
  }
}

inline std::vector<std::string> MrkdwnTexts(const json& payload) {
  std::vector<std::string> texts;
  if (payload.contains("text")) texts.push_back(payload.at("text").get<std::string>());
  CollectMrkdwn(payload, &texts);
  return texts;
}

// Slack's rules (docs/reference/slack.md#block-kit-limits) plus ours: every mrkdwn '<' opens a product date token,
// every '&' an entity.
inline void ExpectWithinLimits(const json& payload) {
  ASSERT_TRUE(payload.is_object());
  if (payload.contains("text")) {
    EXPECT_LE(SlackLength(payload.at("text").get<std::string>()), kMaxFallbackText);
  }
  EXPECT_FALSE(payload.contains("link_names"));
  EXPECT_FALSE(payload.contains("parse"));
  EXPECT_EQ(payload.at("unfurl_links"), false);
  EXPECT_EQ(payload.at("unfurl_media"), false);
  if (payload.contains("attachments")) {
    const json& blocks = Blocks(payload);
    EXPECT_LE(blocks.size(), kMaxBlocks);
    EXPECT_LE(render_internal::MessageText(render_internal::Json(blocks)), kMaxMessageText);
    for (const json& b : blocks) {
      const std::string type = b.at("type");
      if (type == "header") {
        const std::string text = b.at("text").at("text");
        EXPECT_EQ(b.at("text").at("type"), "plain_text");
        EXPECT_GE(text.size(), 1u);
        EXPECT_LE(SlackLength(text), kMaxHeaderText);
        EXPECT_EQ(text.find('\n'), std::string::npos);
      } else if (type == "section") {
        EXPECT_TRUE(b.contains("text") || b.contains("fields"));
        if (b.contains("text")) {
          const std::string text = b.at("text").at("text");
          EXPECT_GE(text.size(), 1u);
          EXPECT_LE(SlackLength(text), kMaxSectionText);
        }
        if (b.contains("fields")) {
          EXPECT_GE(b.at("fields").size(), 1u);
          EXPECT_LE(b.at("fields").size(), kMaxFields);
          for (const json& field : b.at("fields")) {
            const std::string text = field.at("text");
            EXPECT_GE(text.size(), 1u);
            EXPECT_LE(SlackLength(text), kMaxFieldText);
          }
        }
      } else if (type == "context") {
        EXPECT_GE(b.at("elements").size(), 1u);
        EXPECT_LE(b.at("elements").size(), kMaxContextElements);
        for (const json& e : b.at("elements")) {
          const std::string text = e.at("text");
          EXPECT_GE(text.size(), 1u);
          EXPECT_LE(SlackLength(text), kMaxSectionText);
        }
      } else if (type == "actions") {
        for (const json& e : b.at("elements")) {
          const std::string text = e.at("text").at("text");
          EXPECT_GE(text.size(), 1u);
          EXPECT_LE(SlackLength(text), kMaxButtonText);
          EXPECT_LE(e.at("url").get<std::string>().size(), kMaxButtonUrl);
        }
      } else {
        EXPECT_EQ(type, "divider");
      }
    }
  }
  for (const std::string& text : MrkdwnTexts(payload)) {
    EXPECT_TRUE(IsValidUtf8(text));
    for (std::size_t i = text.find('<'); i != std::string::npos; i = text.find('<', i + 1)) {
      EXPECT_EQ(text.compare(i, 7, "<!date^"), 0) << "live markup in: " << text;
    }
    for (std::size_t i = text.find('&'); i != std::string::npos; i = text.find('&', i + 1)) {
      const std::string_view rest = std::string_view(text).substr(i);
      EXPECT_TRUE(rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;"))
          << "partial entity in: " << text;
    }
  }
}

}  // namespace
}  // namespace gdslack
