#include "routing/yaml_document.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

YamlDocument ParseOk(std::string_view text) {
  Result<YamlDocument> doc = YamlDocument::Parse(text, "t.yaml");
  EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().message());
  return doc ? std::move(*doc) : YamlDocument();
}

TEST(YamlDocumentTest, MappingsSequencesAndScalarsWithTheirLines) {
  const YamlDocument doc = ParseOk("a: 12\nb:\n  - x\n  - 'y z'\nc: {d: e}\n");
  const YamlNode root = doc.root();
  ASSERT_TRUE(root.IsMap());
  ASSERT_EQ(root.size(), 3u);
  EXPECT_EQ(root.entries()[0].first.Scalar(), "a");
  EXPECT_EQ(root.entries()[0].second.Scalar(), "12");
  EXPECT_EQ(root.entries()[0].second.line(), 0);
  const YamlNode b = root.entries()[1].second;
  ASSERT_TRUE(b.IsSequence());
  EXPECT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].Scalar(), "x");
  EXPECT_EQ(b[1].Scalar(), "y z");
  EXPECT_EQ(b[1].line(), 3);
  EXPECT_FALSE(b[2]);  // past the end: undefined
  const YamlNode c = root.entries()[2].second;
  ASSERT_TRUE(c.IsMap());
  EXPECT_EQ(c.entries()[0].second.Scalar(), "e");
  EXPECT_EQ(c.line(), 4);
}

TEST(YamlDocumentTest, NullIsAPlainEmptyTildeOrNullScalar) {
  const YamlDocument doc = ParseOk("a:\nb: ~\nc: null\nd: NULL\ne: 'null'\nf: \"\"\ng: {}\nh: []\n");
  const auto& e = doc.root().entries();
  ASSERT_EQ(e.size(), 8u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_TRUE(e[i].second.IsNull()) << e[i].first.Scalar();
    EXPECT_FALSE(e[i].second.IsScalar()) << e[i].first.Scalar();
    EXPECT_TRUE(e[i].second) << "null is defined";
  }
  EXPECT_TRUE(e[4].second.IsScalar());  // quoted: text
  EXPECT_EQ(e[4].second.Scalar(), "null");
  EXPECT_TRUE(e[5].second.IsScalar());
  EXPECT_EQ(e[5].second.Scalar(), "");
  EXPECT_TRUE(e[6].second.IsMap());
  EXPECT_EQ(e[6].second.size(), 0u);
  EXPECT_TRUE(e[7].second.IsSequence());
  EXPECT_EQ(e[7].second.size(), 0u);
}

TEST(YamlDocumentTest, BlockScalarsKeepTheirText) {
  const YamlDocument doc = ParseOk("a: |\n  line one\n  line two\nb: >\n  folded\n  text\n");
  EXPECT_EQ(doc.root().entries()[0].second.Scalar(), "line one\nline two\n");
  EXPECT_EQ(doc.root().entries()[1].second.Scalar(), "folded text\n");
}

TEST(YamlDocumentTest, AliasesResolveToTheAnchoredNode) {
  const YamlDocument doc = ParseOk("base: &b {x: 1}\ncopy: *b\nlist: [&s one, *s]\n");
  const auto& e = doc.root().entries();
  EXPECT_EQ(e[1].second.entries()[0].second.Scalar(), "1");
  EXPECT_EQ(e[2].second[1].Scalar(), "one");
}

TEST(YamlDocumentTest, ACollectionCannotHoldItself) {
  Result<YamlDocument> doc = YamlDocument::Parse("a: &x\n  b: *x\n", "t.yaml");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().message(), "t.yaml:2: unknown alias *x");
}

