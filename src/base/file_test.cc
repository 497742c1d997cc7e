#include "base/file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace gdslack {
namespace {

std::filesystem::path TempDir() {
  // One folder per test and process: ctest runs the tests of this file in parallel.
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("gdslack-file-test-" + std::to_string(::getpid()) + "-" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(ReadWholeFileTest, ReadsEveryByte) {
  const std::filesystem::path dir = TempDir();
  std::string bytes(40000, 'x');  // more than one read
  bytes[0] = '\0';
  bytes[39999] = '\xff';
  std::ofstream(dir / "f", std::ios::binary) << bytes;
  EXPECT_EQ(ReadWholeFile((dir / "f").string()), bytes);
  std::ofstream(dir / "empty", std::ios::binary).close();
  EXPECT_EQ(ReadWholeFile((dir / "empty").string()), std::string());
  std::filesystem::remove_all(dir);
}

TEST(ReadWholeFileTest, MissingFilesAndDirectoriesAreNotRead) {
  const std::filesystem::path dir = TempDir();
  EXPECT_EQ(ReadWholeFile((dir / "missing").string()), std::nullopt);
  EXPECT_EQ(ReadWholeFile(dir.string()), std::nullopt);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace gdslack
