// Catch2 test specs. Every rule here follows Catch2's TestSpecParser (the same in 2.13.10 and
// 3.7.1) and was checked against both: tests/data/reports/FINDINGS.md and the catch2_hostile and
// catch2v3_hostile fixtures hold the evidence.
#include "runner/frameworks/catch2_spec.hpp"

#include "base/text.hpp"

#include <algorithm>
#include <map>

namespace ptest::runner {

namespace {

/// Characters a spec reads as syntax unless escaped: `,` separates specs, `[` `]` enclose tags,
/// `~` negates, `"` quotes, `\` escapes.
bool is_spec_syntax(char c) {
    return c == '\\' || c == ',' || c == '[' || c == ']' || c == '~' || c == '"';
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    for (char c : text) {
        if (is_spec_syntax(c)) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

/// Catch2 reads a name pattern starting `exclude:` as an exclusion, escaped or quoted.
constexpr std::string_view k_exclude = "exclude:";

bool is_wildcard(std::string_view pattern) {
    return !pattern.empty() && (pattern.front() == '*' || pattern.back() == '*');
}

/// Whether the spec of a case named `name` carries its tags.
bool spec_has_tags(std::string_view name, Catch2Tags tags) {
    return tags == Catch2Tags::always || name.starts_with(k_exclude) ||
           is_wildcard(catch2_normalise(name));
}

bool has_every_tag(const TestCase& holder, const TestCase& test) {
    return std::all_of(test.labels.begin(), test.labels.end(), [&](const std::string& tag) {
        return std::any_of(holder.labels.begin(), holder.labels.end(), [&](const std::string& own) {
            return base::to_lower_ascii(own) == base::to_lower_ascii(tag);
        });
    });
}

} // namespace

const std::string& catch2_declared_name(const TestCase& test) {
    return test.case_name.empty() ? test.name : test.case_name;
}

std::string catch2_normalise(std::string_view name) {
    return base::to_lower_ascii(base::trim(name));
}

bool catch2_pattern_matches(std::string_view pattern, std::string_view name) {
    const bool any_prefix = !pattern.empty() && pattern.front() == '*';
    if (any_prefix) {
        pattern.remove_prefix(1);
    }
    const bool any_suffix = !pattern.empty() && pattern.back() == '*';
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

Catch2Spec catch2_test_spec(const TestCase& test, Catch2Tags tags) {
    const std::string_view name = catch2_declared_name(test);
    Catch2Spec spec;
    if (name.starts_with(k_exclude)) {
        // No spelling of the name escapes the exclusion: match its tail instead.
        spec.argument = "*" + escape(name.substr(1));
        spec.pattern = catch2_normalise("*" + std::string(name.substr(1)));
    } else {
        const bool quote = !name.empty() && (is_spec_syntax(name.front()) || name.front() == ' ' ||
                                             name.front() == '-');
        spec.argument = quote ? "\"" + escape(name) + "\"" : escape(name);
        spec.pattern = catch2_normalise(name);
    }
    if (spec_has_tags(name, tags)) {
        for (const std::string& tag : test.labels) {
            spec.argument += "[" + escape(tag) + "]";
        }
    }
    return spec;
}

void mark_catch2_indistinguishable(std::vector<TestCase>& cases, Catch2Tags tags,
                                   bool with_location) {
    // Group by trimmed name first: almost every binary has no two cases in one group.
    std::map<std::string_view, std::vector<std::size_t>> by_name;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        by_name[base::trim(catch2_declared_name(cases[i]))].push_back(i);
    }
    std::vector<std::size_t> refused;
    for (const auto& entry : by_name) {
        const std::vector<std::size_t>& group = entry.second;
        for (std::size_t i : group) {
            const TestCase& test = cases[i];
            const bool tagged = spec_has_tags(catch2_declared_name(test), tags);
            const bool twin = std::any_of(group.begin(), group.end(), [&](std::size_t j) {
                const TestCase& other = cases[j];
                return j != i &&
                       (!with_location || (other.file == test.file && other.line == test.line)) &&
                       (!tagged || has_every_tag(other, test));
            });
            if (twin) {
                refused.push_back(i);
            }
        }
    }
    for (std::size_t i : refused) {
        cases[i].unselectable =
            with_location
                ? "another test case has the same name (Catch2 trims names), file and line, and "
                  "every tag of this one: neither a test spec nor Catch2's report tells them apart"
                : "another test case has the same name once Catch2 trims it, and Catch2 v2 lists "
                  "no file or line: neither a test spec nor Catch2's report tells them apart";
    }
}

} // namespace ptest::runner
