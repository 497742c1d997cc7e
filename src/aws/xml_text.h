// Minimal extraction of element text from the small, trusted-shape XML replies of AWS Query APIs (STS,
// SNS): the first <Tag>text</Tag>, entity-decoded. Not an XML parser: no attributes, CDATA or namespaces
// beyond what those replies use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gdslack {

// Text of the first element named `tag` (an exact name, e.g. "MessageId") inside `xml`, entity-decoded;
// nullopt when absent or unterminated. `<Tag/>` yields "". Searching starts after the opening
// tag of `within` when given (to pick Error/Code rather than another Code).
std::optional<std::string> XmlElementText(std::string_view xml, std::string_view tag, std::string_view within = "");

// Decodes &amp; &lt; &gt; &quot; &apos; and numeric &#N; / &#xH; references (to UTF-8); an unknown or
// malformed reference is kept verbatim.
std::string XmlDecodeEntities(std::string_view text);

}  // namespace gdslack
