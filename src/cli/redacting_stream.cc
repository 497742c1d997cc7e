#include "cli/redacting_stream.h"

#include <array>

#include "base/url.h"

namespace gdslack {
namespace {

constexpr std::string_view kRedactedPath = "/***";
// Hosts of links the product itself prints on stderr for a person to open (render --preview-url).
constexpr std::array<std::string_view, 1> kProductLinkHosts = {"app.slack.com"};

bool IsSchemeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// A URL token ends at whitespace or at a character that quotes or brackets it in a message.
bool EndsToken(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`' ||
         c == ')' || c == ']' || c == ',';
}

}  // namespace

std::string RedactUrlPaths(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  std::size_t at = text.find("://");
  while (at != std::string_view::npos) {
    std::size_t start = at;
    while (start > 0 && IsSchemeChar(text[start - 1])) --start;
    std::size_t end = at + 3;
    while (end < text.size() && !EndsToken(text[end])) ++end;
    // Punctuation that ends a sentence or introduces the reason ("URL: No such file") is not part of it.
    while (end > at + 3 && (text[end - 1] == ':' || text[end - 1] == '.' || text[end - 1] == ';')) --end;
    if (start < at) {
      const Url url = SplitUrl(text.substr(start, end - start));
      const std::string rest = url.AfterAuthority();
      bool keep = !url.has_userinfo && (rest.empty() || rest == "/");
      for (std::string_view host : kProductLinkHosts) keep = keep || (!url.has_userinfo && url.host == host);
      out.append(text.substr(copied, start - copied));
      if (keep) {
        out.append(text.substr(start, end - start));
      } else {
        out.append(url.scheme).append("://").append(url.host);
        if (!url.port.empty()) out.append(":").append(url.port);
        out.append(kRedactedPath);
      }
    } else {
      out.append(text.substr(copied, end - copied));
    }
    copied = end;
    at = text.find("://", end);
  }
  out.append(text.substr(copied));
  return out;
}

RedactingStreamBuf::~RedactingStreamBuf() { FlushLine(); }

RedactingStreamBuf::int_type RedactingStreamBuf::overflow(int_type ch) {
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  const char c = traits_type::to_char_type(ch);
  line_.push_back(c);
  if (c == '\n' || c == '\r') FlushLine();
  return ch;
}

int RedactingStreamBuf::sync() {
  FlushLine();
  return target_->pubsync();
}

void RedactingStreamBuf::FlushLine() {
  if (line_.empty()) return;
  const std::string redacted = RedactUrlPaths(line_);
  target_->sputn(redacted.data(), static_cast<std::streamsize>(redacted.size()));
  line_.clear();
}

}  // namespace gdslack
