// The loaded configuration file: where the workspace is, which test binaries it names
// (`[[binary]]`), and its profiles, ready to be resolved into a `Profile`.
#pragma once

#include "base/error.hpp"

#include "profiles/profile.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::profiles {

/// Where a value came from in a config file (1-based line and column; 0 when unknown).
struct SourcePos {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

/// A string value kept as written, with where it was written, for a check that a later layer
/// makes: the runner checks `kind` against its framework registry, which profiles do not know.
struct WrittenValue {
    std::string text;        ///< The value as written.
    std::string key;         ///< Its key path, for messages: `binary[0].kind`.
    SourcePos where;         ///< The value's file, line and column.
    std::string source_line; ///< The line holding the value, for the caret under it.
};

/// The error a bad `value` is: `ptest::Error` (`ExitCode::setup_error`) with
/// ``file:line:col: `key`: message``, the source line and a caret, exactly as the loader reports
/// a bad value it checks itself.
Error value_error(const WrittenValue& value, std::string_view message);

/// One `[[binary]]` table (or one `--binary PATH`, with only `path` set).
struct BinarySpec {
    std::string path; ///< A file or a glob, relative to the workspace root unless absolute.
    std::optional<std::string> id;
    /// The framework's name as written (`kind = "gtest"`), checked by the runner; absent when
    /// not set.
    std::optional<WrittenValue> kind;
    std::optional<std::string> cwd; ///< Relative to the workspace root unless absolute.
    std::map<std::string, std::string> env;
    std::vector<std::string> args; ///< Extra arguments passed to every list and run command.
    SourcePos where;               ///< The table's position, for error messages.
};

/// The `[ctest]` table: how `--build-dir` imports a CMake build tree's tests.
struct CTestConfig {
    /// Globs over CTest test names: those tests run whole, as ctest runs them, never expanded into
    /// their cases.
    std::vector<std::string> run_whole;
    /// A case of an expanded CTest test that fails when run beside others is re-run alone after
    /// every other test; passing then makes it flaky, not failed (`rerun-alone`, default on).
    bool rerun_alone = true;
};

/// The `[archive]` table: what `ptest archive` adds to the test binaries.
struct ArchiveConfig {
    /// Paths or globs relative to the workspace root (files, or folders taken whole): test data.
    std::vector<std::string> include;
};

/// A parsed configuration file. Profiles are kept as layers and resolved on demand.
class Config {
public:
    /// Parse `text` as the file `file_name` (used in messages). Throws `ptest::Error`
    /// (`ExitCode::setup_error`) with `file:line:col: message`, the source line and a caret on
    /// malformed TOML, wrong types or bad values. Unknown keys become `warnings()`.
    static Config parse(std::string_view text, const std::string& file_name);

    /// A configuration with no file: only the built-in defaults.
    static Config defaults_only();

    /// Resolve a profile by name: built-ins < `[profile.default]` < the `inherits` chain < NAME.
    /// Throws `ptest::Error` (setup_error) for an unknown profile, listing the known ones and a
    /// "did you mean".
    [[nodiscard]] Profile resolve(const std::string& name) const;

    /// Every profile name known (built-in and from the file), sorted.
    [[nodiscard]] std::vector<std::string> profile_names() const;

    /// The `[test-groups]` of the file, by name.
    [[nodiscard]] const std::map<std::string, TestGroupConfig>& test_groups() const;

    /// The `[[binary]]` tables in file order.
    [[nodiscard]] const std::vector<BinarySpec>& binaries() const { return m_binaries; }

    /// The `[ctest]` table (empty when absent).
    [[nodiscard]] const CTestConfig& ctest() const { return m_ctest; }

    /// The `[archive]` table (empty when absent).
    [[nodiscard]] const ArchiveConfig& archive() const { return m_archive; }

    /// One line per ignored unknown key: `file:line:col: warning: ignoring unknown key `k``.
    [[nodiscard]] const std::vector<std::string>& warnings() const { return m_warnings; }

    /// Implementation detail of the loader; opaque to callers.
    struct Layers;

private:
    std::vector<BinarySpec> m_binaries;
    CTestConfig m_ctest;
    ArchiveConfig m_archive;
    std::vector<std::string> m_warnings;
    std::shared_ptr<const Layers> m_layers;
};

/// The workspace root: `explicit_root` if given, else the nearest ancestor of `start` holding
/// `.config/ptest.toml` or `.config/nextest.toml`, else `start`.
std::filesystem::path
find_workspace_root(const std::filesystem::path& start,
                    const std::optional<std::filesystem::path>& explicit_root);

/// The config file of a workspace: `.config/ptest.toml` if it exists, else `.config/nextest.toml`,
/// else none.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& workspace_root);

/// Read and parse the workspace's config file, or `Config::defaults_only()` when it has none.
Config load_config(const std::filesystem::path& workspace_root);

} // namespace ptest::profiles
