// Merging JUnit reports: parse each input with pugixml, copy its suites' testcases and
// properties into one document, then recompute what depends on the whole (see junit_merge.hpp).
#include "reporter/junit/junit_merge.hpp"

#include "base/error.hpp"

#include "reporter/junit/junit_outcome.hpp"

#include <pugixml.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace ptest::reporter {

namespace {

using Millis = std::chrono::milliseconds;

[[noreturn]] void refuse(const std::string& message) {
    throw Error(ExitCode::junit_merge_failed, message);
}

/// Milliseconds since the epoch of an RFC 3339 timestamp (`2025-01-09T07:50:12.664+00:00`, `Z`
/// allowed, fraction optional), or nothing when it is not one.
std::optional<std::int64_t> parse_timestamp(std::string_view text) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int used = 0;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2u-%2uT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                    &second, &used) != 6) {
        return std::nullopt;
    }
    std::string_view rest = text.substr(static_cast<std::size_t>(used));
    std::int64_t millis = 0;
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        int digits = 0;
        while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
            if (digits++ < 3) {
                millis = millis * 10 + (rest.front() - '0');
            }
            rest.remove_prefix(1);
        }
        for (; digits < 3; ++digits) {
            millis *= 10;
        }
    }
    int offset_minutes = 0;
    if (rest == "Z" || rest == "z") {
        offset_minutes = 0;
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
        const int hours = (rest[1] - '0') * 10 + (rest[2] - '0');
        const int minutes = (rest[4] - '0') * 10 + (rest[5] - '0');
        offset_minutes = (rest[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
    } else {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                           std::chrono::day{day}};
    if (!date.ok()) {
        return std::nullopt;
    }
    const std::int64_t days = std::chrono::sys_days(date).time_since_epoch().count();
    const std::int64_t seconds =
        days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    return seconds * 1000 + millis;
}

/// Milliseconds of a `time` attribute (`1.234`), or 0 when it is missing or not a number.
std::int64_t parse_seconds(const char* text) {
    const std::string_view view(text);
    double seconds = 0.0;
    const auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), seconds);
    if (ec != std::errc() || end != view.data() + view.size() || seconds < 0.0) {
        return 0;
    }
    return static_cast<std::int64_t>(seconds * 1000.0 + 0.5);
}

/// The earliest start and latest end seen, in milliseconds since the epoch.
struct Span {
    std::optional<std::int64_t> start;
    std::int64_t end = 0;

    void add(const pugi::xml_node& node) {
        const std::optional<std::int64_t> at = parse_timestamp(node.attribute("timestamp").value());
        if (!at) {
            return;
        }
        start = start ? std::min(*start, *at) : *at;
        end = std::max(end, *at + parse_seconds(node.attribute("time").value()));
    }

    void write(pugi::xml_node node) const {
        const std::int64_t from = start.value_or(
            std::chrono::duration_cast<Millis>(WallClock::now().time_since_epoch()).count());
        node.attribute("timestamp") = format_timestamp(WallClock::time_point(Millis(from))).c_str();
        node.attribute("time") =
            format_seconds(start ? Millis(end - *start) : Duration::zero()).c_str();
    }
};

/// A testcase's verdict: `failure`, `error` or `skipped` from its first outcome child, else
/// `passed` (a flaky pass included).
std::string verdict_of(const pugi::xml_node& test_case) {
    for (const pugi::xml_node child : test_case.children()) {
        const std::string_view tag = child.name();
        if (tag == "failure" || tag == "error" || tag == "skipped") {
            return std::string(tag);
        }
    }
    return "passed";
}

/// One merged suite as it is being built.
struct SuiteState {
    pugi::xml_node node;
    pugi::xml_node properties;
    std::set<std::pair<std::string, std::string>> property_values;
    std::string system_out;
    std::string system_err;
    Span span;
};

