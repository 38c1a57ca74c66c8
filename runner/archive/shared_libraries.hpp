// Finding the shared libraries a test binary loads from inside the workspace, as the dynamic
// loader itself resolves them (`ldd`: DT_NEEDED, RPATH/RUNPATH with $ORIGIN, LD_LIBRARY_PATH,
// transitively), so that an archive carries them and never a system library.
#pragma once

#include "runner/process/child_reaper.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// One line of `ldd`'s output: a library the loader looked for and where it found it.
struct LoadedLibrary {
    std::string name;                          ///< As DT_NEEDED names it (`libgreet.so`).
    std::optional<std::filesystem::path> path; ///< Nullopt: `not found`.
};

/// Parse `ldd`'s output. Lines without a ` => ` (the vDSO, the loader itself) are passed over.
std::vector<LoadedLibrary> parse_ldd_output(std::string_view text);

/// The shared libraries inside `root` that `binaries` load, each once, in the order found. Runs
/// `ldd` on each binary with `env` (a binary that is not dynamic loads nothing). Throws
/// `ptest::Error` (archive_creation_failed) when a binary needs a library the loader cannot
/// find, naming both, or when `ldd` cannot be run.
std::vector<std::filesystem::path>
workspace_libraries(boost::asio::io_context& io, ChildReaper& reaper,
                    const std::vector<std::filesystem::path>& binaries,
                    const std::filesystem::path& root, const std::vector<std::string>& env,
                    std::chrono::nanoseconds timeout);

/// Whether `path` is `root` or below it, compared lexically after making both absolute and
/// normal.
bool is_inside(const std::filesystem::path& path, const std::filesystem::path& root);

} // namespace ptest::runner
