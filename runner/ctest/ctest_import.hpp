// From the tests a build tree registers with CTest to the binaries ptest lists and runs: each
// test's mapping (expanded, one case, or a command), its environment, working directory, labels and
// rules, and notes on every property ptest does not honour. Pure: detecting a program's framework
// is a parameter, and nothing is started here.
#pragma once

#include "runner/ctest/ctest_info.hpp"
#include "runner/ctest/ctest_mapping.hpp"
#include "runner/list/lister.hpp"
#include "runner/model/ctest_rules.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ptest::runner {

/// The label that makes ptest run a CTest test whole, as ctest does.
inline constexpr const char* k_whole_label = "ptest:whole";

/// What an import needs besides the tests.
struct CTestImportOptions {
    /// The environment ptest gives every test (`NAME=value`), which ENVIRONMENT_MODIFICATION
    /// operations build on.
    std::vector<std::string> base_env;
    /// Globs over CTest test names whose tests run whole (`[ctest] run-whole`).
    std::vector<std::string> run_whole;
    /// The tests `ptest_discover_tests()` registered, by CTest test name, with their declared
    /// framework: an adapter's config name (registry.hpp), which is not weighed (only its version
    /// is read), or empty for a record saying `auto`, whose binary is detected. A registered
    /// binary that cannot be expanded gets a note even when it has no framework's markers.
    std::map<std::string, std::string> declared_kinds;
    /// The configuration to ask ctest for (`--build-config`, passed as `ctest -C NAME`); empty for
    /// none. A multi-config build tree registers most tests for one configuration only.
    std::string build_config;
    /// The build tree: the working directory of a test without WORKING_DIRECTORY.
    std::filesystem::path build_dir;
    /// ctest's limit for a test without a TIMEOUT property: the build tree's
    /// DartConfiguration.tcl `TimeOut` (see `ctest_default_timeout`); nullopt for none.
    std::optional<profiles::Duration> default_timeout;
};

/// One CTest test as ptest will treat it.
struct ImportedTest {
    /// The binary to list (for `expand`) or the command to run: its id is the CTest test name, its
    /// kind the framework (or the one that runs a command whole), its args the command's arguments.
    ResolvedBinary binary;
    CTestMapping mapping = CTestMapping::command;
    std::string case_name; ///< For `one_case` and `command`: the one case's name.
    std::vector<std::string> labels;
    std::shared_ptr<const CTestRules> rules;
    bool disabled = false;              ///< DISABLED: listed as ignored, never run by default.
    std::optional<std::string> refused; ///< Why it cannot run as ctest would (then it is refused).
};

/// The import of a whole build tree.
struct CTestImport {
    std::vector<ImportedTest> tests; ///< In ctest's order.
    /// One line per property ptest does not honour (naming the tests it is set on) and per test
    /// binary ptest runs whole, with the reason.
    std::vector<std::string> notes;
    /// What the import was read from, for an archive (`ptest archive`) to carry: ctest's output
    /// and the options read from the build tree.
    std::string ctest_output;
    std::map<std::string, std::string> declared_kinds;
    std::optional<profiles::Duration> default_timeout;
};

/// How the import reads an executable file's framework: `read_binary_framework` (lister.hpp), or
/// a stand-in in tests. Called once per executable and declared kind.
using DetectFramework =
    std::function<FrameworkDetection(const std::filesystem::path&, std::string_view)>;

/// Map every test. `detect` gives the framework of an executable file (given its declared kind,
/// empty to weigh its markers); the detection travels with each test's binary, so the lister
/// reads no executable twice. A test binary whose framework is undecided, or a binary
/// `ptest_discover_tests()` registered without KIND whose bytes hold no framework, runs whole, with
/// a note saying why.
CTestImport import_ctest_tests(const std::vector<CTestTest>& tests,
                               const CTestImportOptions& options, const DetectFramework& detect);

/// The absolute path of `program` as a test's command names it: absolute as is, relative to
/// `cwd` when it holds a `/`, else searched in the `PATH` of `env` (`NAME=value` entries).
/// Returns the path unchanged (made absolute against `cwd`) when it cannot be found.
std::filesystem::path resolve_program(const std::string& program, const std::filesystem::path& cwd,
                                      const std::vector<std::string>& env);

} // namespace ptest::runner
