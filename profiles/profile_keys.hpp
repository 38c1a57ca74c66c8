// The one table of profile keys. Each entry says how a key is spelled in the file, how its value
// is parsed into the profile's typed element (the element files keep the parsers), how
// `show-config` prints it and what a per-test override may do with it; a second table says which
// keys can also be set from outside the file, by a `PTEST_*` environment variable or a
// command-line flag. Parsing (`profile_layer.cpp`, `test_override.cpp`), `show-config`, the
// environment, the command line (`runner/cli/`) and the layering of both onto a profile
// (`overrides.cpp`) all walk these tables.
//
// Adding a key: give `Profile` (profile.hpp) its typed field and the element its parser and
// printer (its own file, as slow_timeout.cpp has), add one `ProfileKey` entry where `show-config`
// should list it, and document it in default-config.toml. For an environment variable or a flag,
// add its field to `ProfileOverrides` below, an `apply_outside` to the key and an
// `OutsideSetting` entry; for a per-test setting, its `TestOverride` field, a `parse_override`
// and its use in runner/plan/settings.cpp. tests/unit/profiles/profile_keys_test.cpp then checks
// the new entries.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::profiles {

/// Profile settings given by the environment or the command line, as their own parsers read them;
/// empty means "not given". Filled through `outside_settings()`, layered onto a profile by
/// `apply` (overrides.hpp) through each key's `apply_outside`.
struct ProfileOverrides {
    std::optional<std::uint32_t> retries;    ///< `--retries N`: a fixed policy, no delay.
    std::optional<ThreadCount> test_threads; ///< `--test-threads` / `-j`.
    std::optional<bool> fail_fast;           ///< `--fail-fast` (true) / `--no-fail-fast` (false).
    std::optional<FailFast> max_fail;        ///< `--max-fail`; wins over `fail_fast`.
    std::optional<StatusLevel> status_level;
    std::optional<FinalStatusLevel> final_status_level;
    std::optional<TestOutputDisplay> failure_output;
    std::optional<TestOutputDisplay> success_output;
    std::optional<Isolation> isolation; ///< `--isolation`.
    /// `--show-slowest N`.
    std::optional<std::uint32_t> show_slowest;
};

/// The assignment a checked file value makes when the profile is resolved.
using Setter = std::function<void(Profile&)>;

/// What a `[[profile.NAME.overrides]]` table may do with a profile key.
enum class OverrideUse {
    refused, ///< Not a per-test setting: an override that sets it gets the unknown-key warning.
    applied, ///< Parsed into the `TestOverride`, for the tests its filter matches.
    not_per_test, ///< nextest's per-test setting ptest cannot apply yet: checked, then warned
                  ///< about.
    with_platform ///< Meaningful only beside `platform` (`default-filter`); ptest drops those.
};

/// One key a profile can set.
struct ProfileKey {
    /// The spelling in `[profile.NAME]`; `table.key` for a key of a sub-table (`junit.path` is
    /// `path` in `[profile.NAME.junit]`). `show-config` prints the keys in table order.
    std::string_view name;
    /// Check the value `node` at key path `path` now (throwing a positioned setup error) and
    /// return the assignment to make when the profile is resolved.
    Setter (*parse)(const toml::node& node, ParseContext& context, std::string_view path);
    /// The key's value in `profile`, as `show-config` prints it (TOML, or `(none)` when unset).
    std::string (*show)(const Profile& profile);
    /// What an override may do with the key.
    OverrideUse in_override = OverrideUse::refused;
    /// For `OverrideUse::applied`: parse `node` into the override's field. Null otherwise.
    void (*parse_override)(const toml::node& node, ParseContext& context, std::string_view path,
                           TestOverride& out) = nullptr;
    /// For a key the environment or the command line can set: layer `given` onto `profile` and
    /// say whether it changed the key. Null for file-only keys.
    bool (*apply_outside)(const ProfileOverrides& given, Profile& profile) = nullptr;
};

/// One way to set a key from outside the file: a `PTEST_*` variable, a command-line flag, or both.
struct OutsideSetting {
    std::string_view key;       ///< The `ProfileKey` it sets, named as a source in `show-config`.
    std::string_view env = {};  ///< The environment variable, or empty.
    std::string_view flag = {}; ///< The flag in CLI11's spelling (`-j,--test-threads`), or empty.
    std::string_view help = {}; ///< The flag's `--help` text.
    /// For a flag with a value: parse `text` (throwing `ptest::Error`, `ExitCode::usage`, with
    /// the parser's message) into `out`. Null for a switch.
    void (*set_value)(ProfileOverrides& out, std::string_view text) = nullptr;
    /// For a switch (a flag without a value, a boolean variable): record `on`. Null otherwise.
    void (*set_switch)(ProfileOverrides& out, bool on) = nullptr;
};

/// Every profile key, in `show-config` order.
std::span<const ProfileKey> profile_key_table();

/// Every outside setting, in `--help` order; the environment is read in this order too, so the
/// first bad variable in it is the one reported. (`--no-fail-fast` and `PTEST_NO_FAIL_FAST` are
/// separate entries because they sit on either side of `--fail-fast` / `PTEST_FAIL_FAST`.)
std::span<const OutsideSetting> outside_settings();

/// The key named `name` (`retries`, `junit.path`), or null.
const ProfileKey* find_profile_key(std::string_view name);

/// The key `key` (which has no dot) of the sub-table `table` (`junit`), or of the profile itself
/// when `table` is empty; null when the table has no such key.
const ProfileKey* find_profile_key(std::string_view table, std::string_view key);

/// Whether `name` is a sub-table of keys (`junit`): some key is named `name.KEY`.
bool is_key_table(std::string_view name);

/// The keys the table `table` (`junit`; empty for `[profile.NAME]` itself) can hold, for a "did
/// you mean": its keys in table order, and for the profile itself also its sub-tables' names.
/// With `in_override`, only what an override may name.
std::vector<std::string> key_names_in(std::string_view table, bool in_override);

/// Every key a profile can set, in the order `show-config` prints them (junit keys as `junit.x`).
const std::vector<std::string_view>& profile_keys();

} // namespace ptest::profiles
