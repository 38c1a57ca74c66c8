// The import rules: property by property, what ptest honours and how; the mapping of each command;
// and notes for everything left out.
#include "runner/ctest/ctest_import.hpp"

#include "runner/ctest/ctest_environment.hpp"
#include "runner/frameworks/registry.hpp"

#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <set>
#include <string_view>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

/// The properties ptest acts on; every other one becomes a note.
constexpr std::array<std::string_view, 20> k_honoured{"WORKING_DIRECTORY",
                                                      "ENVIRONMENT",
                                                      "ENVIRONMENT_MODIFICATION",
                                                      "TIMEOUT",
                                                      "DISABLED",
                                                      "WILL_FAIL",
                                                      "SKIP_RETURN_CODE",
                                                      "SKIP_REGULAR_EXPRESSION",
                                                      "PASS_REGULAR_EXPRESSION",
                                                      "FAIL_REGULAR_EXPRESSION",
                                                      "LABELS",
                                                      "RUN_SERIAL",
                                                      "RESOURCE_LOCK",
                                                      "PROCESSORS",
                                                      "REQUIRED_FILES",
                                                      "PTEST_EXPAND",
                                                      "FIXTURES_SETUP",
                                                      "FIXTURES_CLEANUP",
                                                      "FIXTURES_REQUIRED",
                                                      "DEPENDS"};

bool honoured(std::string_view name) {
    return std::find(k_honoured.begin(), k_honoured.end(), name) != k_honoured.end();
}

std::vector<std::string> strings_of(const CTestTest& test, std::string_view name) {
    const json::Value* value = test.property(name);
    return value == nullptr ? std::vector<std::string>{} : property_strings(*value);
}

