#include "render/block_kit.h"

#include <charconv>

#include "base/iso8601.h"
#include "render/mrkdwn.h"

namespace gdslack::render_internal {
namespace {

// Colour bar of the wrapping attachment, one per band (distinct at a glance, Slack's own palette where it
// has one).
constexpr std::string_view kColorCritical = "#8B0000";
constexpr std::string_view kColorHigh = "#E01E5A";
constexpr std::string_view kColorMedium = "#ECB22E";
constexpr std::string_view kColorLow = "#2EB6F0";

constexpr std::string_view kEmojiCritical = ":rotating_light:";
constexpr std::string_view kEmojiHigh = ":red_circle:";
constexpr std::string_view kEmojiMedium = ":large_orange_circle:";
constexpr std::string_view kEmojiLow = ":large_blue_circle:";

constexpr std::string_view kSampleTag = "[SAMPLE] ";
constexpr std::string_view kArchivedTag = "[ARCHIVED] ";

// Latest epoch we format (9999-12-31T23:59:59Z); outside [0, this] the text is shown instead.
constexpr int64_t kMaxFormattableEpoch = 253402300799;

// A section cut by FitMessage keeps at least this much, or is dropped.
constexpr std::size_t kMinKeptSection = 100;
constexpr std::string_view kCutNote = "\n_\xE2\x80\xA6_";  // "\n_…_"

std::size_t TextLength(const Json& text_object) {
  if (!text_object.is_object()) return 0;
  auto it = text_object.find("text");
  if (it == text_object.end() || !it->is_string()) return 0;
  return SlackLength(it->get_ref<const std::string&>());
}

}  // namespace

Json PlainTextObject(std::string text) { return Object("type", "plain_text", "text", std::move(text), "emoji", true); }

Json MrkdwnObject(std::string text) { return Object("type", "mrkdwn", "text", std::move(text), "verbatim", true); }

Json Section(std::string mrkdwn) { return Object("type", "section", "text", MrkdwnObject(std::move(mrkdwn))); }

Json PlainSection(std::string plain) {
  // emoji:false: ":shortcode:" in finding text stays text.
  return Object("type", "section", "text", Object("type", "plain_text", "text", std::move(plain), "emoji", false));
}

std::string_view ColorFor(SeverityBand band) {
  switch (band) {
    case SeverityBand::kCritical: return kColorCritical;
    case SeverityBand::kHigh: return kColorHigh;
    case SeverityBand::kMedium: return kColorMedium;
    case SeverityBand::kLow: return kColorLow;
  }
  return kColorLow;
}

std::string_view EmojiFor(SeverityBand band) {
  switch (band) {
    case SeverityBand::kCritical: return kEmojiCritical;
    case SeverityBand::kHigh: return kEmojiHigh;
    case SeverityBand::kMedium: return kEmojiMedium;
    case SeverityBand::kLow: return kEmojiLow;
  }
  return kEmojiLow;
}

std::string ShortNumber(double value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
  if (ec != std::errc()) return "?";
  return std::string(buf, end);
}

std::string OneDecimal(double value) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::fixed, 1);
  if (ec != std::errc()) return "?";
  return std::string(buf, end);
}

std::string AccountText(const Finding& f) {
  if (!f.account_name.empty() && !f.account_id.empty()) return f.account_name + " (" + f.account_id + ")";
  return f.account_name.empty() ? f.account_id : f.account_name;
}

std::string TitleOrType(const Finding& f) {
  if (!f.title.empty()) return f.title;
  if (!f.type.empty()) return f.type;
  return "GuardDuty finding";
}

std::string SlackDate(const Timestamp& t) {
  if (t.epoch && *t.epoch >= 0 && *t.epoch <= kMaxFormattableEpoch) {
    return "<!date^" + std::to_string(*t.epoch) + "^{date_short_pretty} {time}|" + FormatIso8601Utc(*t.epoch) + ">";
  }
  return MrkdwnLine(t.text, kMaxShortValue);
}

std::string Field(std::string_view label, std::string_view value) {
  return "*" + std::string(label) + "*\n" + std::string(value);
}

void FieldsSection::Add(std::string_view label, const std::string& value) {
  if (!value.empty() && fields_.size() < kMaxFields) fields_.push_back(MrkdwnObject(Field(label, value)));
}

std::string JoinDotted(const std::vector<std::string>& parts) {
  std::string line;
  for (const std::string& p : parts) {
    if (!p.empty()) line += (line.empty() ? "" : " \xC2\xB7 ") + p;  // " · "
  }
  return line;
}

std::string FactValue(const Fact& fact) {
  return fact.code ? CodeSpan(fact.value, kMaxFactValue) : MrkdwnLine(fact.value, kMaxFactValue);
}

