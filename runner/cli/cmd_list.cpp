// `ptest list`: the test list after selection, as `<binary-id> <test-name>` lines or as one JSON
// document describing every binary and its tests.
#include "base/exit_codes.hpp"
#include "base/json.hpp"

#include "runner/cli/children_guard.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/diagnostics.hpp"

#include <cstdio>
#include <string>

namespace ptest::cli {

namespace {

void print_human(const Session& session) {
    std::string out;
    const runner::Selection& selection = session.selection();
    for (const runner::TestRef& ref : selection.run) {
        if (ref.binary->listing_failure) {
            continue; // Its cases are unknown; the error after the list names it.
        }
        out += ref.binary->id + " " + ref.test->name;
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

/// One JSON document: `{"binaries":[{"id","path","kind","cwd","tests":[{"name","ignored",
/// "unselectable"?}],"listing-error"?}]}`, members in that order, on one line. A binary whose
/// listing failed has no tests and its `listing-error` message.
void print_json(const Session& session) {
    using base::json::Value;
    Value binaries = Value::array();
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
            tests.push_back(std::move(test));
        }
        Value entry = {{"id", binary.id},
                       {"path", binary.path.string()},
                       {"kind", binary.kind},
                       {"cwd", binary.cwd.string()},
                       {"tests", std::move(tests)}};
        if (unlisted) {
            entry["listing-error"] = binary.listing_failure->message;
        }
        binaries.push_back(std::move(entry));
    }
    const std::string out = base::json::dump(Value{{"binaries", std::move(binaries)}}) + "\n";
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
        print_human(session);
    }
    return report_listing_failures(session);
}

} // namespace ptest::cli
