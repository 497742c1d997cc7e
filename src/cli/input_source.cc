#include "cli/input_source.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>

namespace gdslack {
namespace {

// Findings are small (a few KB); anything past this is not a finding export and would only exhaust memory.
constexpr std::size_t kMaxInputBytes = 256u * 1024u * 1024u;

}  // namespace

Result<InputText> ReadInput(const std::string& path) {
  InputText input;
  std::FILE* f = nullptr;
  if (path == "-") {
    input.name = "<stdin>";
    f = stdin;
  } else {
    input.name = path;
    f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return Status(Code::kInvalidInput, path + ": " + std::strerror(errno));
  }
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    input.text.append(buf, n);
    if (input.text.size() > kMaxInputBytes) {
      if (f != stdin) std::fclose(f);
      return Status(Code::kInvalidInput, input.name + ": larger than 256 MiB");
    }
  }
  bool failed = std::ferror(f) != 0;
  int saved_errno = errno;
  if (f != stdin) std::fclose(f);
  if (failed) return Status(Code::kInvalidInput, input.name + ": " + std::strerror(saved_errno));
  return input;
}

}  // namespace gdslack
