// libFuzzer target: the value-by-value reader (finding/value_splitter.h) is a hand-written byte scanner, so
// arbitrary bytes go through it at a chunk size the input picks. Any crash or sanitizer report is a finding, and
// so is a difference from reading the same bytes in one chunk: where chunks end must never change what is read.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "finding/parser.h"

namespace {

std::vector<std::string> ReadAll(const std::string& text, std::size_t chunk) {
  std::size_t offset = 0;
  gdslack::ByteSource source = [&](char* buffer, std::size_t capacity) -> gdslack::Result<std::size_t> {
    const std::size_t n = std::min(capacity, text.size() - offset);
    std::copy_n(text.data() + offset, n, buffer);
    offset += n;
    return n;
  };
  // A small value limit, so the skipping path runs too.
  gdslack::DocumentReader reader("fuzz", source, gdslack::ParseOptions{}, chunk, 4096);
  std::vector<std::string> out;
  while (std::optional<gdslack::ParsedItem> item = reader.Next()) {
    out.push_back(item->kind == gdslack::ParsedItem::Kind::kFinding ? "finding " + item->finding->id
                                                                    : item->error.message() + item->detail_type);
  }
  if (offset != text.size()) std::abort();  // the reader always reads to the end
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = 1 + data[0] % 32;
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (ReadAll(text, chunk) != ReadAll(text, std::max<std::size_t>(text.size(), 1))) std::abort();
  return 0;
}