/// Where a test was first seen, and with which verdict.
struct Seen {
    std::size_t input = 0;
    std::string verdict;
};

/// Creates a suite element with its attributes in the contract's order; the values are set last.
pugi::xml_node new_suite(pugi::xml_node root, const char* name) {
    pugi::xml_node suite = root.append_child("testsuite");
    for (const char* attribute :
         {"name", "tests", "skipped", "errors", "failures", "timestamp", "time"}) {
        suite.append_attribute(attribute);
    }
    suite.attribute("name") = name;
    return suite;
}

/// Keeps pugixml from indenting the children of the attempt elements (`rerunFailure` ...), whose
/// text is the description: whitespace added there would become part of it.
void keep_attempts_unindented(pugi::xml_node test_case) {
    for (pugi::xml_node element : test_case.children()) {
        const std::string_view tag = element.name();
        if (tag != "rerunFailure" && tag != "rerunError" && tag != "flakyFailure" &&
            tag != "flakyError") {
            continue;
        }
        for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
            if (child.type() == pugi::node_element &&
                child.next_sibling().type() != pugi::node_pcdata) {
                child = element.insert_child_after(pugi::node_pcdata, child);
            }
        }
    }
}

class Merger {
public:
    Merger(const std::vector<JunitInput>& inputs, JunitMerged& merged)
        : m_inputs(inputs), m_merged(merged) {
        pugi::xml_node declaration = m_out.append_child(pugi::node_declaration);
        declaration.append_attribute("version") = "1.0";
        declaration.append_attribute("encoding") = "UTF-8";
        m_root = m_out.append_child("testsuites");
        for (const char* attribute :
             {"name", "tests", "skipped", "failures", "errors", "uuid", "timestamp", "time"}) {
            m_root.append_attribute(attribute);
        }
    }

    void add(std::size_t index) {
        const JunitInput& input = m_inputs[index];
        pugi::xml_document document;
        const pugi::xml_parse_result parsed =
            document.load_buffer(input.content.data(), input.content.size());
        if (!parsed) {
            refuse(input.name + ": not a JUnit report: " + parsed.description() + " at byte " +
                   std::to_string(parsed.offset));
        }
        const pugi::xml_node root = document.document_element();
        if (std::string_view(root.name()) != "testsuites") {
            refuse(input.name + ": not a JUnit report: its root element is <" + root.name() +
                   ">, not <testsuites>");
        }
        if (index == 0) {
            const char* name = root.attribute("name").value();
            m_root.attribute("name") = *name != '\0' ? name : "nextest-run";
        }
        m_span.add(root);
        for (const pugi::xml_node suite : root.children("testsuite")) {
            add_suite(index, suite);
        }
    }

    void finish(std::string_view uuid) {
        Counts total;
        for (auto& [name, suite] : m_suites) {
            const Counts counts = finish_suite(suite);
            total.tests += counts.tests;
            total.skipped += counts.skipped;
            total.failures += counts.failures;
            total.errors += counts.errors;
        }
        m_root.attribute("tests") = total.tests;
        m_root.attribute("skipped") = total.skipped;
        m_root.attribute("failures") = total.failures;
        m_root.attribute("errors") = total.errors;
        m_root.attribute("uuid") = std::string(uuid).c_str();
        m_span.write(m_root);
        m_merged.tests = total.tests;
        m_merged.failures = total.failures + total.errors;
        m_merged.suites = m_suites.size();
        StringWriter writer;
        m_out.save(writer, "    ", pugi::format_indent, pugi::encoding_utf8);
        m_merged.xml = std::move(writer.text);
    }

private:
    struct Counts {
        std::size_t tests = 0;
        std::size_t skipped = 0;
        std::size_t failures = 0;
        std::size_t errors = 0;
    };

    struct StringWriter final : pugi::xml_writer {
        std::string text;
        void write(const void* data, std::size_t size) override {
            text.append(static_cast<const char*>(data), size);
        }
    };

