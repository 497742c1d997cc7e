// Splitting input into the values the parser reads one at a time (internal to src/finding/): bytes are pulled
// from a ByteSource in chunks, and only the value being read (plus at most one chunk) is held, so memory is
// bounded by the largest single value, not the input. It finds where values begin and end; nlohmann::json
// still judges whether each is JSON (finding/json_parse.h).
//
// What it yields, in input order:
//   - a top-level value: an object or array runs to its matching bracket (string-aware), anything else to the
//     end of its line. One that never closes costs only itself: it is cut at the end of its first line when a
//     later line starts a new value at column 0, or when a string in it meets a raw newline (JSON strings hold
//     none), so one broken line of JSON Lines never swallows the rest;
//   - instead of a top-level array, each of its elements;
//   - instead of a top-level object whose first member is "Findings" (or "findings") holding an array (what
//     `aws guardduty get-findings` prints), each element of that array; its other members are skipped;
//   - where the brackets and commas around elements are wrong, a syntax error, after which reading goes on as
//     at the top level from that byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/result.h"
#include "finding/parser.h"

namespace gdslack::finding_internal {

struct Piece {
  enum class Kind {
    kTopLevel,         // a top-level value (or what stands where one should)
    kArrayElement,     // an element of a top-level array
    kFindingsElement,  // an element of a top-level {"Findings": [...]}
    kSyntaxError,      // the brackets or commas around elements are wrong: `reason` at `byte`
    kTooLarge,         // a value longer than the limit, skipped (its extent found without holding it)
    kReadError,        // the source failed: `status`; nothing more is read
  };
  Kind kind = Kind::kTopLevel;
  std::string_view text;  // the value's bytes; valid until the next call to Next
  std::size_t begin = 0;  // 0-based offset of the value (or of the error) in the input
  std::size_t line = 1;   // 1-based line of `begin`
  std::size_t byte = 0;   // kSyntaxError: 1-based offset of the error
  int depth = 0;          // deepest bracket nesting in `text` (strings aside)
  std::string reason;     // kSyntaxError: e.g. "unexpected end of input" (never input text)
  Status status;          // kReadError
};

class ValueSplitter {
 public:
  ValueSplitter(ByteSource source, std::size_t chunk_bytes, std::size_t max_value_bytes);

  // The next piece; false at the end of input.
  bool Next(Piece& piece);

  // Whether anything but JSON whitespace was read (an input of only whitespace is "empty").
  bool saw_content() const { return saw_content_; }
  std::size_t bytes_read() const { return base_ + buf_.size(); }
  // Bytes held now: what the memory bound is about (the current value, plus at most about two chunks).
  std::size_t bytes_held() const { return buf_.size(); }

 private:
  enum class State { kTop, kFirstElement, kNextElement, kAfterElement, kWrapperTail };
  struct Extent {
    std::size_t end = 0;  // one past the value's last byte
    bool broken = false;  // cut or unterminated: the brackets around it can no longer be trusted
    int depth = 0;        // deepest nesting seen
  };

  // The byte at absolute offset `pos` (never before the last Release), reading more as needed; -1 past the end.
  int At(std::size_t pos) {
    return pos - base_ < buf_.size() ? static_cast<unsigned char>(buf_[pos - base_]) : Refill(pos);
  }
  int Refill(std::size_t pos);
  void Release(std::size_t pos);  // bytes before `pos` are no longer needed
  std::size_t LineAt(std::size_t pos);
  // Past JSON whitespace. `drop`: the whitespace itself need not be kept (between values).
  std::size_t SkipSpace(std::size_t pos, bool drop = false);
  bool FindingsWrapperAt(std::size_t pos, std::size_t& after_bracket);
  bool TooLarge(std::size_t begin, std::size_t end) const { return end - begin > max_value_bytes_; }
  Extent ScanContainer(std::size_t begin);
  Extent ScanString(std::size_t begin);
  std::size_t ScanScalar(std::size_t begin, bool to_end_of_line);
  bool SkipWrapperTail();
  bool MakeValue(Piece::Kind kind, std::size_t begin, std::size_t line, Extent extent, Piece& piece);
  bool MakeError(std::size_t at, const char* reason, Piece& piece);

  ByteSource source_;
  std::size_t chunk_bytes_;
  std::size_t max_value_bytes_;
  std::string buf_;
  std::size_t base_ = 0;  // absolute offset of buf_[0]
  bool end_ = false;
  Status read_error_;
  bool read_error_reported_ = false;
  bool saw_content_ = false;
  std::size_t pos_ = 0;  // where reading goes on
  State state_ = State::kTop;
  bool in_wrapper_ = false;
  std::size_t line_ = 1;         // line of byte line_pos_
  std::size_t line_pos_ = 0;     // newlines before this offset are counted in line_
  std::size_t value_begin_ = 0;  // of the value being scanned: past the limit its bytes need not be kept
  bool discard_ = false;         // bytes before the scan position may go: too large, skipped, or whitespace
};

}  // namespace gdslack::finding_internal
