// The value-by-value reader (DocumentReader over ValueSplitter): every input shape reads as ParseDocument
// reads it, at every chunk size down to one byte; memory stays bounded by the largest value.
#include "finding/value_splitter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "finding/parser.h"

namespace gdslack {
namespace {

using finding_internal::Piece;
using finding_internal::ValueSplitter;

const std::string kTestData = std::string(GDSLACK_SOURCE_DIR) + "/testdata/events/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A source handing out `text` at most `step` bytes per call (a pipe delivers less than asked for, too).
ByteSource FromText(std::string text, std::size_t step = static_cast<std::size_t>(-1)) {
  auto offset = std::make_shared<std::size_t>(0);
  auto shared = std::make_shared<std::string>(std::move(text));
  return [offset, shared, step](char* buffer, std::size_t capacity) -> Result<std::size_t> {
    const std::size_t n = std::min({capacity, step, shared->size() - *offset});
    std::copy_n(shared->data() + *offset, n, buffer);
    *offset += n;
    return n;
  };
}

std::string Describe(const ParsedItem& item) {
  switch (item.kind) {
    case ParsedItem::Kind::kFinding: return "finding " + item.finding->id + " " + item.finding->title;
    case ParsedItem::Kind::kOtherGuardDutyEvent: return "other " + item.detail_type;
    case ParsedItem::Kind::kError: return "error " + item.error.message();
  }
  return "?";
}

// What the reader yields, one line per item; a whole-document failure is "failed <message>".
std::vector<std::string> ReadAll(ByteSource source, const std::string& name, std::size_t chunk,
                                 std::size_t max_value = DocumentReader::kDefaultMaxValueBytes) {
  DocumentReader reader(name, std::move(source), ParseOptions{}, chunk, max_value);
  std::vector<std::string> out;
  while (std::optional<ParsedItem> item = reader.Next()) out.push_back(Describe(*item));
  if (reader.failed_whole()) {
    EXPECT_EQ(out.size(), 1u);
    out.back().replace(0, 5, "failed");
  }
  return out;
}

std::vector<std::string> ReadAll(const std::string& text, const std::string& name, std::size_t chunk) {
  return ReadAll(FromText(text), name, chunk);
}

// What ParseDocument (the whole text at once) says, in the same form.
std::vector<std::string> Whole(const std::string& text, const std::string& name) {
  Result<std::vector<ParsedItem>> items = ParseDocument(text, name, ParseOptions{});
  if (!items) return {"failed " + items.error().message()};
  std::vector<std::string> out;
  for (const ParsedItem& item : *items) out.push_back(Describe(item));
  return out;
}

std::string Finding(const std::string& id) {
  return R"({"source":"aws.guardduty","detail-type":"GuardDuty Finding","region":"us-east-1","detail":{"id":")" + id +
         R"(","type":"Recon:EC2/PortProbeUnprotectedPort","title":"title )" + id +
         R"(","severity":5,"resource":{"resourceType":"Instance"}}})";
}

std::string Pretty(const std::string& id) {
  return "{\n  \"source\": \"aws.guardduty\",\n  \"detail-type\": \"GuardDuty Finding\",\n  \"detail\": {\n"
         "    \"id\": \"" +
         id + "\",\n    \"type\": \"T\",\n    \"resource\": {}\n  }\n}";
}

const std::vector<std::size_t> kChunks = {1, 2, 3, 7, 64, 4096};

TEST(ValueSplitterTest, EverySampleReadsAsParseDocumentReadsItAtEveryChunkSize) {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"corpus", "edge", "operations", "securityhub", "acknowledged"}) {
    if (!std::filesystem::exists(kTestData + dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(kTestData + dir)) {
      if (entry.path().extension() == ".json" || entry.path().extension() == ".jsonl") files.push_back(entry.path());
    }
  }
  ASSERT_GT(files.size(), 100u);
  for (const auto& path : files) {
    const std::string text = ReadFile(path.string());
    const std::string name = path.filename().string();
    const std::vector<std::string> whole = Whole(text, name);
    for (std::size_t chunk : {std::size_t{1}, std::size_t{13}, std::size_t{65536}}) {
      EXPECT_EQ(ReadAll(text, name, chunk), whole) << name << " in chunks of " << chunk;
    }
  }
}

