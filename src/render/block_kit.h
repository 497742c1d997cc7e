// Block Kit building blocks shared by the message layouts (internal to src/render/): JSON objects built by
// moving values in, text objects, sections, bullet lists within a budget, Slack date tokens, severity
// colours, and the guard that keeps a whole message under Slack's total-text limit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "finding/finding.h"

namespace gdslack::render_internal {

using Json = nlohmann::ordered_json;

// Per-item budgets (Slack characters) inside a section, so one huge value cannot crowd out the rest.
inline constexpr std::size_t kMaxFactValue = 1000;
inline constexpr std::size_t kMaxLabel = 100;
inline constexpr std::size_t kMaxShortValue = 300;  // account, region, type, timestamps as text
// Room kept at the end of a bullet list for "…and N more".
inline constexpr std::size_t kMoreNoteReserve = 40;

// Builds a JSON object from alternating keys and values, moving each value in. nlohmann's brace
// initialisation copies every value out of an initializer_list and re-checks whether the list is an object;
// on the corpus this alone was about a quarter of the renderer's instructions (callgrind).
inline void PutMembers(Json& /*object*/) {}
template <typename Value, typename... Rest>
void PutMembers(Json& object, const char* key, Value&& value, Rest&&... rest) {
  object.emplace(key, std::forward<Value>(value));
  PutMembers(object, std::forward<Rest>(rest)...);
}
template <typename... Members>
Json Object(Members&&... members) {
  Json object = Json::object();
  PutMembers(object, std::forward<Members>(members)...);
  return object;
}

Json PlainTextObject(std::string text);
Json MrkdwnObject(std::string text);
// Section with mrkdwn text (product-made markup around escaped values).
Json Section(std::string mrkdwn);
// Section with plain_text: free text from a finding, shown as written and never formatted.
Json PlainSection(std::string plain);

std::string_view ColorFor(SeverityBand band);
std::string_view EmojiFor(SeverityBand band);
// Shortest round-trip form: 8 -> "8", 5.3 -> "5.3".
std::string ShortNumber(double value);
// One decimal, as the GuardDuty console shows severity: 8 -> "8.0".
std::string OneDecimal(double value);
// "prod-payments (111111111111)", or whichever is known.
std::string AccountText(const Finding& f);
std::string TitleOrType(const Finding& f);

// Slack date token (rendered in the reader's time zone) when the epoch is known, with a product-made ISO
// 8601 fallback; otherwise the finding's own text, escaped. Empty when there is neither.
std::string SlackDate(const Timestamp& t);

// "*Label*\nvalue" for a fields entry. `value` is already mrkdwn-safe and capped.
std::string Field(std::string_view label, std::string_view value);
// A section of "*Label*\nvalue" fields: empty values are skipped, at most kMaxFields kept.
class FieldsSection {
 public:
  void Add(std::string_view label, const std::string& value);
  Json Take() { return Object("type", "section", "fields", std::move(fields_)); }

 private:
  Json fields_ = Json::array();
};

// A fact's value: a code span for identifiers, one escaped line otherwise.
std::string FactValue(const Fact& fact);
// "*Label:* value" lines of facts with a value.
std::vector<std::string> FactLines(const std::vector<Fact>& facts);
// "*Heading*\n• line\n• line…" within max_chars; lines that do not fit are counted ("…and N more").
// Returns "" when there are no lines. Lines are mrkdwn-safe and one line each.
std::string BulletList(std::string_view heading, const std::vector<std::string>& lines, std::size_t max_chars = 3000);
// "a · b · c" of already safe parts, empty ones skipped.
std::string JoinDotted(const std::vector<std::string>& parts);
// "a, b, c +N more" of already safe items, at most max_items shown.
std::string JoinShown(const std::vector<std::string>& items, std::size_t max_items);

// Header block: "[SAMPLE] [ARCHIVED] :emoji: Band: title" as plain_text.
Json HeaderBlock(const Finding& f, std::string_view title);
// "*Heading*" section followed by the free text as plain_text; nothing when the text is empty.
void AddFreeText(Json& blocks, std::string_view heading, std::string_view text, std::size_t max_chars);

// Total Slack characters of the text objects in `blocks`.
std::size_t MessageText(const Json& blocks);
// Cuts the longest sections (at line boundaries, with a visible note) until the blocks hold at most
// kMaxMessageText characters in total, and drops blocks beyond kMaxBlocks (keeping the last, the button).
void FitMessage(Json& blocks);

std::string Dump(const Json& json);

}  // namespace gdslack::render_internal