    void add_suite(std::size_t index, const pugi::xml_node& suite) {
        const std::string name = suite.attribute("name").value();
        if (name.empty()) {
            refuse(m_inputs[index].name + ": not a JUnit report: a <testsuite> has no name");
        }
        auto [found, added] = m_suites.try_emplace(name);
        SuiteState& state = found->second;
        if (added) {
            state.node = new_suite(m_root, name.c_str());
        }
        state.span.add(suite);
        for (const pugi::xml_node child : suite.children()) {
            const std::string_view tag = child.name();
            if (tag == "testcase") {
                add_case(index, name, state, child);
            } else if (tag == "properties") {
                add_properties(state, child);
            } else if (tag == "system-out") {
                state.system_out += child.text().get();
            } else if (tag == "system-err") {
                state.system_err += child.text().get();
            }
        }
    }

    void add_case(std::size_t index, const std::string& suite, SuiteState& state,
                  const pugi::xml_node& test_case) {
        const std::string name = test_case.attribute("name").value();
        const std::string verdict = verdict_of(test_case);
        auto [found, added] = m_seen.try_emplace({suite, name}, Seen{index, verdict});
        if (!added) {
            const Seen& first = found->second;
            const std::string test = "test `" + suite + "` `" + name + "`";
            if (first.verdict != verdict) {
                refuse(test + " is in two reports with different verdicts: " + first.verdict +
                       " in " + m_inputs[first.input].name + ", " + verdict + " in " +
                       m_inputs[index].name);
            }
            m_merged.warnings.push_back(test + " is in both " + m_inputs[first.input].name +
                                        " and " + m_inputs[index].name + " (" + verdict +
                                        " in both): kept once; did two shards run it?");
            return;
        }
        keep_attempts_unindented(state.node.append_copy(test_case));
    }

    static void add_properties(SuiteState& state, const pugi::xml_node& properties) {
        for (const pugi::xml_node property : properties.children("property")) {
            auto key = std::make_pair(std::string(property.attribute("name").value()),
                                      std::string(property.attribute("value").value()));
            if (!state.property_values.insert(std::move(key)).second) {
                continue;
            }
            if (!state.properties) {
                state.properties = state.node.prepend_child("properties");
            }
            state.properties.append_copy(property);
        }
    }

    static Counts finish_suite(SuiteState& state) {
        Counts counts;
        for (const pugi::xml_node test_case : state.node.children("testcase")) {
            ++counts.tests;
            const std::string verdict = verdict_of(test_case);
            counts.skipped += verdict == "skipped" ? 1 : 0;
            counts.failures += verdict == "failure" ? 1 : 0;
            counts.errors += verdict == "error" ? 1 : 0;
        }
        if (!state.system_out.empty()) {
            state.node.append_child("system-out").text() = state.system_out.c_str();
        }
        if (!state.system_err.empty()) {
            state.node.append_child("system-err").text() = state.system_err.c_str();
        }
        state.node.attribute("tests") = counts.tests;
        state.node.attribute("skipped") = counts.skipped;
        state.node.attribute("errors") = counts.errors;
        state.node.attribute("failures") = counts.failures;
        state.span.write(state.node);
        return counts;
    }

    const std::vector<JunitInput>& m_inputs;
    JunitMerged& m_merged;
    pugi::xml_document m_out;
    pugi::xml_node m_root;
    Span m_span;
    // Suites by name; `std::map` for lookup only: the output keeps first-seen order.
    std::map<std::string, SuiteState> m_suites;
    std::map<std::pair<std::string, std::string>, Seen> m_seen;
};

} // namespace

JunitMerged merge_junit_reports(const std::vector<JunitInput>& inputs, std::string_view uuid) {
    JunitMerged merged;
    Merger merger(inputs, merged);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        merger.add(i);
    }
    merger.finish(uuid);
    return merged;
}

} // namespace ptest::reporter