TEST(ValueSplitterTest, EveryShapeReadsOneValueAtATimeWhateverTheChunkBoundaries) {
  const std::string lines = Finding("a") + "\n" + Finding("b") + "\r\n" + Finding("c") + "\n";
  const std::string array = "[" + Finding("a") + ",\n  " + Finding("b") + " , " + Finding("c") + "]\n";
  const std::string get_findings =
      R"({ "Findings" : [ {"Id":"a","Type":"T","Title":"title a","Resource":{}}, )"
      R"({"Id":"b","Type":"T","Title":"title b","Resource":{}} ], "UnprocessedFindings": [{"x": "]}"}] })";
  const std::string concatenated = Pretty("a") + Pretty("b") + "\n\n" + Pretty("c");
  const std::string nested_arrays = "[[" + Finding("a") + "], [" + Finding("b") + "," + Finding("c") + "]]";
  for (const std::string* text : {&lines, &array, &get_findings, &concatenated, &nested_arrays}) {
    const std::vector<std::string> whole = Whole(*text, "in");
    ASSERT_GE(whole.size(), 2u) << *text;
    EXPECT_EQ(whole.front().rfind("finding a", 0), 0u) << whole.front();
    for (std::size_t chunk : kChunks) {
      EXPECT_EQ(ReadAll(*text, "in", chunk), whole) << *text << " in chunks of " << chunk;
      // A source that hands out fewer bytes than asked for (a pipe) reads alike.
      EXPECT_EQ(ReadAll(FromText(*text, 5), "in", chunk), whole) << *text << " 5 bytes at a time";
    }
  }
}

TEST(ValueSplitterTest, BrokenInputReadsAsParseDocumentReadsItAtEveryChunkSize) {
  const std::string good = R"({"id":"a","type":"T","resource":{}})";
  const std::vector<std::string> texts = {
      "{\"id\": \n" + good + "\n" + Pretty("b") + "\nnot json\n" + good + "\n{\"open\": [1,\n",
      good + "\r\n{\"id\": }\n",
      "{\n \"a\": 1\n}\n}\n",
      "{\"a\":1} xyz",
      "1\n[",
      "{\"source\": \"aws.guardduty\",}",
      "{\"a\": [1, 2",
      "{\"a\": \"line\nbreak\"}",
      "{\"a\":",
      std::string(300, '[') + std::string(300, ']'),
      "   \n\t ",
      "",
      "[1, 2,]",
  };
  for (const std::string& text : texts) {
    const std::vector<std::string> whole = Whole(text, "bad.jsonl");
    for (std::size_t chunk : kChunks) {
      EXPECT_EQ(ReadAll(text, "bad.jsonl", chunk), whole) << text << " in chunks of " << chunk;
    }
  }
}

TEST(ValueSplitterTest, BadLineCostsOnlyItselfAndNamesItsLine) {
  const std::string text = Finding("a") + "\n" + R"({"detail": {"id": "truncated)" + "\n" + Finding("b") + "\n";
  const std::vector<std::string> items = ReadAll(text, "replay.jsonl", 1);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0], "finding a title a");
  EXPECT_EQ(items[1].rfind("error replay.jsonl: line 2: byte ", 0), 0u) << items[1];
  EXPECT_NE(items[1].find(": syntax error: "), std::string::npos) << items[1];
  EXPECT_EQ(items[2], "finding b title b");
}

TEST(ValueSplitterTest, BrokenArrayFramingIsOneErrorAndReadingGoesOn) {
  // A missing comma: the error names where, and the next value is still read (at the top level).
  const std::vector<std::string> items = ReadAll("[" + Finding("a") + " " + Finding("b") + "]\n", "a.json", 1);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0], "finding a title a");
  const std::size_t gap = 1 + Finding("a").size() + 1 + 1;  // 1-based byte of the second '{'
  EXPECT_EQ(items[1], "error a.json: line 1: byte " + std::to_string(gap) +
                          ": syntax error: expected ',' or ']' after an array element");
  EXPECT_EQ(items[2], "finding b title b");
  EXPECT_EQ(items[3].rfind("error a.json: line 1: byte ", 0), 0u) << items[3];  // the stray ']'
  // The input ending inside the array.
  EXPECT_EQ(ReadAll("[" + Finding("a") + ",", "b.json", 1).back(), "error b.json: line 1: byte " +
                                                                       std::to_string(Finding("a").size() + 3) +
                                                                       ": syntax error: unexpected end of input");
}

TEST(ValueSplitterTest, ValueOverTheLimitIsSkippedWithoutHoldingIt) {
  const std::string big = R"({"id":"big","type":"T","resource":{},"title":")" + std::string(5000, 'x') + "\"}";
  const std::string text = Finding("a") + "\n" + big + "\n" + Finding("b") + "\n";
  const std::vector<std::string> items = ReadAll(FromText(text), "big.jsonl", 64, 1000);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0], "finding a title a");
  EXPECT_EQ(items[1], "error big.jsonl: line 2: byte " + std::to_string(Finding("a").size() + 2) +
                          ": a value larger than 1000 bytes (skipped)");
  EXPECT_EQ(items[2], "finding b title b");
}

