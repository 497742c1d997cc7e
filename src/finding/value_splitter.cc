#include "finding/value_splitter.h"

#include <algorithm>
#include <utility>

namespace gdslack::finding_internal {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool IsSpace(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

ValueSplitter::ValueSplitter(ByteSource source, std::size_t chunk_bytes, std::size_t max_value_bytes)
    : source_(std::move(source)),
      chunk_bytes_(std::max<std::size_t>(chunk_bytes, 1)),
      max_value_bytes_(max_value_bytes) {}

int ValueSplitter::Refill(std::size_t pos) {
  while (pos - base_ >= buf_.size()) {
    if (end_) return -1;
    // A value past the limit is skipped (Piece::Kind::kTooLarge), so its bytes need not be kept: memory stays
    // bounded whatever the input holds.
    // The byte before `pos` stays: a scan may look one byte ahead and then end the value where it stood.
    if (discard_ || TooLarge(value_begin_, pos)) Release(std::min(base_ + buf_.size(), pos - 1));
    const std::size_t old = buf_.size();
    buf_.resize(old + chunk_bytes_);
    Result<std::size_t> n = source_(buf_.data() + old, chunk_bytes_);
    if (!n) {
      read_error_ = n.error();
      end_ = true;
      buf_.resize(old);
      return -1;
    }
    buf_.resize(old + std::min(*n, chunk_bytes_));
    if (*n == 0) end_ = true;
  }
  return static_cast<unsigned char>(buf_[pos - base_]);
}

void ValueSplitter::Release(std::size_t pos) {
  if (pos <= base_) return;
  LineAt(pos);
  const std::size_t dead = pos - base_;
  // Dropping a prefix moves what is left: only when the dead part is at least a chunk and at least half, so
  // each byte moves a bounded number of times.
  if (dead >= chunk_bytes_ && dead * 2 >= buf_.size()) {
    buf_.erase(0, dead);
    base_ = pos;
  }
}

std::size_t ValueSplitter::LineAt(std::size_t pos) {
  if (pos > line_pos_) {
    line_ += static_cast<std::size_t>(std::count(buf_.begin() + static_cast<std::ptrdiff_t>(line_pos_ - base_),
                                                 buf_.begin() + static_cast<std::ptrdiff_t>(pos - base_), '\n'));
    line_pos_ = pos;
  }
  return line_;
}

std::size_t ValueSplitter::SkipSpace(std::size_t pos, bool drop) {
  discard_ = drop;
  while (IsSpace(At(pos))) ++pos;
  discard_ = false;
  return pos;
}

// `{` , then "Findings" or "findings" as the first member, holding an array: get-findings output. The look
// ahead stays within the value size limit (and a few KiB), so the `{` is still held when it is no wrapper.
bool ValueSplitter::FindingsWrapperAt(std::size_t pos, std::size_t& after_bracket) {
  const std::size_t reach = std::min<std::size_t>(max_value_bytes_, 4096);
  auto skip = [&](std::size_t j) {
    while (j - pos < reach && IsSpace(At(j))) ++j;
    return j;
  };
  constexpr std::string_view kKey = "\"findings\"";
  std::size_t j = skip(pos + 1);
  for (std::size_t k = 0; k < kKey.size(); ++k) {
    if (j + k - pos >= reach) return false;
    const int c = At(j + k);
    if (c != kKey[k] && !(k == 1 && c == 'F')) return false;
  }
  j = skip(j + kKey.size());
  if (j - pos >= reach || At(j) != ':') return false;
  j = skip(j + 1);
  if (j - pos >= reach || At(j) != '[') return false;
  after_bracket = j + 1;
  return true;
}

ValueSplitter::Extent ValueSplitter::ScanContainer(std::size_t begin) {
  std::size_t eol = kNone;  // the value's first line ends here
  // A cut goes back to the end of the first line, unless the value was too large to keep that far.
  int depth = 0;
  int deepest = 0;
  auto cut = [&](std::size_t here) {
    return Extent{eol == kNone || TooLarge(begin, here) ? here : eol, true, deepest};
  };
  bool in_string = false;
  std::size_t j = begin;
  for (;; ++j) {
    const int c = At(j);
    if (c < 0) break;
    if (c == '\n') {
      // JSON strings hold no raw newline: this line is broken. Keeping the newline lets the parser name it.
      if (in_string) return cut(j + 1);
      if (eol == kNone) {
        eol = j;
      } else {
        const int next = At(j + 1);
        // A line that starts a new value while this one is still open: this one is broken.
        if (next == '{' || next == '[') return cut(j);
      }
    } else if (in_string) {
      if (c == '\\') {
        ++j;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return {j + 1, false, deepest};
    }
  }
  return cut(j);  // the input ended inside the value
}

ValueSplitter::Extent ValueSplitter::ScanString(std::size_t begin) {
  for (std::size_t j = begin + 1;; ++j) {
    const int c = At(j);
    if (c < 0) return {j, true};
    if (c == '\\') {
      ++j;
    } else if (c == '"') {
      return {j + 1, false};
    } else if (c == '\n') {
      return {j + 1, true};
    }
  }
}

std::size_t ValueSplitter::ScanScalar(std::size_t begin, bool to_end_of_line) {
  std::size_t j = begin;
  for (;; ++j) {
    const int c = At(j);
    if (c < 0 || c == '\n') return j;
    if (!to_end_of_line && (IsSpace(c) || c == ',' || c == ']' || c == '}')) return j;
  }
}

// The members after the wrapper's array are not read, only skipped to the wrapper's closing brace.
bool ValueSplitter::SkipWrapperTail() {
  discard_ = true;
  int depth = 1;
  bool in_string = false;
  for (std::size_t j = pos_;; ++j) {
    const int c = At(j);
    if (c < 0) {
      pos_ = j;
      return false;
    }
    if (in_string) {
      if (c == '\\') {
        ++j;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      pos_ = j + 1;
      return true;
    }
  }
}

bool ValueSplitter::MakeValue(Piece::Kind kind, std::size_t begin, std::size_t line, Extent extent, Piece& piece) {
  pos_ = extent.end;
  if (extent.broken) state_ = State::kTop;
  piece = Piece{};
  const bool too_large = TooLarge(begin, extent.end);
  piece.kind = too_large ? Piece::Kind::kTooLarge : kind;
  piece.begin = begin;
  piece.line = line;
  piece.depth = extent.depth;
  if (!too_large) piece.text = std::string_view(buf_.data() + (begin - base_), extent.end - begin);
  return true;
}

bool ValueSplitter::MakeError(std::size_t at, const char* reason, Piece& piece) {
  piece = Piece{};
  piece.kind = Piece::Kind::kSyntaxError;
  piece.begin = at;
  piece.line = LineAt(at);
  piece.byte = at + 1;
  piece.reason = reason;
  return true;
}

bool ValueSplitter::Next(Piece& piece) {
  for (;;) {
    Release(pos_);
    discard_ = false;
    value_begin_ = pos_;
    switch (state_) {
      case State::kTop: {
        pos_ = SkipSpace(pos_, true);
        value_begin_ = pos_;
        const int c = At(pos_);
        if (c < 0) {
          if (read_error_.ok() || read_error_reported_) return false;
          read_error_reported_ = true;
          piece = Piece{};
          piece.kind = Piece::Kind::kReadError;
          piece.status = read_error_;
          return true;
        }
        saw_content_ = true;
        std::size_t after_bracket = 0;
        if (c == '[' || (c == '{' && FindingsWrapperAt(pos_, after_bracket))) {
          in_wrapper_ = c == '{';
          pos_ = in_wrapper_ ? after_bracket : pos_ + 1;
          state_ = State::kFirstElement;
          continue;
        }
        const std::size_t begin = value_begin_ = pos_;
        const std::size_t line = LineAt(begin);
        const Extent extent = c == '{' ? ScanContainer(begin) : Extent{ScanScalar(begin, true), false};
        return MakeValue(Piece::Kind::kTopLevel, begin, line, extent, piece);
      }
      case State::kFirstElement:
      case State::kNextElement: {
        pos_ = SkipSpace(pos_, true);
        const int c = At(pos_);
        if (c < 0) {
          state_ = State::kTop;
          return MakeError(pos_, "unexpected end of input", piece);
        }
        if (c == ']') {
          const bool after_comma = state_ == State::kNextElement;
          state_ = in_wrapper_ ? State::kWrapperTail : State::kTop;
          if (after_comma) return MakeError(pos_++, "unexpected ']'", piece);
          ++pos_;
          continue;
        }
        const std::size_t begin = value_begin_ = pos_;
        const std::size_t line = LineAt(begin);
        state_ = State::kAfterElement;
        Extent extent;
        if (c == '{' || c == '[') {
          extent = ScanContainer(begin);
        } else if (c == '"') {
          extent = ScanString(begin);
        } else {
          extent = Extent{std::max(ScanScalar(begin, false), begin + 1), false};
        }
        return MakeValue(in_wrapper_ ? Piece::Kind::kFindingsElement : Piece::Kind::kArrayElement, begin, line, extent,
                         piece);
      }
      case State::kAfterElement: {
        pos_ = SkipSpace(pos_, true);
        const int c = At(pos_);
        if (c == ',') {
          ++pos_;
          state_ = State::kNextElement;
          continue;
        }
        if (c == ']') {
          ++pos_;
          state_ = in_wrapper_ ? State::kWrapperTail : State::kTop;
          continue;
        }
        // Reading goes on at the top level from this byte.
        state_ = State::kTop;
        return MakeError(pos_, c < 0 ? "unexpected end of input" : "expected ',' or ']' after an array element", piece);
      }
      case State::kWrapperTail:
        state_ = State::kTop;
        if (!SkipWrapperTail()) return MakeError(pos_, "unexpected end of input", piece);
        continue;
    }
  }
}

}  // namespace gdslack::finding_internal