std::optional<double> number_of(const CTestTest& test, std::string_view name) {
    const json::Value* value = test.property(name);
    if (value == nullptr) {
        return std::nullopt;
    }
    if (value->is_number()) {
        return value->get<double>();
    }
    std::vector<std::string> text = property_strings(*value);
    if (text.size() == 1) {
        try {
            return std::stod(text.front());
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

bool flag_of(const CTestTest& test, std::string_view name) {
    const json::Value* value = test.property(name);
    return value != nullptr && property_bool(*value);
}

/// Compile the regexes of `property` into `out`; false (with `refused` set) when one is invalid.
bool compile_all(const CTestTest& test, std::string_view property, std::vector<CTestRegex>& out,
                 std::optional<std::string>& refused) {
    for (const std::string& pattern : strings_of(test, property)) {
        std::string error;
        std::optional<CTestRegex> regex = compile_ctest_regex(pattern, error);
        if (!regex) {
            std::string reason(property);
            reason += " `" + pattern + "` is not a regular expression ptest can run (";
            reason += error;
            reason += ")";
            refused = std::move(reason);
            return false;
        }
        out.push_back(std::move(*regex));
    }
    return true;
}

std::shared_ptr<const CTestRules> rules_of(const CTestTest& test, const CTestImportOptions& options,
                                           std::optional<std::string>& refused) {
    auto rules = std::make_shared<CTestRules>();
    rules->test_name = test.name;
    rules->will_fail = flag_of(test, "WILL_FAIL");
    if (std::optional<double> code = number_of(test, "SKIP_RETURN_CODE"); code && *code >= 0) {
        rules->skip_return_code = static_cast<int>(*code);
    }
    compile_all(test, "PASS_REGULAR_EXPRESSION", rules->pass_regex, refused);
    compile_all(test, "FAIL_REGULAR_EXPRESSION", rules->fail_regex, refused);
    compile_all(test, "SKIP_REGULAR_EXPRESSION", rules->skip_regex, refused);
    // As ctest: a TIMEOUT above 0 is the limit, TIMEOUT 0 is none, and without the property the
    // build tree's default applies (include(CTest) writes 1500 s).
    if (std::optional<double> seconds = number_of(test, "TIMEOUT"); seconds && *seconds > 0) {
        rules->timeout =
            std::chrono::duration_cast<profiles::Duration>(std::chrono::duration<double>(*seconds));
    } else if (test.property("TIMEOUT") == nullptr) {
        rules->timeout = options.default_timeout;
    }
    rules->run_serial = flag_of(test, "RUN_SERIAL");
    rules->resource_locks = strings_of(test, "RESOURCE_LOCK");
    if (std::optional<double> processors = number_of(test, "PROCESSORS");
        processors && *processors >= 1) {
        rules->processors = static_cast<int>(std::lround(*processors));
    }
    rules->fixtures_setup = strings_of(test, "FIXTURES_SETUP");
    rules->fixtures_cleanup = strings_of(test, "FIXTURES_CLEANUP");
    rules->fixtures_required = strings_of(test, "FIXTURES_REQUIRED");
    rules->depends = strings_of(test, "DEPENDS");
    return rules;
}

/// Why ctest would not start `test`: the first of its REQUIRED_FILES that does not exist, a
/// relative one looked for in the test's working directory `cwd` (as ctest does); nullopt when
/// every one exists. ctest checks when the test starts; ptest checks once, before the run.
std::optional<std::string> missing_required_file(const CTestTest& test, const fs::path& cwd) {
    for (const std::string& file : strings_of(test, "REQUIRED_FILES")) {
        std::error_code ec;
        if (!file.empty() && !fs::exists(cwd / file, ec)) {
            return "its REQUIRED_FILES `" + file +
                   "` does not exist (ctest does not run it either)";
        }
    }
    return std::nullopt;
}

/// Why `test` must run whole whatever its command is; empty when nothing asks for it.
std::string whole_request(const CTestTest& test, const std::vector<std::string>& labels,
                          const std::vector<std::string>& run_whole) {
    if (std::find(labels.begin(), labels.end(), k_whole_label) != labels.end()) {
        return std::string("it has the label `") + k_whole_label + "`";
    }
    if (const json::Value* expand = test.property("PTEST_EXPAND");
        expand != nullptr && !property_bool(*expand)) {
        return "its PTEST_EXPAND property is false";
    }
    for (const std::string& glob : run_whole) {
        if (::fnmatch(glob.c_str(), test.name.c_str(), 0) == 0) {
            return "it matches `" + glob + "` in [ctest] run-whole";
        }
    }
    return {};
}

/// The framework of `path`, the program of CTest test `name`: as `ptest_discover_tests()`
/// declared it, else weighed; remembered in `detected` by path and declared kind, so that the
/// binary shared by tests registered per case is read once.
const FrameworkDetection&
framework_of(const std::string& name, const fs::path& path,
             const std::map<std::string, std::string>& declared_kinds,
             std::map<std::pair<fs::path, std::string>, FrameworkDetection>& detected,
             const DetectFramework& detect) {
    std::string declared;
    if (auto found = declared_kinds.find(name); found != declared_kinds.end()) {
        declared = found->second;
    }
    auto [it, inserted] = detected.try_emplace({path, declared});
    if (inserted) {
        it->second = detect(path, declared);
    }
    return it->second;
}

/// Whether the framework `detection` found (its Catch2 version included) keeps its console report
/// beside ptest's structured one.
bool keeps_console(const FrameworkDetection& detection) {
    TestBinary probe;
    probe.kind = detection.kind;
    probe.framework_version = detection.framework_version;
    return framework_adapter(probe).report_keeps_console();
}

/// Map the command of `imported` (whose program is a `detection.kind` binary) to ptest work,
/// honouring every request to run it whole; a test binary run whole gets a line in `notes` saying
/// why.
void map_command(const CTestTest& test, const FrameworkDetection& detection,
                 const std::vector<std::string>& run_whole, ImportedTest& imported,
                 std::vector<std::string>& notes) {
    const std::string& kind = detection.kind;
    CommandMapping mapping = map_ctest_command(kind, imported.binary.args);
    if (mapping.mapping != CTestMapping::command) {
        std::string whole = whole_request(test, imported.labels, run_whole);
        if (!whole.empty()) {
            mapping = {CTestMapping::command, "", whole};
        } else if (mapping.mapping == CTestMapping::expand && imported.rules->judges_output()) {
            mapping = {CTestMapping::command, "",
                       "its WILL_FAIL, SKIP_RETURN_CODE or regular-expression properties "
                       "judge the whole binary's exit code and output"};
        } else if (mapping.mapping == CTestMapping::one_case && imported.rules->matches_output() &&
                   !keeps_console(detection)) {
            // Catch2 2.13's SelfTest registers cases with PASS_REGULAR_EXPRESSION "All tests
            // passed (4 assertions in 1 test case)": the console report ctest reads.
            mapping = {CTestMapping::command, "",
                       "its regular-expression properties read the console report, which ptest's "
                       "structured report would replace"};
        }
    }
    imported.mapping = mapping.mapping;
    if (mapping.mapping != CTestMapping::command) {
        imported.binary.kind = kind;
    }
    if (mapping.mapping == CTestMapping::one_case) {
        imported.case_name = mapping.case_name;
    }
    if (mapping.mapping == CTestMapping::command && !mapping.reason.empty()) {
        // Only a framework's adapter gives a reason, so `kind` names a framework here.
        notes.push_back("CTest test `" + test.name + "` is a " +
                        std::string(framework_adapter(kind).display_name()) +
                        " binary run whole: " + mapping.reason);
    }
}

/// Why `test`'s program, whose bytes gave `detection`, is run whole for want of a framework; empty
/// when it has one, or when nothing says it is a test binary. `recorded`: ptest_discover_tests()
/// registered it, which says it is one.
std::string undetected_note(const CTestTest& test, const fs::path& program,
                            const FrameworkDetection& detection, bool recorded) {
    if (!detection.kind.empty()) {
        return {};
    }
    std::string named = "CTest test `" + test.name + "`";
    if (detection.candidates.size() > 1) {
        return undecided_framework_message(detection, named, {}) +
               (recorded ? " as KIND in its ptest_discover_tests()"
                         : " by registering it with ptest_discover_tests(... KIND ...)") +
               "; until then it runs whole";
    }
    if (recorded) {
        return named + " comes from ptest_discover_tests() without KIND, but `" + program.string() +
               "` holds no " + detectable_framework_names() +
               " markers; it runs whole (name its KIND to run its cases)";
    }
    return {};
}

/// Map `imported` (CTest test `test`) for the framework `detection` found in its program; the
/// detection travels with a binary ptest lists or runs as a case, so it is not read again. A
/// binary whose framework cannot be told runs whole, as under ctest, with a note saying why.
void map_detected(const CTestTest& test, const FrameworkDetection& detection,
                  const CTestImportOptions& options, ImportedTest& imported,
                  std::vector<std::string>& notes) {
    bool recorded = options.declared_kinds.count(test.name) > 0;
    if (std::string note = undetected_note(test, imported.binary.path, detection, recorded);
        !note.empty()) {
        notes.push_back(std::move(note));
    }
    map_command(test, detection, options.run_whole, imported, notes);
    if (imported.mapping != CTestMapping::command) {
        imported.binary.detection = detection;
    }
}

std::string join_limited(const std::vector<std::string>& names, std::size_t limit) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
        out += (i == 0 ? "" : ", ") + names[i];
    }
    if (names.size() > limit) {
        out += " and " + std::to_string(names.size() - limit) + " more";
    }
    return out;
}

std::string value_of(const std::vector<std::string>& env, std::string_view name) {
    for (const std::string& entry : env) {
        if (entry.size() > name.size() && entry.compare(0, name.size(), name) == 0 &&
            entry[name.size()] == '=') {
            return entry.substr(name.size() + 1);
        }
    }
    return {};
}

} // namespace