TEST(ValueSplitterTest, OversizedBrokenValueCutAtAChunkBoundaryReadsAlikeAtEveryChunkSize) {
  // Found by document_reader_fuzzer: a value over the limit that never closes is cut where the next line starts a
  // value; the look at that next line's first byte could cross a chunk boundary and drop the byte the cut ends
  // at, shifting everything after it by one.
  const std::string text = Finding("a") + "\n{\"open\": [\n" + std::string(400, '1') + ",\n" + Finding("b") + "\n";
  const std::vector<std::string> whole = ReadAll(FromText(text), "cut.jsonl", text.size(), 300);
  ASSERT_EQ(whole.size(), 3u);
  EXPECT_EQ(whole[2], "finding b title b");
  for (std::size_t chunk = 1; chunk <= 64; ++chunk) {
    EXPECT_EQ(ReadAll(FromText(text), "cut.jsonl", chunk, 300), whole) << "chunk " << chunk;
  }
}

TEST(ValueSplitterTest, WhitespaceNeverCountsTowardsTheLimitAndTheWrapperLookAheadStaysWithinIt) {
  const std::string spaces(500, ' ');
  const std::string small = R"({"id":"s","type":"T","resource":{}})";
  // Whitespace between values is dropped as it is read: the value after it is still whole.
  const std::string spaced = spaces + "\n" + spaces + small + spaces + "\n" + small;
  // A wrapper whose first key sits past the limit is no wrapper to the look-ahead: the object is read whole, and
  // is too large.
  const std::string far_key = "{" + spaces + R"("Findings": [)" + small + "]}\n" + small;
  for (const std::string* text : {&spaced, &far_key}) {
    const std::vector<std::string> whole = ReadAll(FromText(*text), "ws.json", text->size(), 100);
    for (std::size_t chunk : kChunks) {
      EXPECT_EQ(ReadAll(FromText(*text), "ws.json", chunk, 100), whole) << *text << " in chunks of " << chunk;
    }
  }
  EXPECT_EQ(ReadAll(FromText(spaced), "ws.json", 1, 100), (std::vector<std::string>{"finding s ", "finding s "}));
  EXPECT_EQ(ReadAll(FromText(far_key), "ws.json", 1, 100),
            (std::vector<std::string>{"error ws.json: line 1: byte 1: a value larger than 100 bytes (skipped)",
                                      "finding s "}));
}

TEST(ValueSplitterTest, ReadErrorEndsTheDocumentAfterWhatWasRead) {
  auto calls = std::make_shared<int>(0);
  const std::string first = Finding("a") + "\n";
  ByteSource failing = [calls, first](char* buffer, std::size_t capacity) -> Result<std::size_t> {
    if ((*calls)++ > 0) return Status(Code::kInvalidInput, "pipe: Input/output error");
    const std::size_t n = std::min(capacity, first.size());
    std::copy_n(first.data(), n, buffer);
    return n;
  };
  EXPECT_EQ(ReadAll(failing, "pipe", 1 << 16),
            (std::vector<std::string>{"finding a title a", "error pipe: Input/output error"}));
}

TEST(ValueSplitterTest, HoldsOneValueAndAFewChunksNeverTheInput) {
  // 2,000 findings (about 0.5 MB) as a top-level array, read in 4 KiB chunks: what is held stays near the
  // largest value plus a chunk or two.
  std::string text = "[";
  for (int i = 0; i < 2000; ++i) text += (i ? ",\n" : "") + Finding("f" + std::to_string(i));
  text += "]";
  const std::size_t value = Finding("f1999").size();
  for (std::size_t chunk : {std::size_t{1}, std::size_t{4096}}) {
    ValueSplitter splitter(FromText(text), chunk, DocumentReader::kDefaultMaxValueBytes);
    Piece piece;
    std::size_t pieces = 0;
    std::size_t most_held = 0;
    while (splitter.Next(piece)) {
      ASSERT_EQ(piece.kind, Piece::Kind::kArrayElement);
      ++pieces;
      most_held = std::max(most_held, splitter.bytes_held());
    }
    EXPECT_EQ(pieces, 2000u);
    EXPECT_LE(most_held, 2 * (value + 2 * chunk)) << "chunk " << chunk;
    EXPECT_EQ(splitter.bytes_read(), text.size());
  }
}

}  // namespace
}  // namespace gdslack
