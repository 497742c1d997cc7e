// What the CLI prints on stderr echoes what the user typed (file names, flag values, CLI11's "not expected"
// lists), and a webhook URL typed in the wrong place is a secret echoed back into terminals, CI logs and
// screenshots. Every stderr line therefore goes through RedactUrlPaths: a URL keeps its scheme and host (all
// the product ever shows of a webhook), and loses its path, query and fragment.
#pragma once

#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace gdslack {

// Copy of `text` with the userinfo, path, query and fragment of every scheme://host URL replaced by
// "scheme://host[:port]/***" (split by base/url.h), except URLs the product makes itself for people to open
// (Block Kit Builder previews on app.slack.com) and URLs with nothing after the host (or just "/").
std::string RedactUrlPaths(std::string_view text);

// A streambuf that passes whole lines to `target` after RedactUrlPaths. A line ends at '\n' or '\r';
// a partial line is written on sync() (flush) and on destruction.
class RedactingStreamBuf : public std::streambuf {
 public:
  explicit RedactingStreamBuf(std::streambuf* target) : target_(target) {}
  ~RedactingStreamBuf() override;
  RedactingStreamBuf(const RedactingStreamBuf&) = delete;
  RedactingStreamBuf& operator=(const RedactingStreamBuf&) = delete;

 protected:
  int_type overflow(int_type ch) override;
  int sync() override;

 private:
  void FlushLine();

  std::streambuf* target_;
  std::string line_;
};

}  // namespace gdslack
