// Catch2 v2 listing, exact selection and report reading. Every rule here was checked against a
// Catch2 v2.13.10 binary; tests/data/list/catch2_* holds the captured output.
#include "runner/list/catch2.hpp"

#include "base/text.hpp"
#include "base/text_sanitizer.hpp"

#include "runner/list/output_text.hpp"

#include <algorithm>
#include <map>

namespace ptest::runner {

namespace {

/// `file:line: FAILED:`, the header of each failed assertion.
bool is_failure_header(std::string_view line) {
    auto location = split_location(line, "FAILED:");
    return location && location->rest == "FAILED:";
}

bool is_indented(std::string_view line) {
    return line.starts_with(" ");
}

} // namespace

ListParseResult parse_catch2_list(int pass, std::string_view output, int exit_code) {
    ListParseResult result;
    for (std::string_view line : base::split_lines(output)) {
        if (line.empty()) {
            continue;
        }
        if (line.size() >= 3 && line.starts_with("\"#") && line.back() == '"') {
            line = line.substr(1, line.size() - 2);
        }
        TestCase test;
        test.name = std::string(line);
        test.ignored = pass == 1;
        result.cases.push_back(std::move(test));
    }
    // Catch2 v2.13 returns min(count, 255) from main; an older v2 returned the count, which
    // the exit status truncates to count % 256.
    const auto count = static_cast<int>(result.cases.size());
    const int expected = std::min(count, 255);
    if (exit_code != expected && exit_code != count % 256) {
        result.error = "Catch2 listing printed " + std::to_string(result.cases.size()) +
                       " names but exited with code " + std::to_string(exit_code) +
                       " (Catch2 v2 exits with the number of names listed)";
    }
    return result;
}

namespace {

/// A `--list-tests` tags line: six spaces, then nothing but `[tag]` groups.
bool is_tags_line(std::string_view line) {
    if (!line.starts_with("      ")) {
        return false;
    }
    std::string_view rest = line.substr(line.find_first_not_of(' '));
    while (!rest.empty() && rest.back() == ' ') {
        rest.remove_suffix(1);
    }
    return rest.size() >= 2 && rest.front() == '[' && rest.back() == ']';
}

} // namespace

ListParseResult parse_catch2_tag_list(std::string_view output) {
    // `  name` starts a case, a wrapped name goes on after four spaces, and `      [a][b]` lines
    // hold its tags; a line at the left margin ends the list. A name that itself starts with
    // spaces can be misread; `add_catch2_tags` then finds the lists misaligned and gives no tags.
    ListParseResult result;
    bool in_list = false;
    std::string tags;
    auto finish_tags = [&] {
        if (result.cases.empty()) {
            return;
        }
        std::vector<std::string>& labels = result.cases.back().labels;
        std::size_t at = 0;
        while ((at = tags.find('[', at)) != std::string::npos) {
            const std::size_t close = tags.find(']', at);
            if (close == std::string::npos) {
                break;
            }
            labels.push_back(tags.substr(at + 1, close - at - 1));
            at = close + 1;
        }
        tags.clear();
    };
    for (std::string_view line : base::split_lines(output)) {
        if (!in_list) {
            in_list = line.ends_with(":");
            continue;
        }
        if (line.empty()) {
            continue;
        }
        if (!line.starts_with("  ")) {
            break;
        }
        if (is_tags_line(line)) {
            tags += line.substr(line.find_first_not_of(' '));
        } else if (!line.starts_with("    ") || line.starts_with("     ")) {
            finish_tags();
            TestCase test;
            test.name = std::string(line.substr(2));
            result.cases.push_back(std::move(test));
        }
    }
    finish_tags();
    return result;
}

void add_catch2_tags(std::vector<TestCase>& cases, const std::vector<TestCase>& tagged) {
    if (cases.size() != tagged.size()) {
        return;
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (!cases[i].name.starts_with(tagged[i].name)) {
            return;
        }
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
        cases[i].labels = tagged[i].labels;
    }
}

namespace {

/// How Catch2 v2 matches a name pattern: case-insensitively on trimmed text, with a `*` at
/// either end (and only there) as a wildcard.
bool catch2_pattern_matches(std::string_view pattern, std::string_view name) {
    bool any_prefix = !pattern.empty() && pattern.front() == '*';
    if (any_prefix) {
        pattern.remove_prefix(1);
    }
    bool any_suffix = !pattern.empty() && pattern.back() == '*';
    if (any_suffix) {
        pattern.remove_suffix(1);
    }
    if (any_prefix && any_suffix) {
        return name.find(pattern) != std::string_view::npos;
    }
    if (any_prefix) {
        return name.ends_with(pattern);
    }
    if (any_suffix) {
        return name.starts_with(pattern);
    }
    return name == pattern;
}

/// True when the wildcard name `key` (normalised) matches no listed case but itself, so passing
/// it as a spec still runs exactly that case.
bool wildcard_selects_only_itself(const std::string& key, const std::vector<std::string>& keys) {
    int matches = 0;
    for (const std::string& other : keys) {
        matches += catch2_pattern_matches(key, other) ? 1 : 0;
    }
    return matches == 1;
}

} // namespace

void mark_catch2_unselectable(std::vector<TestCase>& cases) {
    std::map<std::string, int> seen;
    std::vector<std::string> keys;
    for (const TestCase& test : cases) {
        keys.push_back(base::to_lower_ascii(base::trim(test.name)));
        ++seen[keys.back()];
    }
    for (TestCase& test : cases) {
        std::string key = base::to_lower_ascii(base::trim(test.name));
        if (key.empty()) {
            test.unselectable = "Catch2 cannot select a test case with an empty name";
        } else if ((key.front() == '*' || key.back() == '*') &&
                   !(seen[key] == 1 && wildcard_selects_only_itself(key, keys))) {
            test.unselectable = "Catch2 treats a leading or trailing `*` as a wildcard, even "
                                "escaped, and here it also matches another test case";
        } else if (key.starts_with("exclude:")) {
            test.unselectable = "Catch2 reads a leading `exclude:` as an exclusion, so this name "
                                "cannot be selected exactly";
        } else if (seen[key] > 1) {
            test.unselectable = "Catch2 matches names ignoring case and surrounding spaces, and "
                                "another test case has the same name that way";
        }
    }
}

std::string catch2_escape_name(std::string_view name) {
    std::string spec;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        bool special = c == '\\' || c == ',' || c == '[' || c == ']' || c == '~' || c == '"' ||
                       (i == 0 && c == '-');
        if (special) {
            spec += '\\';
        }
        spec += c;
    }
    return spec;
}

