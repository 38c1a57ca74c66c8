// The I/O side of the CTest import: CMakeCache.txt, DartConfiguration.tcl, the ctest command, the
// discover records and the listing of expanded binaries.
#include "runner/ctest/build_dir.hpp"

#include "base/error.hpp"
#include "base/signal_names.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/frameworks/registry.hpp"
#include "runner/process/command.hpp"

#include <toml++/toml.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>
#include <string_view>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

/// The value of `KEY:TYPE=value` for `key` in CMakeCache.txt, if present.
std::optional<std::string> cache_value(const fs::path& build_dir, const std::string& key) {
    std::ifstream in(build_dir / "CMakeCache.txt");
    std::string line;
    while (std::getline(in, line)) {
        if (line.compare(0, key.size(), key) == 0 && line.size() > key.size() &&
            line[key.size()] == ':') {
            std::size_t eq = line.find('=', key.size());
            if (eq != std::string::npos) {
                return line.substr(eq + 1);
            }
        }
    }
    return std::nullopt;
}

/// How much of each stream of ctest an error shows: lines from the start, lines from the end, and
/// bytes of one line.
constexpr std::size_t k_excerpt_head = 8;
constexpr std::size_t k_excerpt_tail = 4;
constexpr std::size_t k_excerpt_width = 200;

/// `text` (what ctest printed on `stream`) as indented lines for an error message: all of it when
/// short, else its first and last lines around a `…` line; each line made safe and cut short, and
/// blank lines at the end left out.
std::string excerpt(std::string_view stream, std::string_view text) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    while (!lines.empty() && base::one_line(lines.back()).empty()) {
        lines.pop_back(); // Blank lines at the end say nothing.
    }
    std::string out = "\n  ctest's " + std::string(stream);
    if (lines.empty()) {
        return out + ": nothing";
    }
    const bool cut = lines.size() > k_excerpt_head + k_excerpt_tail;
    out += " (" + std::to_string(lines.size()) + (lines.size() == 1 ? " line" : " lines");
    out += cut ? ", the first " + std::to_string(k_excerpt_head) + " and the last " +
                     std::to_string(k_excerpt_tail) + "):"
               : "):";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (cut && i == k_excerpt_head) {
            out += "\n    | …";
            i = lines.size() - k_excerpt_tail;
        }
        out += "\n    | " + base::one_line(lines[i], k_excerpt_width);
    }
    return out;
}

/// What ctest printed on both streams, for an error message.
std::string printed(const CommandOutput& output) {
    return excerpt("stdout", output.stdout_text) + excerpt("stderr", output.stderr_text);
}

/// The binary of `test` that runs its command as one case (`mapping` `command`) or runs its one
/// registered case (`one_case`), never listed.
TestBinary whole_binary(const ImportedTest& test, CTestMapping mapping) {
    TestBinary binary;
    binary.id = test.binary.id;
    binary.path = test.binary.path;
    binary.kind = mapping == CTestMapping::command ? std::string(whole_command_framework())
                                                   : test.binary.kind;
    binary.cwd = test.binary.cwd;
    binary.env = test.binary.env;
    binary.env_remove = test.binary.env_remove;
    binary.args = test.binary.args;
    binary.preselected = mapping == CTestMapping::one_case;
    if (test.binary.detection && mapping != CTestMapping::command) {
        binary.framework_version = test.binary.detection->framework_version;
    }
    TestCase only;
    only.name = test.case_name;
    only.labels = test.labels;
    only.ignored = test.disabled;
    only.unselectable = test.refused;
    binary.cases.push_back(std::move(only));
    return binary;
}

/// The note saying that CTest test `id`, whose listing (of `listed`) failed, runs whole.
std::string listing_fallback_note(const std::string& id, const TestBinary& listed) {
    const ListingFailure& failure = *listed.listing_failure;
    if (failure.framework_unconfirmed) {
        // The message names the candidates and the `kind` that would settle it.
        return "CTest test `" + id + "` runs whole: " + failure.message;
    }
    return "CTest test `" + id + "` is a " +
           std::string(framework_adapter(listed.kind).display_name()) + " binary run whole: its " +
           failure.problem + " (`[ctest] run-whole = [\"" + id + "\"]` skips the listing)";
}

