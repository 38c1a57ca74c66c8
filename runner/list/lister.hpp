// Building the test list: resolve the configured and command-line binaries (globs, ids, working
// directories), detect each one's framework, run every listing concurrently on the event loop with
// a timeout, and parse the results.
#pragma once

#include "profiles/config.hpp"
#include "runner/frameworks/detection.hpp"
#include "runner/model/test_list.hpp"
#include "runner/process/child_reaper.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// A binary to list: `BinarySpec` with its glob expanded and its paths made absolute.
struct ResolvedBinary {
    std::string id;
    std::filesystem::path path;
    std::string kind; ///< Its framework's config name (registry.hpp); empty to detect it.
    std::filesystem::path cwd;
    std::map<std::string, std::string> env;
    std::vector<std::string> env_remove; ///< Variables removed from the environment.
    std::vector<std::string> args;
    std::string origin; ///< "config.toml:12" or "--binary", for messages.
    /// What the executable's bytes said, when they were read already (the CTest import reads them
    /// to map its tests): the lister then reads them no more. Nullopt: the lister reads them.
    std::optional<FrameworkDetection> detection;
};

/// Check every `kind` the specs name against the framework registry. Throws `ptest::Error`
/// (setup_error) for the first unknown one, with its file, line, column and a caret, as the config
/// loader reports a bad value. Called right after loading the config, before anything runs.
void check_binary_kinds(const std::vector<profiles::BinarySpec>& specs);

/// Expand globs and check every binary: it exists, is a regular executable file, and no two share
/// an id. A glob keeps only the executable files it matches (it skips directories and other
/// files). A file `--binary` names again (after a config table named it; `specs` lists the tables
/// first, `--binary` specs have no file in `where`) is that one binary, with the table's id and
/// settings. Two tables naming one file are two binaries (they need distinct ids). Throws
/// `ptest::Error` (setup_error) naming the binary (and both paths for duplicates).
std::vector<ResolvedBinary> resolve_binaries(const std::vector<profiles::BinarySpec>& specs,
                                             const std::filesystem::path& workspace_root);

/// Read the executable file at `path` once: its framework (`configured_kind` when not empty, else
/// weighed from its markers, see detection.hpp) and that framework's major version. A file that
/// cannot be read gives `configured_kind` alone.
FrameworkDetection read_binary_framework(const std::filesystem::path& path,
                                         std::string_view configured_kind);

/// Detect frameworks and list every binary concurrently (at most `concurrency` listings at a
/// time), each limited to `timeout`. A binary whose listing fails (it cannot start, crashes, hangs,
/// exits with an error or prints something that is not a listing) comes back with its
/// `listing_failure` set and the one case `k_listing_case`; the others are listed as usual. A
/// binary whose framework was unconfirmed is that framework only when its listing parses: else its
/// failure names the candidates. Throws `ptest::Error` (test_list_creation_failed), before
/// anything runs, for a binary whose bytes say it is no test binary or whose framework is
/// undecided.
TestList list_tests(boost::asio::io_context& io, ChildReaper& reaper,
                    const std::vector<ResolvedBinary>& binaries,
                    const std::vector<std::string>& base_env, std::chrono::nanoseconds timeout,
                    int concurrency);

} // namespace ptest::runner
