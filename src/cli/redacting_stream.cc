#include "cli/redacting_stream.h"

#include <array>

namespace gdslack {
namespace {

constexpr std::string_view kRedactedPath = "/***";
// Hosts of links the product itself prints on stderr for a person to open (render --preview-url).
constexpr std::array<std::string_view, 1> kProductLinkHosts = {"app.slack.com"};

bool IsSchemeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
         c == '.';
}

// A URL token ends at whitespace or at a character that quotes or brackets it in a message.
bool EndsToken(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '<' || c == '>' ||
         c == '`' || c == ')' || c == ']' || c == ',';
}

}  // namespace

std::string RedactUrlPaths(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  std::size_t at = text.find("://");
  while (at != std::string_view::npos) {
    std::size_t scheme_start = at;
    while (scheme_start > 0 && IsSchemeChar(text[scheme_start - 1])) --scheme_start;
    const std::size_t host_start = at + 3;
    std::size_t host_end = host_start;
    while (host_end < text.size() && !EndsToken(text[host_end]) && text[host_end] != '/' && text[host_end] != '?' &&
           text[host_end] != '#') {
      ++host_end;
    }
    std::size_t rest_end = host_end;
    while (rest_end < text.size() && !EndsToken(text[rest_end])) ++rest_end;
    // Punctuation that ends a sentence or introduces the reason ("URL: No such file") is not part of it.
    while (rest_end > host_end && (text[rest_end - 1] == ':' || text[rest_end - 1] == '.' || text[rest_end - 1] == ';')) {
      --rest_end;
    }
    const std::string_view host = text.substr(host_start, host_end - host_start);
    const std::string_view rest = text.substr(host_end, rest_end - host_end);
    bool keep = scheme_start == at || rest.empty() || rest == "/";
    for (std::string_view product_host : kProductLinkHosts) keep = keep || host == product_host;
    out.append(text.substr(copied, host_end - copied));
    out.append(keep ? rest : kRedactedPath);
    copied = rest_end;
    at = text.find("://", rest_end);
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
