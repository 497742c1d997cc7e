#include "routing/yaml_reader.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(YamlReaderTest, TypedReadsFailWithSourceLineAndKey) {
  const YamlReader r("f.yaml");
  const Result<YamlDocument> doc = YamlDocument::Parse("a: 12\nb: maybe\nc: [x, y]\nd: {e: 1}\n", "f.yaml");
  ASSERT_TRUE(doc.has_value());
  const YamlNode root = doc->root();
  EXPECT_EQ(*r.Int(Get(root, "a"), "a", 0, 100), 12);
  EXPECT_EQ(r.Int(Get(root, "a"), "a", 0, 10).error().message(), "f.yaml:1: a: expected a whole number from 0 to 10");
  EXPECT_EQ(r.Bool(Get(root, "b"), "b").error().message(), "f.yaml:2: b: expected true or false");
  EXPECT_EQ(*r.Strings(Get(root, "c"), "c"), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(*r.Strings(Get(root, "a"), "a"), std::vector<std::string>{"12"});
  EXPECT_EQ(r.Strings(Get(root, "d"), "d").error().message(), "f.yaml:4: d: expected a string or a list of strings");
  EXPECT_EQ(r.CheckKeys(Get(root, "d"), "d", {"f"}).message(), "f.yaml:4: d.e: unknown key");
  EXPECT_TRUE(r.CheckKeys(Get(root, "d"), "d", {"e"}).ok());
  EXPECT_EQ(YamlReader::At("routes", 2), "routes[2]");
  EXPECT_EQ(YamlReader::Sub("", "x"), "x");
}

TEST(YamlReaderTest, IntTakesDecimalWholeNumbersOnly) {
  const YamlReader r("f.yaml");
  const Result<YamlDocument> doc =
      YamlDocument::Parse("[0, -5, +7, 010, 0x10, 1.5, 12abc, '', +-3, 99999999999999999999, ~]", "f.yaml");
  ASSERT_TRUE(doc.has_value());
  const YamlNode list = doc->root();
  EXPECT_EQ(*r.Int(list[0], "k", -10, 100), 0);
  EXPECT_EQ(*r.Int(list[1], "k", -10, 100), -5);
  EXPECT_EQ(*r.Int(list[2], "k", -10, 100), 7);
  EXPECT_EQ(*r.Int(list[3], "k", -10, 100), 10);  // decimal, not octal (YAML 1.2)
  for (std::size_t i = 4; i < list.size(); ++i) EXPECT_FALSE(r.Int(list[i], "k", -10, 100).has_value()) << i;
}

TEST(YamlReaderTest, GetFindsAKeyWithoutChangingTheNode) {
  const Result<YamlDocument> doc = YamlDocument::Parse("a: 12\nd: {e: 1}\n'7': seven\n", "f.yaml");
  ASSERT_TRUE(doc.has_value());
  const YamlNode root = doc->root();
  EXPECT_EQ(Get(root, "a").Scalar(), "12");
  EXPECT_EQ(Get(Get(root, "d"), "e").Scalar(), "1");
  EXPECT_EQ(Get(root, "7").Scalar(), "seven");
  EXPECT_FALSE(Get(root, "missing"));
  EXPECT_FALSE(Get(Get(root, "a"), "x"));  // a scalar has no keys
  EXPECT_FALSE(Get(YamlNode(), "x"));
  EXPECT_EQ(root.size(), 3u);
}

}  // namespace
}  // namespace gdslack
