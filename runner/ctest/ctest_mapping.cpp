// The argument rules of each framework that tell a whole binary from a registered single case.
#include "runner/ctest/ctest_mapping.hpp"

#include <array>
#include <optional>
#include <string_view>

namespace ptest::runner {

namespace {

using profiles::FrameworkKind;

CommandMapping whole(std::string reason) {
    return {CTestMapping::command, "", std::move(reason)};
}

CommandMapping one_case(std::string name) {
    return {CTestMapping::one_case, std::move(name), ""};
}

CommandMapping expand() {
    return {CTestMapping::expand, "", ""};
}

/// The value of `arg` when it is `prefix` followed by a value.
std::optional<std::string_view> value_after(std::string_view arg, std::string_view prefix) {
    if (arg.starts_with(prefix)) {
        return arg.substr(prefix.size());
    }
    return std::nullopt;
}

/// `text` with each backslash escape replaced by the character it escapes.
std::string unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            ++i;
        }
        out += text[i];
    }
    return out;
}

/// True when `text` holds `c` not preceded by a backslash.
bool has_unescaped(std::string_view text, char c) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == c) {
            return true;
        }
    }
    return false;
}

CommandMapping map_gtest(const std::vector<std::string>& args) {
    std::optional<std::string_view> filter;
    for (const std::string& arg : args) {
        if (arg.starts_with("--gtest_list_tests") || arg.starts_with("-gtest_list_tests")) {
            return whole("its arguments ask GoogleTest for a listing");
        }
        // GoogleTest takes the last of repeated flags.
        if (auto value = value_after(arg, "--gtest_filter=")) {
            filter = value;
        } else if (auto other = value_after(arg, "-gtest_filter=")) {
            filter = other;
        }
    }
    if (filter && !filter->empty() && filter->find_first_of("*?:-") == std::string_view::npos) {
        return one_case(std::string(*filter));
    }
    return expand();
}

/// Catch2 v2 options that take a value in the next argument.
constexpr std::array<std::string_view, 22> k_catch2_value_options{"-o",
                                                                  "--out",
                                                                  "-n",
                                                                  "--name",
                                                                  "-d",
                                                                  "--durations",
                                                                  "-f",
                                                                  "--input-file",
                                                                  "-c",
                                                                  "--section",
                                                                  "-x",
                                                                  "--abortx",
                                                                  "-w",
                                                                  "--warn",
                                                                  "--order",
                                                                  "--rng-seed",
                                                                  "--use-colour",
                                                                  "--wait-for-keypress",
                                                                  "-v",
                                                                  "--verbosity",
                                                                  "--benchmark-samples",
                                                                  "--benchmark-resamples"};

/// Catch2 options that replace the console report ptest reads, or list instead of running.
constexpr std::array<std::string_view, 9> k_catch2_report_options{"-r",
                                                                  "--reporter",
                                                                  "-l",
                                                                  "--list-tests",
                                                                  "-t",
                                                                  "--list-tags",
                                                                  "--list-test-names-only",
                                                                  "--list-reporters",
                                                                  "--list-tests-verbose"};

CommandMapping map_catch2(const std::vector<std::string>& args) {
    std::vector<std::string_view> specs;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        std::string_view option = arg.substr(0, arg.find('='));
        for (std::string_view report : k_catch2_report_options) {
            if (option == report) {
                return whole("its arguments replace Catch2's console report");
            }
        }
        if (arg.starts_with("-") && arg.size() > 1) {
            for (std::string_view with_value : k_catch2_value_options) {
                if (arg == with_value) {
                    ++i; // The option's value is not a test spec.
                    break;
                }
            }
            continue;
        }
        specs.push_back(arg);
    }
    if (specs.empty()) {
        return expand();
    }
    if (specs.size() > 1) {
        return whole("it passes Catch2 more than one test spec");
    }
    std::string_view spec = specs.front();
    std::string name = unescape(spec);
    // Catch2 reads a `*` at either end as a wildcard even when escaped.
    bool exact = !name.empty() && !has_unescaped(spec, ',') && !has_unescaped(spec, '[') &&
                 !spec.starts_with('~') && !spec.starts_with("exclude:") && name.front() != '*' &&
                 name.back() != '*';
    if (exact) {
        return one_case(name);
    }
    return whole("its Catch2 test spec can match more than one test case");
}

/// The doctest filter options (each also spelled with a `--dt-` or `-dt-` prefix).
constexpr std::array<std::string_view, 16> k_doctest_filters{
    "test-case=",   "tc=", "test-case-exclude=",   "tce=",
    "source-file=", "sf=", "source-file-exclude=", "sfe=",
    "test-suite=",  "ts=", "test-suite-exclude=",  "tse=",
    "subcase=",     "sc=", "subcase-exclude=",     "sce="};

/// `arg` without its `--`, `-`, `--dt-` or `-dt-` prefix; empty when it is no option.
std::string_view doctest_option(std::string_view arg) {
    for (std::string_view prefix : {"--dt-", "-dt-", "--", "-"}) {
        if (arg.starts_with(prefix)) {
            return arg.substr(prefix.size());
        }
    }
    return {};
}

CommandMapping map_doctest(const std::vector<std::string>& args) {
    std::optional<std::string_view> test_case;
    int filters = 0;
    for (const std::string& arg : args) {
        std::string_view option = doctest_option(arg);
        if (option.starts_with("r=") || option.starts_with("reporters=") ||
            option.starts_with("ltc") || option.starts_with("list-") || option.starts_with("lts") ||
            option.starts_with("lr") || option == "c" || option.starts_with("count")) {
            return whole("its arguments replace doctest's console report");
        }
        for (std::string_view filter : k_doctest_filters) {
            if (option.starts_with(filter)) {
                ++filters;
                if (filter == "test-case=" || filter == "tc=") {
                    test_case = option.substr(filter.size());
                }
                break;
            }
        }
    }
    if (filters == 0) {
        return expand();
    }
    if (filters == 1 && test_case && !test_case->empty() &&
        test_case->find_first_of("*?") == std::string_view::npos &&
        !has_unescaped(*test_case, ',')) {
        return one_case(unescape(*test_case));
    }
    return whole("its doctest filters can match more than one test case");
}

} // namespace

CommandMapping map_ctest_command(FrameworkKind kind, const std::vector<std::string>& args) {
    switch (kind) {
    case FrameworkKind::gtest:
        return map_gtest(args);
    case FrameworkKind::catch2:
        return map_catch2(args);
    case FrameworkKind::doctest:
        return map_doctest(args);
    case FrameworkKind::command:
    case FrameworkKind::auto_detect:
        break;
    }
    return whole("");
}

} // namespace ptest::runner
