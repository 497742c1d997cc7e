// ReadWholeFile: a file's bytes, through open/read. Not an std::ifstream: the first iostream a process
// opens initialises the C++ locale machinery (~40 k instructions and its pages at Lambda init, where the
// routing file is read; docs/PERFORMANCE.md §6), and nothing here needs a locale to read bytes.
#pragma once

#include <optional>
#include <string>

namespace gdslack {

// The whole file, or nullopt when it cannot be opened or read (missing, a directory, no permission).
std::optional<std::string> ReadWholeFile(const std::string& path);

}  // namespace gdslack
