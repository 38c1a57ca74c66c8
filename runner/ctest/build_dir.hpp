// Reading a CMake build tree for `--build-dir`: find its ctest and source directory in
// CMakeCache.txt and ctest's default test timeout in DartConfiguration.tcl, run `ctest
// --show-only=json-v1` in it, read what `ptest_discover_tests()` recorded, import the tests, and
// list the binaries that expand into cases.
#pragma once

#include "runner/ctest/ctest_import.hpp"
#include "runner/model/test_list.hpp"
#include "runner/process/child_reaper.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ptest::runner {

/// Where `ptest_discover_tests()` records each binary, relative to the top of the build tree.
inline constexpr const char* k_discover_dir = "ptest/discovered";

/// The build tree's source directory (`CMAKE_HOME_DIRECTORY` in its CMakeCache.txt), if it has one.
std::optional<std::filesystem::path> cmake_source_dir(const std::filesystem::path& build_dir);

/// The `ctest` to run for `build_dir`: the one beside the `cmake` that configured it
/// (`CMAKE_COMMAND` in CMakeCache.txt) when it exists, else `ctest` from `PATH` in `env`.
std::filesystem::path ctest_program(const std::filesystem::path& build_dir,
                                    const std::vector<std::string>& env);

/// The default test timeout ctest applies in `build_dir`: the `TimeOut:` seconds of its
/// DartConfiguration.tcl (which include(CTest) writes from DART_TESTING_TIMEOUT, 1500 by default)
/// when above 0; nullopt when there is no such file or line, as for a tree that only calls
/// enable_testing().
std::optional<profiles::Duration> ctest_default_timeout(const std::filesystem::path& build_dir);

/// The frameworks `ptest_discover_tests()` recorded under `build_dir`, by CTest test name. Files
/// that cannot be read or parsed are skipped with a line in `warnings`; a record whose `path` is
/// not an executable file (not built yet) is skipped silently, and so is a record naming a
/// framework the registry does not know (with a warning). Each framework is its adapter's config
/// name; empty for `kind = "auto"` (a record without KIND): detect it.
std::map<std::string, std::string> read_discovered_kinds(const std::filesystem::path& build_dir,
                                                         std::vector<std::string>& warnings);

/// Run ctest in `options.build_dir` (which must hold a CMakeCache.txt), parse its json-v1 output
/// and import the tests (reading `ptest_discover_tests()` records into `options.declared_kinds`).
/// Throws `ptest::Error`: setup_error for a directory that is not a CMake build tree,
/// test_list_creation_failed when ctest cannot be run or prints something unreadable.
CTestImport read_build_dir(boost::asio::io_context& io, ChildReaper& reaper,
                           CTestImportOptions options, std::chrono::nanoseconds timeout);

/// Import the tests of ctest's json-v1 output `text` (an archive's copy, with `options` as the
/// archive recorded them), as `read_build_dir` does once ctest has run. Throws `ptest::Error`
/// (test_list_creation_failed) for unreadable text.
CTestImport import_ctest_output(const std::string& text, const CTestImportOptions& options);

/// The test list of an import, in ctest's order: expanded binaries listed (concurrently, as
/// `list_tests` does), the others as one case each. A binary whose listing fails runs whole, as
/// ctest runs it, with a line in `notes` saying why. Throws as `list_tests` does.
TestList list_imported_tests(boost::asio::io_context& io, ChildReaper& reaper,
                             const CTestImport& imported, const std::vector<std::string>& base_env,
                             std::chrono::nanoseconds timeout, int concurrency,
                             std::vector<std::string>& notes);

} // namespace ptest::runner