/// For a multi-config build tree (CMAKE_CONFIGURATION_TYPES in its cache) read without a
/// configuration: a note that ctest then leaves out every test registered per configuration.
std::optional<std::string> multi_config_note(const fs::path& build_dir) {
    std::optional<std::string> types = cache_value(build_dir, "CMAKE_CONFIGURATION_TYPES");
    if (!types || types->empty()) {
        return std::nullopt;
    }
    std::string names = *types;
    std::replace(names.begin(), names.end(), ';', ' ');
    return "`" + build_dir.string() + "` is a multi-config build tree (" + names +
           "): without --build-config NAME (ctest's -C) the tests registered for one "
           "configuration are not available, as under ctest";
}

} // namespace

std::optional<fs::path> cmake_source_dir(const fs::path& build_dir) {
    std::optional<std::string> home = cache_value(build_dir, "CMAKE_HOME_DIRECTORY");
    if (!home || home->empty()) {
        return std::nullopt;
    }
    return fs::path(*home);
}

fs::path ctest_program(const fs::path& build_dir, const std::vector<std::string>& env) {
    if (std::optional<std::string> cmake = cache_value(build_dir, "CMAKE_COMMAND")) {
        fs::path beside = fs::path(*cmake).parent_path() / "ctest";
        std::error_code ec;
        if (fs::is_regular_file(beside, ec)) {
            return beside;
        }
    }
    return resolve_program("ctest", build_dir, env);
}

std::optional<profiles::Duration> ctest_default_timeout(const fs::path& build_dir) {
    std::ifstream in(build_dir / "DartConfiguration.tcl");
    std::string line;
    constexpr std::string_view key = "TimeOut:";
    while (std::getline(in, line)) {
        if (line.compare(0, key.size(), key) != 0) {
            continue;
        }
        try {
            double seconds = std::stod(line.substr(key.size()));
            if (seconds > 0) {
                return std::chrono::duration_cast<profiles::Duration>(
                    std::chrono::duration<double>(seconds));
            }
        } catch (const std::exception&) {
            // An empty or malformed value: ctest reads it as 0, no limit.
        }
        return std::nullopt;
    }
    return std::nullopt;
}

std::map<std::string, std::string> read_discovered_kinds(const fs::path& build_dir,
                                                         std::vector<std::string>& warnings) {
    std::map<std::string, std::string> kinds;
    fs::path dir = build_dir / k_discover_dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return kinds;
    }
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".toml") {
            continue;
        }
        try {
            toml::table table = toml::parse_file(entry.path().string());
            std::optional<std::string> test = table["test"].value<std::string>();
            std::string kind = table["kind"].value_or(std::string("auto"));
            if (!test) {
                warnings.push_back(entry.path().string() + ": no `test` key; ignored");
                continue;
            }
            // A binary not built yet is no test binary to expand: it runs as a command (and fails
            // to start, as under ctest) instead of failing the whole listing.
            if (std::optional<std::string> path = table["path"].value<std::string>();
                path && ::access(path->c_str(), X_OK) != 0) {
                continue;
            }
            // `auto` (what a record without KIND says) is kept as an empty kind: the binary is
            // detected, and the import knows ptest_discover_tests() registered it.
            kinds[*test] = std::string(parse_framework_kind(kind));
        } catch (const toml::parse_error& error) {
            warnings.push_back(entry.path().string() + ": " + std::string(error.description()) +
                               "; ignored");
        } catch (const Error& error) {
            warnings.push_back(entry.path().string() + ": " + error.what() + "; ignored");
        }
    }
    return kinds;
}

