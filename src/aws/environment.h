// Environment lookup behind a function so tests never mutate the process environment. Everything in
// src/aws that reads AWS_* variables takes an EnvLookup.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace gdslack {

// Returns the variable's value, or nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Reads the real process environment (getenv).
EnvLookup ProcessEnvironment();
// Reads from a copy of `vars` (tests, or a config snapshot).
EnvLookup MapEnvironment(std::map<std::string, std::string> vars);
// The value when set and non-empty, else `fallback`.
std::string EnvOr(const EnvLookup& env, const std::string& name, const std::string& fallback);

}  // namespace gdslack
