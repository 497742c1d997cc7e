#include "aws/profile.h"

#include <optional>

#include "aws/ini_file.h"
#include "base/file.h"

namespace gdslack {
namespace {

std::string ExpandHome(const EnvLookup& env, const std::string& path) {
  if (!path.empty() && path[0] == '~' && (path.size() == 1 || path[1] == '/')) {
    return EnvOr(env, "HOME", "") + path.substr(1);
  }
  return path;
}

Result<IniSections> LoadIni(const std::string& path, bool* found) {
  std::optional<std::string> text = ReadWholeFile(path);
  *found = text.has_value();
  if (!text) return IniSections{};
  Result<IniSections> parsed = ParseIni(*text);
  if (!parsed) return Status(Code::kConfig, path + ": " + parsed.error().message());
  return parsed;
}

void Merge(const std::map<std::string, std::string>& kv, Profile* p) {
  auto get = [&](const char* key) -> const std::string* {
    auto it = kv.find(key);
    return it == kv.end() ? nullptr : &it->second;
  };
  if (auto v = get("aws_access_key_id")) p->access_key_id = *v;
  if (auto v = get("aws_secret_access_key")) p->secret_access_key = Secret(*v);
  if (auto v = get("aws_session_token")) p->session_token = Secret(*v);
  if (auto v = get("role_arn")) p->role_arn = *v;
  if (auto v = get("source_profile")) p->source_profile = *v;
  if (auto v = get("external_id")) p->external_id = *v;
  if (auto v = get("role_session_name")) p->role_session_name = *v;
  if (auto v = get("region")) p->region = *v;
}

}  // namespace

std::string ProfileName(const EnvLookup& env) { return EnvOr(env, "AWS_PROFILE", "default"); }

Result<Profile> LoadProfile(const EnvLookup& env, const std::string& profile_name) {
  const std::string cred_path = ExpandHome(env, EnvOr(env, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"));
  const std::string config_path = ExpandHome(env, EnvOr(env, "AWS_CONFIG_FILE", "~/.aws/config"));
  bool cred_found = false;
  bool config_found = false;
  Result<IniSections> creds = LoadIni(cred_path, &cred_found);
  if (!creds) return creds.error();
  Result<IniSections> config = LoadIni(config_path, &config_found);
  if (!config) return config.error();

  Profile p;
  p.name = profile_name;
  bool present = false;
  // Config file: "[profile name]", and "[default]" for the default profile (botocore accepts
  // "[profile default]" too).
  for (const std::string& section : {std::string("profile ") + profile_name, profile_name}) {
    if (section == profile_name && profile_name != "default") continue;
    auto it = config->find(section);
    if (it != config->end()) {
      Merge(it->second, &p);
      present = true;
    }
  }
  // The credentials file's plain [name] section wins.
  auto it = creds->find(profile_name);
  if (it != creds->end()) {
    Merge(it->second, &p);
    present = true;
  }
  if (!present) {
    return Status(Code::kNotFound,
                  "AWS profile '" + profile_name + "' not found in " + cred_path + " or " + config_path);
  }
  return p;
}

}  // namespace gdslack
