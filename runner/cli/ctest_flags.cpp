// ctest's flags on ptest's command line, translated into ptest's own terms.
#include "runner/cli/ctest_flags.hpp"

#include "base/error.hpp"

#include "profiles/duration.hpp"
#include "profiles/filterset/name_matcher.hpp"
#include "profiles/profile_keys.hpp"
#include "runner/cli/option_values.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace ptest::cli {

namespace {

/// `/re/` as a filter expression spells it, or a thrown invalid_filter naming `flag`.
std::string regex_matcher(const std::string& flag, const std::string& regex) {
    try {
        return profiles::NameMatcher(profiles::MatcherKind::regex, regex).describe();
    } catch (const std::invalid_argument& error) {
        throw Error(ExitCode::invalid_filter, flag + " " + regex + ": " + error.what());
    }
}

/// Whether `text` is one word of a test name's characters, without the parentheses, operators
/// or spaces every filter expression has.
bool is_bare_word(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' ||
               c == ':' || c == '*' || c == '-' || c == '/';
    });
}

} // namespace

void add_ctest_flags(CLI::App& command, CtestArgs& args, bool for_run) {
    command
        .add_option("-R,--tests-regex", args.regex,
                    "As ctest -R: tests whose name matches REGEX (the same as -E 'test(/REGEX/)')")
        ->type_name("REGEX")
        ->group("ctest compatibility")
        ->check(checked_by([](const std::string& text) { (void)regex_matcher("-R", text); }));
    command
        .add_option("-L,--label-regex", args.label,
                    "As ctest -L: tests with a label that matches REGEX (the same as -E "
                    "'label(/REGEX/)'); with -R, a test must match both")
        ->type_name("REGEX")
        ->group("ctest compatibility")
        ->check(checked_by([](const std::string& text) { (void)regex_matcher("-L", text); }));
    if (!for_run) {
        return;
    }
    command
        .add_option("--timeout", args.timeout,
                    "As ctest --timeout: terminate a test after SECONDS (the same as slow-timeout "
                    "= { period = SECONDS, terminate-after = 1 }); a test's own slow-timeout "
                    "override or CTest TIMEOUT property wins")
        ->type_name("SECONDS")
        ->group("ctest compatibility")
        ->check(checked_by([](const std::string& text) {
            (void)ctest_timeout(CtestArgs{{}, {}, text, false}, profiles::SlowTimeout{});
        }));
    command
        .add_flag("--output-on-failure", args.output_on_failure,
                  "As ctest --output-on-failure: show a failing test's output as it fails, which "
                  "is already the default (--failure-output immediate)")
        ->group("ctest compatibility");
}

std::string ctest_filter_expression(const CtestArgs& args) {
    std::string expression;
    if (args.regex) {
        expression = "test(" + regex_matcher("-R", *args.regex) + ")";
    }
    if (args.label) {
        expression += (expression.empty() ? "" : " and ") + std::string("label(") +
                      regex_matcher("-L", *args.label) + ")";
    }
    return expression;
}

void apply_ctest_selection(const CtestArgs& args, CommonArgs& common) {
    if (std::string expression = ctest_filter_expression(args); !expression.empty()) {
        common.filter_exprs.push_back(std::move(expression));
    }
}

void check_bare_filter_words(const CommonArgs& common) {
    for (const std::string& expression : common.filter_exprs) {
        if (is_bare_word(expression)) {
            throw Error(ExitCode::invalid_filter,
                        "-E takes a filter expression, not a test name (ctest's -E excludes by "
                        "name): to skip tests whose name contains `" +
                            expression + "` use `--skip " + expression +
                            "`; to run only those use `-E 'test(" + expression + ")'`");
        }
    }
}

void apply_output_on_failure(const CtestArgs& args, ProfileArgs& profile) {
    if (!args.output_on_failure) {
        return;
    }
    const auto settings = profiles::outside_settings();
    for (std::size_t i = 0; i < settings.size(); ++i) {
        if (settings[i].key == "failure-output" && !settings[i].flag.empty() &&
            !profile.flags.at(i).text) {
            profile.flags.at(i).text = "immediate";
        }
    }
}

std::optional<profiles::SlowTimeout> ctest_timeout(const CtestArgs& args,
                                                   const profiles::SlowTimeout& profile_value) {
    if (!args.timeout) {
        return std::nullopt;
    }
    const std::string& text = *args.timeout;
    profiles::SlowTimeout timeout = profile_value;
    timeout.terminate_after = 1;
    double seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (error == std::errc() && end == text.data() + text.size()) {
        if (!(seconds > 0) || !std::isfinite(seconds)) {
            throw Error(ExitCode::usage,
                        "invalid --timeout `" + text + "`: expected a positive number of seconds");
        }
        timeout.period =
            std::chrono::duration_cast<profiles::Duration>(std::chrono::duration<double>(seconds));
        return timeout;
    }
    try {
        timeout.period = profiles::parse_duration(text);
    } catch (const std::exception&) {
        throw Error(ExitCode::usage, "invalid --timeout `" + text +
                                         "`: expected a number of seconds (as ctest) or a "
                                         "duration such as `90s`");
    }
    return timeout;
}

} // namespace ptest::cli
