// `ptest list`: the test list after selection, as `<binary-id> <test-name>` lines or as one JSON
// document describing every binary and its tests.
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
/// "unselectable"?}]}]}`, members in that order, on one line.
void print_json(const Session& session) {
    using base::json::Value;
    Value binaries = Value::array();
    for (const runner::TestBinary& binary : session.test_list().binaries) {
        Value tests = Value::array();
        for (const runner::TestRef& ref : session.selection().run) {
            if (ref.binary != &binary) {
                continue;
            }
            Value test = {{"name", ref.test->name}, {"ignored", ref.test->ignored}};
            if (ref.test->unselectable) {
                test["unselectable"] = *ref.test->unselectable;
            }
            tests.push_back(std::move(test));
        }
        binaries.push_back({{"id", binary.id},
                            {"path", binary.path.string()},
                            {"kind", binary.kind},
                            {"cwd", binary.cwd.string()},
                            {"tests", std::move(tests)}});
    }
    const std::string out = base::json::dump(Value{{"binaries", std::move(binaries)}}) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
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
    return 0;
}

} // namespace ptest::cli