TEST(YamlDocumentTest, AliasesMayNotExpandWithoutBound) {
  // Each level names the one before ten times: a million nodes from seven short lines.
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 6; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int k = 1; k < 10; ++k) text += ", " + prev;
    text += "]\n";
  }
  Result<YamlDocument> doc = YamlDocument::Parse(text, "t.yaml");
  ASSERT_FALSE(doc.has_value());
  // a4 (line 5) is the first to pass the bound: 111,111 nodes.
  EXPECT_EQ(doc.error().message(), "t.yaml:5: aliases expand the document beyond 100000 nodes");
  // Below the bound, each alias counts as what it names.
  const YamlDocument small = ParseOk("a: &a [x, x]\nb: &b [*a, *a]\n");
  EXPECT_EQ(small.root().expanded(), 1u             // the root
                                         + 1 + 3    // a: the key, then [x, x]
                                         + 1 + 7);  // b: the key, then [*a, *a]
}

TEST(YamlDocumentTest, TheLatestAnchorOfANameWins) {
  // The inner &x (on "a") comes after the outer one in the text: a later *x names "a", as YAML says.
  const YamlDocument doc = ParseOk("outer: &x [&x a, *x]\nlater: *x\nagain: &x b\nlast: *x\n");
  const auto& e = doc.root().entries();
  EXPECT_EQ(e[0].second[1].Scalar(), "a");
  EXPECT_EQ(e[1].second.Scalar(), "a");
  EXPECT_EQ(e[3].second.Scalar(), "b");
}

TEST(YamlDocumentTest, BadUtf8NamesItsLine) {
  Result<YamlDocument> doc = YamlDocument::Parse("a: 1\nb: 2\n# caf\xe9\n", "t.yaml");
  ASSERT_FALSE(doc.has_value());
  EXPECT_EQ(doc.error().message().rfind("t.yaml:3: ", 0), 0u) << doc.error().message();
}

TEST(YamlDocumentTest, AnEmptyViewParses) { EXPECT_TRUE(ParseOk(std::string_view()).root().IsNull()); }

TEST(YamlDocumentTest, MergeKeysAreOrdinaryKeys) {
  const YamlDocument doc = ParseOk("base: &b {x: 1}\nother:\n  <<: *b\n");
  const YamlNode other = doc.root().entries()[1].second;
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other.entries()[0].first.Scalar(), "<<");
}

TEST(YamlDocumentTest, EmptyTextAndCommentsAreANullRoot) {
  EXPECT_TRUE(ParseOk("").root().IsNull());
  EXPECT_TRUE(ParseOk("# nothing here\n").root().IsNull());
}

TEST(YamlDocumentTest, OnlyTheFirstDocumentCounts) {
  const YamlDocument doc = ParseOk("a: 1\n---\nb: 2\n");
  ASSERT_EQ(doc.root().size(), 1u);
  EXPECT_EQ(doc.root().entries()[0].first.Scalar(), "a");
}

TEST(YamlDocumentTest, SyntaxErrorsNameTheSourceAndLine) {
  struct Case {
    const char* text;
    const char* prefix;
  };
  for (const Case& c :
       {Case{"destinations: [", "t.yaml:1: "}, Case{"a: 1\n b: 2\n", "t.yaml:2: "}, Case{"a: 'open\n", "t.yaml:1: "},
        Case{"a: *nowhere\n", "t.yaml:1: unknown alias *nowhere"}, Case{"a:\n\tb: 1\n", "t.yaml:2: "}}) {
    Result<YamlDocument> doc = YamlDocument::Parse(c.text, "t.yaml");
    ASSERT_FALSE(doc.has_value()) << c.text;
    EXPECT_EQ(doc.error().code(), Code::kConfig);
    EXPECT_EQ(doc.error().message().rfind(c.prefix, 0), 0u) << c.text << " -> " << doc.error().message();
    EXPECT_EQ(doc.error().message().find('\n'), std::string::npos) << "one line";
  }
}

TEST(YamlDocumentTest, UndefinedNodeAnswersEverythingEmpty) {
  const YamlNode none;
  EXPECT_FALSE(none);
  EXPECT_FALSE(none.IsNull());
  EXPECT_FALSE(none.IsMap());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.Scalar(), "");
  EXPECT_EQ(none.line(), -1);
  EXPECT_TRUE(none.entries().empty());
}

}  // namespace
}  // namespace gdslack
