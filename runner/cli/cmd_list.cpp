// `ptest list`: the test list after selection, as `<binary-id> <test-name>` lines (coloured when
// allowed) followed by the counts on stderr, or as one JSON document describing every binary, its
// tests and their labels, with the counts.
#include "base/exit_codes.hpp"
#include "base/json.hpp"

#include "reporter/terminal/color_choice.hpp"
#include "reporter/terminal/line_printer.hpp"
#include "runner/cli/children_guard.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/diagnostics.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace ptest::cli {

namespace {

using reporter::paint;
using reporter::Style;

/// Whether `stream` gets colour under `--color`.
bool color_for(const ListArgs& args, std::FILE* stream) {
    return reporter::resolve_color(parse_color(args.common.color),
                                   reporter::TerminalInfo::detect(stream));
}

/// `N test` or `N tests`, the number painted.
std::string tests_text(std::size_t n, bool color) {
    return paint(std::to_string(n), Style::count, color) + (n == 1 ? " test" : " tests");
}

/// One line per selected test on stdout, `<binary-id> <test-name>` plus a mark for an ignored or
/// refused test, so that scripts can read one test a line.
void print_human(const Session& session, bool color) {
    std::string out;
    const runner::Selection& selection = session.selection();
    for (const runner::TestRef& ref : selection.run) {
        if (ref.binary->listing_failure) {
            continue; // Its cases are unknown; the error after the list names it.
        }
        out += paint(ref.binary->id, Style::binary_id, color) + " " +
               paint(ref.test->name, Style::test_name, color);
        if (ref.test->ignored) {
            out += " (ignored)";
        }
        if (ref.test->unselectable) {
            out += (ref.binary->ctest ? " (refused: " : " (cannot run on its own: ") +
                   *ref.test->unselectable + ")";
        }
        out += '\n';
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

/// The counts of one binary or of the whole list.
struct ListCounts {
    std::size_t listed = 0;  ///< Selected tests (the lines of the list).
    std::size_t ignored = 0; ///< Of those, ignored ones (listed with `--run-ignored all`).
};

/// ` (2 ignored, 5 not selected, 4 in other partitions)`, or empty when all are 0.
std::string count_notes(std::size_t ignored, std::size_t not_selected, std::size_t partitioned,
                        bool color) {
    std::vector<std::string> notes;
    if (ignored > 0) {
        notes.push_back(paint(std::to_string(ignored), Style::count, color) + " ignored");
    }
    if (not_selected > 0) {
        notes.push_back(paint(std::to_string(not_selected), Style::count, color) + " not selected");
    }
    if (partitioned > 0) {
        notes.push_back(paint(std::to_string(partitioned), Style::count, color) +
                        " in other partitions");
    }
    std::string out;
    for (const std::string& note : notes) {
        out += (out.empty() ? " (" : ", ") + note;
    }
    return out.empty() ? out : out + ")";
}

/// The counts after a human list, on stderr so that the list itself stays one test a line: one
/// line per binary with tests listed (`gtest_basic: 7 tests (2 ignored)`), then the total
/// (`9 tests across 2 binaries (2 ignored, 5 not selected)`), as nextest counts a run.
void print_counts(const Session& session, bool color) {
    std::vector<std::pair<const runner::TestBinary*, ListCounts>> binaries;
    ListCounts total;
    for (const runner::TestRef& ref : session.selection().run) {
        if (ref.binary->listing_failure) {
            continue;
        }
        if (binaries.empty() || binaries.back().first != ref.binary) {
            binaries.emplace_back(ref.binary, ListCounts{});
        }
        ListCounts& counts = binaries.back().second;
        ++counts.listed;
        ++total.listed;
        counts.ignored += ref.test->ignored ? 1 : 0;
        total.ignored += ref.test->ignored ? 1 : 0;
    }
    std::string out;
    for (const auto& [binary, counts] : binaries) {
        out += paint(binary->id, Style::binary_id, color) + ": " +
               tests_text(counts.listed, color) + count_notes(counts.ignored, 0, 0, color) + "\n";
    }
    const runner::Selection& selection = session.selection();
    const auto partitioned = static_cast<std::size_t>(std::count_if(
        selection.skipped.begin(), selection.skipped.end(),
        [&](const runner::TestRef& ref) { return selection.partitioned.count(ref.test) > 0; }));
    out += tests_text(total.listed, color) + " across " +
           paint(std::to_string(binaries.size()), Style::count, color) +
           (binaries.size() == 1 ? " binary" : " binaries") +
           count_notes(total.ignored, selection.skipped.size() - partitioned, partitioned, color) +
           "\n";
    std::fwrite(out.data(), 1, out.size(), stderr);
}

/// One JSON document: `{"binaries":[{"id","path","kind","cwd","tests":[{"name","ignored",
/// "unselectable"?,"labels"}],"listing-error"?,"test-count"}],"test-count","skipped-count"}`,
/// members in that order, on one line. A binary whose listing failed has no tests and its
/// `listing-error` message. `labels` are the framework's tags or suite and the CTest LABELS;
/// `test-count` counts the tests listed, `skipped-count` the tests the selection left out.
void print_json(const Session& session) {
    using base::json::Value;
    Value binaries = Value::array();
    std::size_t total = 0;
    for (const runner::TestBinary& binary : session.test_list().binaries) {
        Value tests = Value::array();
        bool unlisted = false; // Selected, and its listing failed.
        for (const runner::TestRef& ref : session.selection().run) {
            if (ref.binary != &binary) {
                continue;
            }
            if (binary.listing_failure) {
                unlisted = true;
                continue;
            }
            Value test = {{"name", ref.test->name}, {"ignored", ref.test->ignored}};
            if (ref.test->unselectable) {
                test["unselectable"] = *ref.test->unselectable;
            }
            test["labels"] = ref.test->labels;
            tests.push_back(std::move(test));
        }
        const std::size_t count = tests.size();
        total += count;
        Value entry = {{"id", binary.id},
                       {"path", binary.path.string()},
                       {"kind", binary.kind},
                       {"cwd", binary.cwd.string()},
                       {"tests", std::move(tests)}};
        if (unlisted) {
            entry["listing-error"] = binary.listing_failure->message;
        }
        entry["test-count"] = count;
        binaries.push_back(std::move(entry));
    }
    const Value document = {{"binaries", std::move(binaries)},
                            {"test-count", total},
                            {"skipped-count", session.selection().skipped.size()}};
    const std::string out = base::json::dump(document) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
}

/// Name each selected binary whose listing failed, after the list of the others; returns the exit
/// code: test_list_creation_failed when there was one, else 0.
int report_listing_failures(const Session& session) {
    int failed = 0;
    for (const runner::TestRef& ref : session.selection().run) {
        if (ref.binary->listing_failure) {
            print_error(ref.binary->listing_failure->message);
            ++failed;
        }
    }
    if (failed == 0) {
        return 0;
    }
    print_note("`ptest run` runs the other binaries and reports " +
               std::string(failed == 1 ? "this one" : "these") +
               " as failed, with what the listing printed");
    return static_cast<int>(ExitCode::test_list_creation_failed);
}

} // namespace

int list_command(const ListArgs& args) {
    const MessageFormat format = parse_message_format(args.message_format);
    const ChildrenGuard children;
    Session session(args.common, ProfileArgs{});
    session.list_and_select(args.common);
    for (const std::string& note : session.notes()) {
        print_note(note);
    }
    if (format == MessageFormat::json) {
        print_json(session);
    } else {
        print_human(session, color_for(args, stdout));
        const auto& run = session.selection().run;
        // A binary that could not be listed leaves the counts short: its error says so instead.
        if (std::none_of(run.begin(), run.end(), [](const runner::TestRef& ref) {
                return ref.binary->listing_failure.has_value();
            })) {
            std::fflush(stdout); // The counts follow the list, also when both go to one terminal.
            print_counts(session, color_for(args, stderr));
        }
    }
    return report_listing_failures(session);
}

} // namespace ptest::cli
