#include "aws/profile.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace gdslack {
namespace {

class ProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("gdslack_profile_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(ProfileTest, MergesCredentialsAndConfigFiles) {
  auto env = MapEnvironment({
      {"AWS_SHARED_CREDENTIALS_FILE", Write("credentials",
                                            "[default]\naws_access_key_id=AKIDDEF\n"
                                            "aws_secret_access_key=skdef\n"
                                            "[base]\naws_access_key_id = AKIDBASE\n"
                                            "aws_secret_access_key = skbase\n")},
      {"AWS_CONFIG_FILE", Write("config",
                                "[default]\nregion = us-west-2\n"
                                "[profile admin]\nrole_arn = arn:aws:iam::111111111111:role/OrgRead\n"
                                "source_profile = base\nregion = eu-central-1\n"
                                "[admin]\nregion = ignored-in-config-file\n")},
      {"AWS_PROFILE", "admin"},
  });
  EXPECT_EQ(ProfileName(env), "admin");
  Result<Profile> admin = LoadProfile(env, "admin");
  ASSERT_TRUE(admin.has_value()) << admin.error().message();
  EXPECT_FALSE(admin->HasStaticKeys());
  EXPECT_EQ(admin->role_arn, "arn:aws:iam::111111111111:role/OrgRead");
  EXPECT_EQ(admin->source_profile, "base");
  EXPECT_EQ(admin->region, "eu-central-1");
  Result<Profile> def = LoadProfile(env, "default");
  ASSERT_TRUE(def.has_value());
  EXPECT_TRUE(def->HasStaticKeys());
  EXPECT_EQ(def->access_key_id, "AKIDDEF");
  EXPECT_EQ(def->region, "us-west-2");
  Result<Profile> base = LoadProfile(env, "base");
  ASSERT_TRUE(base.has_value());
  EXPECT_EQ(base->secret_access_key.Reveal(), "skbase");
}

TEST_F(ProfileTest, MissingProfileAndFiles) {
  auto env = MapEnvironment(
      {{"AWS_SHARED_CREDENTIALS_FILE", (dir_ / "nope").string()}, {"AWS_CONFIG_FILE", (dir_ / "nope2").string()}});
  EXPECT_EQ(ProfileName(env), "default");
  Result<Profile> p = LoadProfile(env, "default");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().code(), Code::kNotFound);
}

TEST_F(ProfileTest, MalformedFileNamesFileAndLineButNoValue) {
  auto env = MapEnvironment({{"AWS_SHARED_CREDENTIALS_FILE", Write("credentials", "[default]\nsecretvalue123\n")},
                             {"AWS_CONFIG_FILE", (dir_ / "none").string()}});
  Result<Profile> p = LoadProfile(env, "default");
  ASSERT_FALSE(p.has_value());
  EXPECT_EQ(p.error().code(), Code::kConfig);
  EXPECT_EQ(p.error().message().find("secretvalue123"), std::string::npos);
  EXPECT_NE(p.error().message().find("credentials: line 2"), std::string::npos);
}

TEST_F(ProfileTest, HomeExpansion) {
  std::filesystem::create_directories(dir_ / ".aws");
  Write(".aws/credentials", "[default]\naws_access_key_id=AKIDHOME\naws_secret_access_key=x\n");
  auto env = MapEnvironment({{"HOME", dir_.string()}});
  Result<Profile> p = LoadProfile(env, "default");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->access_key_id, "AKIDHOME");
}

}  // namespace
}  // namespace gdslack
