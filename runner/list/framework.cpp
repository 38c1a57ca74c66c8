// The framework dispatch: detection from a binary's bytes, and the per-kind routing of listing,
// merging, selection and report reading to the gtest, catch2 and doctest adapters.
#include "runner/list/framework.hpp"

#include "runner/list/catch2.hpp"
#include "runner/list/doctest.hpp"
#include "runner/list/gtest.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace ptest::runner {

namespace {

/// Strings a framework compiles into every binary that uses it, strongest first. The help texts
/// name the list options (`--gtest_list_tests`, `--list-test-names-only`, `list-test-cases`),
/// which only a binary linking the framework's runner contains; the mangled namespaces cover a
/// binary linked against a shared GoogleTest, whose help text lives in the library.
struct Markers {
    FrameworkKind kind;
    std::array<std::string_view, 3> runner;
    std::array<std::string_view, 2> symbols;
};

constexpr std::array<Markers, 3> k_markers{{
    {FrameworkKind::gtest,
     {"--gtest_list_tests", "gtest_list_tests", "--gtest_filter"},
     {"N7testing4TestE", "_ZN7testing4Test"}},
    {FrameworkKind::catch2,
     {"--list-test-names-only", "Catch v", "host application."},
     {"N5Catch", "_ZN5Catch"}},
    {FrameworkKind::doctest,
     {"list-test-cases", "doctest version is", "dt-test-case"},
     {"N7doctest", "_ZN7doctest"}},
}};

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

} // namespace

FrameworkKind detect_framework(std::string_view binary_bytes) {
    // Precedence: a framework's runner strings beat another framework's mere symbols (a GoogleTest
    // binary may link a library that uses doctest with DOCTEST_CONFIG_DISABLE); within a tier,
    // GoogleTest, then Catch2, then doctest.
    for (const Markers& markers : k_markers) {
        for (std::string_view marker : markers.runner) {
            if (contains(binary_bytes, marker)) {
                return markers.kind;
            }
        }
    }
    for (const Markers& markers : k_markers) {
        for (std::string_view marker : markers.symbols) {
            if (contains(binary_bytes, marker)) {
                return markers.kind;
            }
        }
    }
    return FrameworkKind::auto_detect;
}

std::vector<std::string> list_arguments(FrameworkKind kind, int pass) {
    switch (kind) {
    case FrameworkKind::gtest:
        return {"--gtest_list_tests"};
    case FrameworkKind::catch2:
        // Names (visible, then hidden), then the same two lists with each case's tags.
        switch (pass) {
        case 0:
            return {"--list-test-names-only"};
        case 1:
            return {"--list-test-names-only", "[.]"};
        case 2:
            return {"--list-tests"};
        default:
            return {"--list-tests", "[.]"};
        }
    case FrameworkKind::doctest:
        return {"--dt-list-test-cases", "--dt-reporters=xml", "--dt-no-skip=true"};
    case FrameworkKind::command:
    case FrameworkKind::auto_detect:
        break;
    }
    return {};
}

int list_pass_count(FrameworkKind kind) {
    switch (kind) {
    case FrameworkKind::catch2:
        return 4;
    case FrameworkKind::gtest:
    case FrameworkKind::doctest:
        return 1;
    case FrameworkKind::command: // Never listed: the program is its one test.
    case FrameworkKind::auto_detect:
        break;
    }
    return 0;
}

ListParseResult parse_list_output(FrameworkKind kind, int pass, std::string_view output,
                                  int exit_code) {
    switch (kind) {
    case FrameworkKind::gtest:
        return parse_gtest_list(output, exit_code);
    case FrameworkKind::catch2:
        if (pass >= 2) {
            return parse_catch2_tag_list(output);
        }
        return parse_catch2_list(pass, output, exit_code);
    case FrameworkKind::doctest:
        return parse_doctest_list(output, exit_code);
    case FrameworkKind::command:
    case FrameworkKind::auto_detect:
        break;
    }
    ListParseResult result;
    result.error = "cannot parse a listing before the framework is known";
    return result;
}

std::vector<TestCase> merge_list_passes(FrameworkKind kind, std::vector<ListParseResult> passes) {
    std::vector<TestCase> cases;
    // Catch2's passes 2 and 3 carry the tags of passes 0 and 1's cases, not cases of their own.
    const std::size_t name_passes =
        kind == FrameworkKind::catch2 ? std::min<std::size_t>(passes.size(), 2) : passes.size();
    // Cases are moved, never copied: a binary may list 100 000 of them.
    for (std::size_t pass = 0; pass < name_passes; ++pass) {
        std::vector<TestCase>& named = passes[pass].cases;
        if (kind == FrameworkKind::catch2 && pass + 2 < passes.size()) {
            add_catch2_tags(named, passes[pass + 2].cases);
        }
        if (kind == FrameworkKind::catch2 && pass == 1) {
            for (TestCase& test : named) {
                test.ignored = true;
            }
        }
        if (cases.empty()) {
            cases = std::move(named);
        } else {
            cases.insert(cases.end(), std::make_move_iterator(named.begin()),
                         std::make_move_iterator(named.end()));
        }
    }
    if (kind == FrameworkKind::catch2) {
        mark_catch2_unselectable(cases);
    } else if (kind == FrameworkKind::doctest) {
        mark_doctest_unselectable(cases);
    }
    return cases;
}

std::vector<std::string> case_arguments(const TestBinary& binary, const TestCase& test) {
    if (binary.preselected) {
        return {};
    }
    return run_arguments(binary.kind, test);
}

std::vector<std::string> run_arguments(FrameworkKind kind, const TestCase& test) {
    switch (kind) {
    case FrameworkKind::gtest:
        return gtest_run_arguments(test);
    case FrameworkKind::catch2:
        return catch2_run_arguments(test);
    case FrameworkKind::doctest:
        return doctest_run_arguments(test);
    case FrameworkKind::command: // The configured arguments are the whole command.
    case FrameworkKind::auto_detect:
        break;
    }
    return {};
}

FrameworkVerdict interpret_output(FrameworkKind kind, const TestCase& /*test*/,
                                  std::string_view stdout_text, std::string_view /*stderr_text*/,
                                  bool premature_exit_file_exists) {
    // All three frameworks print their console report to stdout; stderr holds only what the test
    // itself wrote there.
    switch (kind) {
    case FrameworkKind::gtest:
        return interpret_gtest_output(stdout_text, premature_exit_file_exists);
    case FrameworkKind::catch2:
        return interpret_catch2_output(stdout_text);
    case FrameworkKind::doctest:
        return interpret_doctest_output(stdout_text);
    case FrameworkKind::command: {
        // A plain command is its own one case, and it has finished once it exits.
        FrameworkVerdict verdict;
        verdict.cases_run = 1;
        return verdict;
    }
    case FrameworkKind::auto_detect:
        break;
    }
    return {};
}

std::string_view to_string(FrameworkKind kind) {
    switch (kind) {
    case FrameworkKind::gtest:
        return "gtest";
    case FrameworkKind::catch2:
        return "catch2";
    case FrameworkKind::doctest:
        return "doctest";
    case FrameworkKind::command:
        return "command";
    case FrameworkKind::auto_detect:
        break;
    }
    return "auto";
}

} // namespace ptest::runner
