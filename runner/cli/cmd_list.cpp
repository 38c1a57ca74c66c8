// `ptest list`: the test list after selection, as `<binary-id> <test-name>` lines or as one JSON
// document describing every binary and its tests.
#include "base/error.hpp"

#include "runner/cli/commands.hpp"
#include "runner/cli/json_writer.hpp"
#include "runner/frameworks/registry.hpp"
#include "runner/process/process_group.hpp"

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
        out += '\n';
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

void print_json(const Session& session) {
    std::string out = "{\"binaries\":[";
    bool first_binary = true;
    for (const runner::TestBinary& binary : session.test_list().binaries) {
        out += first_binary ? "" : ",";
        first_binary = false;
        out += "{\"id\":" + json_string(binary.id) +
               ",\"path\":" + json_string(binary.path.string()) +
               ",\"kind\":" + json_string(runner::to_string(binary.kind)) +
               ",\"cwd\":" + json_string(binary.cwd.string()) + ",\"tests\":[";
        bool first_test = true;
        for (const runner::TestRef& ref : session.selection().run) {
            if (ref.binary != &binary) {
                continue;
            }
            out += first_test ? "" : ",";
            first_test = false;
            out += "{\"name\":" + json_string(ref.test->name) +
                   ",\"ignored\":" + (ref.test->ignored ? "true" : "false");
            if (ref.test->unselectable) {
                out += ",\"unselectable\":" + json_string(*ref.test->unselectable);
            }
            out += "}";
        }
        out += "]}";
    }
    out += "]}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
}

} // namespace

int list_command(const ListArgs& args) {
    if (args.message_format != "human" && args.message_format != "json") {
        throw Error(ExitCode::usage, "invalid --message-format `" + args.message_format +
                                         "` (expected human or json)");
    }
    runner::become_subreaper();
    Session session(args.common, ProfileArgs{});
    try {
        session.list_and_select(args.common);
    } catch (...) {
        runner::kill_and_reap_all_children();
        throw;
    }
    for (const std::string& note : session.notes()) {
        std::fprintf(stderr, "ptest: note: %s\n", note.c_str());
    }
    if (args.message_format == "json") {
        print_json(session);
    } else {
        print_human(session);
    }
    return 0;
}

} // namespace ptest::cli
