#include "routing/yaml_reader.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(YamlReaderTest, TypedReadsFailWithSourceLineAndKey) {
  const YamlReader r("f.yaml");
  const YAML::Node root = YAML::Load("a: 12\nb: maybe\nc: [x, y]\nd: {e: 1}\n");
  EXPECT_EQ(*r.Int(root["a"], "a", 0, 100), 12);
  EXPECT_EQ(r.Int(root["a"], "a", 0, 10).error().message(), "f.yaml:1: a: expected a whole number from 0 to 10");
  EXPECT_EQ(r.Bool(root["b"], "b").error().message(), "f.yaml:2: b: expected true or false");
  EXPECT_EQ(*r.Strings(root["c"], "c"), (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(*r.Strings(root["a"], "a"), std::vector<std::string>{"12"});
  EXPECT_EQ(r.Strings(root["d"], "d").error().message(), "f.yaml:4: d: expected a string or a list of strings");
  EXPECT_EQ(r.CheckKeys(root["d"], "d", {"f"}).message(), "f.yaml:4: d.e: unknown key");
  EXPECT_TRUE(r.CheckKeys(root["d"], "d", {"e"}).ok());
  EXPECT_EQ(YamlReader::At("routes", 2), "routes[2]");
  EXPECT_EQ(YamlReader::Sub("", "x"), "x");
}

TEST(YamlReaderTest, GetFindsAKeyWithoutChangingTheNode) {
  const YAML::Node root = YAML::Load("a: 12\nd: {e: 1}\n'7': seven\n");
  EXPECT_EQ(Get(root, "a").Scalar(), "12");
  EXPECT_EQ(Get(Get(root, "d"), "e").Scalar(), "1");
  EXPECT_EQ(Get(root, "7").Scalar(), "seven");
  EXPECT_FALSE(Get(root, "missing"));
  EXPECT_FALSE(Get(root, "missing").IsDefined());
  EXPECT_FALSE(Get(Get(root, "a"), "x"));  // a scalar has no keys
  EXPECT_FALSE(Get(YAML::Node(), "x"));
  EXPECT_EQ(root.size(), 3u);
}

}  // namespace
}  // namespace gdslack