fs::path resolve_program(const std::string& program, const fs::path& cwd,
                         const std::vector<std::string>& env) {
    fs::path path(program);
    if (path.is_absolute()) {
        return path.lexically_normal();
    }
    if (program.find('/') != std::string::npos) {
        return (cwd / path).lexically_normal();
    }
    std::string search = value_of(env, "PATH");
    std::size_t start = 0;
    while (start <= search.size()) {
        std::size_t end = search.find(':', start);
        std::string dir = search.substr(start, end == std::string::npos ? end : end - start);
        fs::path candidate = (dir.empty() ? cwd : fs::path(dir)) / path;
        if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) {
            return fs::absolute(candidate).lexically_normal();
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return (cwd / path).lexically_normal();
}

CTestImport import_ctest_tests(const std::vector<CTestTest>& tests,
                               const CTestImportOptions& options, const DetectFramework& detect) {
    CTestImport result;
    std::map<std::string, std::vector<std::string>> unhonoured;
    std::map<std::string, int> seen_names;
    std::map<std::pair<fs::path, std::string>, FrameworkDetection> detected;
    for (const CTestTest& test : tests) {
        ImportedTest imported;
        ResolvedBinary& binary = imported.binary;
        int occurrence = ++seen_names[test.name];
        // CTest names are unique within a directory only; ids must be unique in the run.
        binary.id = occurrence == 1 ? test.name : test.name + " #" + std::to_string(occurrence);
        binary.origin = "CTest test `" + test.name + "`";
        for (const CTestProperty& property : test.properties) {
            if (!honoured(property.name)) {
                unhonoured[property.name].push_back(test.name);
            }
        }

        std::vector<std::string> working = strings_of(test, "WORKING_DIRECTORY");
        binary.cwd = working.empty() || working.front().empty()
                         ? options.build_dir
                         : (options.build_dir / working.front()).lexically_normal();

        std::vector<std::string> problems;
        EnvironmentChanges env =
            apply_ctest_environment(options.base_env, strings_of(test, "ENVIRONMENT"),
                                    strings_of(test, "ENVIRONMENT_MODIFICATION"), problems);
        binary.env = std::move(env.set);
        binary.env_remove = std::move(env.unset);
        if (!problems.empty()) {
            imported.refused = problems.front();
        }

        if (!imported.refused) {
            imported.refused = missing_required_file(test, binary.cwd);
        }
        imported.labels = strings_of(test, "LABELS");
        imported.rules = rules_of(test, options, imported.refused);
        imported.disabled = flag_of(test, "DISABLED");
        imported.case_name = test.name;
        binary.kind = whole_command_framework();

        if (test.command.empty()) {
            imported.refused = std::string("ctest finds no executable for this test (not built, "
                                           "or not available in this build configuration") +
                               (options.build_config.empty()
                                    ? "; a multi-config tree needs --build-config NAME, as "
                                      "ctest needs -C NAME)"
                                    : ")");
            binary.path = options.build_dir / test.name;
            result.tests.push_back(std::move(imported));
            continue;
        }
        std::vector<std::string> run_env = options.base_env;
        for (const auto& [name, value] : binary.env) {
            run_env.push_back(name);
            run_env.back() += '=';
            run_env.back() += value;
        }
        binary.path = resolve_program(test.command.front(), binary.cwd, run_env);
        binary.args.assign(test.command.begin() + 1, test.command.end());
        if (imported.disabled || imported.refused) {
            // Never listed: a disabled test's binary may not even be built.
            result.tests.push_back(std::move(imported));
            continue;
        }

        map_detected(test,
                     framework_of(test.name, binary.path, options.declared_kinds, detected, detect),
                     options, imported, result.notes);
        result.tests.push_back(std::move(imported));
    }
    for (const auto& [property, names] : unhonoured) {
        result.notes.push_back("CTest property " + property + " is not honoured by ptest (" +
                               std::to_string(names.size()) +
                               (names.size() == 1 ? " test: " : " tests: ") +
                               join_limited(names, 5) + ")");
    }
    return result;
}

} // namespace ptest::runner