CTestImport read_build_dir(boost::asio::io_context& io, ChildReaper& reaper,
                           CTestImportOptions options, std::chrono::nanoseconds timeout) {
    const fs::path& build_dir = options.build_dir;
    std::error_code ec;
    if (!fs::is_regular_file(build_dir / "CMakeCache.txt", ec)) {
        throw Error(ExitCode::setup_error, "`" + build_dir.string() +
                                               "` is not a CMake build tree (it has no "
                                               "CMakeCache.txt)");
    }
    std::vector<std::string> warnings;
    options.declared_kinds = read_discovered_kinds(build_dir, warnings);
    options.default_timeout = ctest_default_timeout(build_dir);

    SpawnRequest request;
    request.program = ctest_program(build_dir, options.base_env);
    request.args = {"--show-only=json-v1"};
    if (!options.build_config.empty()) {
        request.args.insert(request.args.end(), {"-C", options.build_config});
    } else if (std::optional<std::string> note = multi_config_note(build_dir)) {
        warnings.push_back(std::move(*note));
    }
    request.cwd = build_dir;
    request.env = options.base_env;
    std::optional<CommandOutput> output;
    run_command(io, reaper, request, timeout, std::uint64_t{1} << 30U,
                [&](CommandOutput out) { output = std::move(out); });
    while (!output) {
        io.run_one();
    }
    std::string problem;
    if (output->exec_error != 0) {
        problem = std::string("could not start it: ") + std::strerror(output->exec_error);
    } else if (output->timed_out) {
        problem = "it timed out";
    } else if (output->exit.signalled) {
        problem = "it was killed by " + base::signal_name(output->exit.code);
    } else if (output->exit.code != 0) {
        problem = "it exited with code " + std::to_string(output->exit.code);
    }
    if (!problem.empty()) {
        throw Error(ExitCode::test_list_creation_failed,
                    "could not read the tests of `" + build_dir.string() + "` with `" +
                        request.program.string() + " --show-only=json-v1`: " + problem +
                        (output->exec_error == 0 ? printed(*output) : std::string()));
    }
    std::vector<CTestTest> tests;
    try {
        tests = parse_ctest_info(output->stdout_text);
    } catch (const Error& error) {
        throw Error(error.code(), error.what() + printed(*output));
    }
    CTestImport imported = import_ctest_tests(tests, options, read_binary_framework);
    imported.notes.insert(imported.notes.begin(), warnings.begin(), warnings.end());
    imported.ctest_output = std::move(output->stdout_text);
    imported.declared_kinds = options.declared_kinds;
    imported.default_timeout = options.default_timeout;
    return imported;
}

CTestImport import_ctest_output(const std::string& text, const CTestImportOptions& options) {
    return import_ctest_tests(parse_ctest_info(text), options, read_binary_framework);
}

TestList list_imported_tests(boost::asio::io_context& io, ChildReaper& reaper,
                             const CTestImport& imported, const std::vector<std::string>& base_env,
                             std::chrono::nanoseconds timeout, int concurrency,
                             std::vector<std::string>& notes) {
    std::vector<ResolvedBinary> to_list;
    for (const ImportedTest& test : imported.tests) {
        if (test.mapping == CTestMapping::expand) {
            to_list.push_back(test.binary);
        }
    }
    TestList listed = list_tests(io, reaper, to_list, base_env, timeout, concurrency);

    TestList list;
    list.binaries.reserve(imported.tests.size());
    std::size_t next_listed = 0;
    for (const ImportedTest& test : imported.tests) {
        TestBinary binary;
        if (test.mapping == CTestMapping::expand) {
            binary = std::move(listed.binaries[next_listed++]);
        }
        if (binary.listing_failure) {
            // ctest runs the binary whole, and so does ptest when it cannot list its cases.
            notes.push_back(listing_fallback_note(test.binary.id, binary));
            binary = whole_binary(test, CTestMapping::command);
        } else if (test.mapping == CTestMapping::expand && binary.cases.empty()) {
            // A binary that lists no case (CLI11's OptionalTest without std::optional) is still
            // one test ctest runs and counts: run it whole rather than drop it.
            notes.push_back("CTest test `" + test.binary.id + "` is a " +
                            std::string(framework_adapter(binary.kind).display_name()) +
                            " binary run whole: it lists no test case");
            binary = whole_binary(test, CTestMapping::command);
        } else if (test.mapping == CTestMapping::expand) {
            binary.expanded_from_ctest = true;
            for (TestCase& test_case : binary.cases) {
                test_case.labels.insert(test_case.labels.end(), test.labels.begin(),
                                        test.labels.end());
            }
        } else {
            binary = whole_binary(test, test.mapping);
        }
        binary.ctest = test.rules;
        list.binaries.push_back(std::move(binary));
    }
    return list;
}

} // namespace ptest::runner