std::vector<std::string> catch2_run_arguments(const TestCase& test) {
    return {"--use-colour", "no", catch2_escape_name(test.name)};
}

FrameworkVerdict interpret_catch2_output(std::string_view stdout_text) {
    FrameworkVerdict verdict;
    bool summary_seen = false;
    std::vector<std::vector<std::string_view>> failures;
    bool in_block = false;
    for (std::string_view line : base::split_lines(stdout_text)) {
        if (in_block) {
            if (base::trim(line).empty()) {
                in_block = false;
            } else {
                failures.back().push_back(line);
            }
            continue;
        }
        if (is_failure_header(line)) {
            failures.push_back({line});
            in_block = true;
        } else if (line.starts_with("All tests passed (")) {
            // `All tests passed (3 assertions in 1 test case)`.
            summary_seen = true;
            std::size_t in = line.rfind(" in ");
            if (in != std::string_view::npos) {
                verdict.cases_run = base::leading_int(line.substr(in + 4));
            }
        } else if (line.starts_with("test cases:")) {
            // `test cases: 1 | 1 failed`; the counts may be padded to a common width.
            summary_seen = true;
            verdict.cases_run = base::leading_int(base::trim(line.substr(11)));
        } else if (line.starts_with("No test cases matched ") || line == "No tests ran") {
            summary_seen = summary_seen || line == "No tests ran";
            verdict.cases_run = 0;
        }
    }
    verdict.finished = summary_seen;
    if (!failures.empty()) {
        const std::vector<std::string_view>& first = failures.front();
        auto location = split_location(first.front(), "FAILED:");
        std::string message(location->location);
        if (first.size() > 1) {
            message += ": " + std::string(base::trim(first[1]));
            // `due to unexpected exception with message:` and similar explanations are followed
            // by the indented detail, which the one-line message needs.
            if (!is_indented(first[1]) && first.size() > 2 && is_indented(first[2])) {
                message += " " + std::string(base::trim(first[2]));
            }
        } else {
            message += ": FAILED";
        }
        verdict.failure_message = base::one_line(message);
        verdict.failure_description = join_blocks(failures, "\n");
    }
    return verdict;
}

} // namespace ptest::runner
