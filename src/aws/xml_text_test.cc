#include "aws/xml_text.h"

#include <gtest/gtest.h>

namespace gdslack {
namespace {

TEST(XmlTextTest, ExtractsAndDecodes) {
  const std::string xml =
      "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
      "<MessageId>a&amp;b &lt;c&gt; &quot;&apos; &#65;&#x42; &#x1F600;</MessageId></PublishResult></PublishResponse>";
  EXPECT_EQ(XmlElementText(xml, "MessageId").value(), "a&b <c> \"' AB \xF0\x9F\x98\x80");
  EXPECT_FALSE(XmlElementText(xml, "Missing").has_value());
  EXPECT_FALSE(XmlElementText("<A>unterminated", "A").has_value());
  EXPECT_EQ(XmlElementText("<A/>", "A").value(), "");
}

TEST(XmlTextTest, ExactNamesAndScope) {
  const std::string xml =
      "<ErrorResponse><RequestId>r</RequestId><CodeX>no</CodeX><Error><Type>Sender</Type>"
      "<Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>";
  EXPECT_EQ(XmlElementText(xml, "Code").value(), "Throttling");
  EXPECT_EQ(XmlElementText(xml, "Message", "Error").value(), "Rate exceeded");
  EXPECT_FALSE(XmlElementText(xml, "Code", "Nope").has_value());
}

TEST(XmlTextTest, MalformedEntitiesKept) {
  EXPECT_EQ(XmlDecodeEntities("a & b &bogus; &#xZZ; &#0; &#xD800;"), "a & b &bogus; &#xZZ; &#0; &#xD800;");
}

}  // namespace
}  // namespace gdslack
