#include "cli/input_source.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace gdslack {
namespace {

constexpr const char* kProgram = "guardduty-slack";

// The summed size of the inputs when all are regular files (a pipe or terminal has none).
std::optional<std::uintmax_t> TotalBytes(const std::vector<std::string>& paths) {
  std::uintmax_t total = 0;
  for (const std::string& path : paths) {
    struct stat st {};
    if (path == "-" || ::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    total += static_cast<std::uintmax_t>(st.st_size);
  }
  return total;
}

// Reads one input's items to the end; false when one was bad.
bool ReadInput(std::FILE* f, const std::string& name, std::ostream& err,
               const std::function<void(Finding&)>& on_finding, InputStats& stats, std::size_t chunk_bytes) {
  ByteSource read = [f, &name](char* buffer, std::size_t capacity) -> Result<std::size_t> {
    const std::size_t n = std::fread(buffer, 1, capacity, f);
    if (n == 0 && std::ferror(f) != 0) return Status(Code::kInvalidInput, name + ": " + std::strerror(errno));
    return n;
  };
  DocumentReader reader(name, read, ParseOptionsFromEnvironment(), chunk_bytes);
  const std::uintmax_t before = stats.bytes_read;
  bool all_good = true;
  std::size_t items = 0;
  while (std::optional<ParsedItem> item = reader.Next()) {
    ++items;
    stats.bytes_read = before + reader.bytes_read();
    switch (item->kind) {
      case ParsedItem::Kind::kFinding:
        ++stats.findings;
        on_finding(*item->finding);
        break;
      case ParsedItem::Kind::kOtherGuardDutyEvent:
        err << kProgram << ": " << name << ": skipped GuardDuty event \"" << item->detail_type
            << "\" (not a finding)\n";
        break;
      case ParsedItem::Kind::kError:
        err << kProgram << ": " << item->error.message() << "\n";
        all_good = false;
        break;
    }
  }
  stats.bytes_read = before + reader.bytes_read();
  if (items == 0) {
    err << kProgram << ": " << name << ": no findings\n";
    all_good = false;
  }
  return all_good;
}

}  // namespace

bool ForEachFinding(const std::vector<std::string>& files, std::ostream& err,
                    const std::function<void(Finding&)>& on_finding, InputStats* stats, std::size_t chunk_bytes) {
  const std::vector<std::string> paths = files.empty() ? std::vector<std::string>{"-"} : files;
  InputStats local;
  InputStats& s = stats != nullptr ? *stats : local;
  s.total_bytes = TotalBytes(paths);
  bool all_good = true;
  for (const std::string& path : paths) {
    const bool is_stdin = path == "-";
    const std::string name = is_stdin ? "<stdin>" : path;
    std::FILE* f = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      err << kProgram << ": " << path << ": " << std::strerror(errno) << "\n";
      all_good = false;
      continue;
    }
    all_good = ReadInput(f, name, err, on_finding, s, chunk_bytes) && all_good;
    if (!is_stdin) std::fclose(f);
  }
  return all_good;
}

}  // namespace gdslack
