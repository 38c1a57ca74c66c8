// What `ptest show-config` prints: the embedded defaults as written, or one resolved profile with
// every key's value and where that value came from (built-in, a file line, the environment or the
// command line), followed by the scripts and script rules that apply under it.
#pragma once

#include "profiles/config.hpp"
#include "profiles/overrides.hpp"
#include "profiles/profile.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles {

/// The embedded `default-config.toml`, byte for byte.
std::string_view show_defaults();

/// The value of one profile key (as listed by `profile_keys()`) in TOML syntax.
std::string format_profile_value(const Profile& profile, std::string_view key);

/// `[profile.NAME]`, then one `key = value` line per key in `profile_keys()` order, each followed
/// by `# ORIGIN` (from `profile.sources`, `built-in` when absent), the comments aligned; then
/// `format_scripts(profile.scripts)` after a blank line, when there are any scripts or rules.
std::string format_profile(const Profile& profile);

/// Every setup script, every teardown script (by name) and every rule (in precedence order), each
/// as a TOML table whose header is followed by `# ORIGIN`, separated by blank lines. Empty when
/// there are none.
std::string format_scripts(const ScriptsConfig& scripts);

/// Resolve `name` in `config`, apply `env` (labelled `environment`) and then `cli` (labelled
/// `command line`), and format the result. Throws like `Config::resolve`.
std::string show_profile(const Config& config, const std::string& name,
                         const ProfileOverrides& env = {}, const ProfileOverrides& cli = {});

} // namespace ptest::profiles
