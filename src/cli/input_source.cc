#include "cli/input_source.h"

#include "finding/parser.h"

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

// Parses every input and hands each finding to `on_finding`. Reports bad input on `err` as one line each.
// Returns false when any input or item was bad.
bool ForEachFinding(const std::vector<std::string>& files, std::ostream& err,
                    const std::function<void(const Finding&)>& on_finding) {
  bool all_good = true;
  std::vector<std::string> paths = files.empty() ? std::vector<std::string>{"-"} : files;
  for (const std::string& path : paths) {
    Result<InputText> input = ReadInput(path);
    if (!input) {
      err << "guardduty-slack: " << input.error().message() << "\n";
      all_good = false;
      continue;
    }
    Result<std::vector<ParsedItem>> items = ParseDocument(input->text, input->name);
    if (!items) {
      err << "guardduty-slack: " << items.error().message() << "\n";
      all_good = false;
      continue;
    }
    if (items->empty()) {
      err << "guardduty-slack: " << input->name << ": no findings\n";
      all_good = false;
    }
    for (const ParsedItem& item : *items) {
      switch (item.kind) {
        case ParsedItem::Kind::kFinding: on_finding(*item.finding); break;
        case ParsedItem::Kind::kOtherGuardDutyEvent:
          err << "guardduty-slack: " << input->name << ": skipped GuardDuty event \"" << item.detail_type
              << "\" (not a finding)\n";
          break;
        case ParsedItem::Kind::kError:
          err << "guardduty-slack: " << item.error.message() << "\n";
          all_good = false;
          break;
      }
    }
  }
  return all_good;
}

}  // namespace gdslack
