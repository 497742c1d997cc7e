// Test-only: sample findings from testdata/events for the routing tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "finding/parser.h"

namespace gdslack::testing {

inline std::string SourceDir() { return GDSLACK_SOURCE_DIR; }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The one finding in testdata/events/<relative>; fails the test when it does not parse.
inline Finding SampleFinding(const std::string& relative) {
  const std::string path = SourceDir() + "/testdata/events/" + relative;
  Result<std::vector<ParsedItem>> items = ParseDocument(ReadFile(path), relative);
  if (!items || items->empty() || !(*items)[0].finding) {
    ADD_FAILURE() << relative << " did not parse";
    return Finding{};
  }
  return *(*items)[0].finding;
}

// Every finding file of the corpus and the demo set (name relative to testdata/events).
inline std::vector<std::string> SampleFiles() {
  std::vector<std::string> files;
  for (const char* dir : {"corpus", "demo"}) {
    for (const auto& e : std::filesystem::directory_iterator(SourceDir() + "/testdata/events/" + dir)) {
      if (e.path().extension() == ".json") files.push_back(std::string(dir) + "/" + e.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline Finding MakeFinding(double severity, std::string type = "Recon:EC2/Portscan",
                           std::string account = "111111111111") {
  Finding f;
  f.id = "0123456789abcdef0123456789abcdef";
  f.type = std::move(type);
  f.account_id = std::move(account);
  f.region = "eu-west-2";
  f.severity = severity;
  f.has_severity = true;
  f.band = BandFor(severity);
  f.resource_type = "Instance";
  return f;
}

}  // namespace gdslack::testing