std::vector<std::string> FactLines(const std::vector<Fact>& facts) {
  std::vector<std::string> lines;
  for (const Fact& fact : facts) {
    std::string value = FactValue(fact);
    if (value.empty()) continue;
    std::string label = MrkdwnLine(fact.label, kMaxLabel);
    lines.push_back(label.empty() ? value : "*" + label + ":* " + value);
  }
  return lines;
}

std::string BulletList(std::string_view heading, const std::vector<std::string>& lines, std::size_t max_chars) {
  if (lines.empty()) return "";
  std::string text = "*" + std::string(heading) + "*";
  std::size_t length = SlackLength(text);
  std::size_t shown = 0;
  for (const std::string& line : lines) {
    const std::string entry = "\n\xE2\x80\xA2 " + line;
    const std::size_t entry_length = SlackLength(entry);
    if (length + entry_length + kMoreNoteReserve > max_chars) break;
    text += entry;
    length += entry_length;
    ++shown;
  }
  if (shown < lines.size()) {
    text +=
        "\n_\xE2\x80\xA6"
        "and " +
        std::to_string(lines.size() - shown) + " more_";
  }
  return text;
}

std::string JoinShown(const std::vector<std::string>& items, std::size_t max_items) {
  std::string out;
  std::size_t shown = 0;
  for (const std::string& item : items) {
    if (item.empty()) continue;
    if (shown == max_items) break;
    out += (shown == 0 ? "" : ", ") + item;
    ++shown;
  }
  std::size_t total = 0;
  for (const std::string& item : items) total += item.empty() ? 0 : 1;
  if (total > shown) out += " +" + std::to_string(total - shown) + " more";
  return out;
}

Json HeaderBlock(const Finding& f, std::string_view title) {
  std::string text;
  if (f.sample) text += kSampleTag;
  if (f.archived) text += kArchivedTag;
  text += std::string(EmojiFor(f.band)) + " " + BandName(f.band) + ": " + std::string(title);
  return Object("type", "header", "text", PlainTextObject(PlainText(text, kMaxHeaderText)));
}

void AddFreeText(Json& blocks, std::string_view heading, std::string_view text, std::size_t max_chars) {
  std::string plain = PlainTextLines(text, max_chars);
  if (plain.find_first_not_of(" \n\t") == std::string::npos) return;
  blocks.push_back(Section("*" + std::string(heading) + "*"));
  blocks.push_back(PlainSection(std::move(plain)));
}

std::size_t MessageText(const Json& blocks) {
  std::size_t total = 0;
  for (const Json& block : blocks) {
    if (auto it = block.find("text"); it != block.end()) total += TextLength(*it);
    for (const char* list : {"fields", "elements"}) {
      auto it = block.find(list);
      if (it == block.end() || !it->is_array()) continue;
      for (const Json& element : *it) {
        total += TextLength(element);
        if (auto t = element.find("text"); t != element.end()) total += TextLength(*t);  // buttons
      }
    }
  }
  return total;
}

void FitMessage(Json& blocks) {
  while (blocks.size() > kMaxBlocks) blocks.erase(blocks.size() - 2);
  for (std::size_t total = MessageText(blocks); total > kMaxMessageText; total = MessageText(blocks)) {
    // The longest section gives way first.
    std::size_t longest = 0;
    std::size_t longest_length = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      if (blocks[i].value("type", "") != "section" || !blocks[i].contains("text")) continue;
      const std::size_t length = TextLength(blocks[i]["text"]);
      if (length > longest_length) longest = i, longest_length = length;
    }
    if (longest_length == 0) return;  // nothing left to cut; cannot happen with the budgets used
    Json& text = blocks[longest]["text"];
    const auto& current = text["text"].get_ref<const std::string&>();
    const std::size_t excess = total - kMaxMessageText;
    const std::size_t keep =
        longest_length > excess + SlackLength(kCutNote) ? longest_length - excess - SlackLength(kCutNote) : 0;
    // Cut at a line boundary so no markup is left open; plain_text has none but reads better that way too.
    const std::size_t prefix = SlackPrefixLength(current, keep);
    const std::size_t newline = current.rfind('\n', prefix);
    if (keep < kMinKeptSection || newline == std::string::npos || newline == 0) {
      blocks.erase(longest);
      continue;
    }
    std::string cut = current.substr(0, newline);
    cut += text.value("type", "") == "plain_text" ? std::string("\n\xE2\x80\xA6") : std::string(kCutNote);
    text["text"] = std::move(cut);
  }
}

std::string Dump(const Json& json) {
  // Inputs are valid UTF-8 by construction; replace anyway, since dump() throws on invalid sequences.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace gdslack::render_internal
