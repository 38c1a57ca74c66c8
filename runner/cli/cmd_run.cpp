// `ptest run`: list, select, run on the event loop with the terminal and JUnit reporters, write
// the JUnit file atomically, and turn the run's outcome into nextest's exit code. The only place
// that builds concrete reporters, together with the other subcommands.
#include "profiles/error.hpp"
#include "reporter/event_sink.hpp"
#include "reporter/junit/atomic_file.hpp"
#include "reporter/junit/junit_report.hpp"
#include "reporter/terminal/color_choice.hpp"
#include "reporter/terminal/line_printer.hpp"
#include "reporter/terminal/terminal_reporter.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/session.hpp"
#include "runner/process/process_group.hpp"
#include "runner/schedule/scheduler.hpp"
#include "runner/schedule/signals.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <stdlib.h>

namespace ptest::cli {

namespace fs = std::filesystem;

namespace {

/// A per-run scratch directory, removed with everything in it when the run ends.
class ScratchDir {
public:
    ScratchDir() {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern =
            std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/ptest-XXXXXX";
        if (::mkdtemp(pattern.data()) != nullptr) {
            m_path = pattern;
        }
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir() {
        if (!m_path.empty()) {
            std::error_code ignored;
            fs::remove_all(m_path, ignored);
        }
    }
    [[nodiscard]] const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

/// Kills and reaps every process ptest started, however the run ends.
struct ChildrenGuard {
    ChildrenGuard() = default;
    ChildrenGuard(const ChildrenGuard&) = delete;
    ChildrenGuard& operator=(const ChildrenGuard&) = delete;
    ~ChildrenGuard() { runner::kill_and_reap_all_children(); }
};

NoTests parse_no_tests(const std::string& text) {
    if (text == "fail") {
        return NoTests::fail;
    }
    if (text == "warn") {
        return NoTests::warn;
    }
    if (text == "pass") {
        return NoTests::pass;
    }
    throw Error(ExitCode::usage,
                "invalid --no-tests value `" + text + "` (expected fail, warn or pass)");
}

} // namespace

int run_command(const RunArgs& args) {
    ChildrenGuard guard;
    runner::become_subreaper();
    NoTests no_tests = parse_no_tests(args.no_tests);
    Session session(args.common, args.profile);
    profiles::Profile profile = session.profile();
    if (args.no_capture) {
        // Output goes straight to the terminal, so tests must not interleave.
        profile.test_threads = {profiles::ThreadCount::Kind::count, 1};
    }

    std::optional<fs::path> junit_path;
    if (profile.junit.path) {
        junit_path = reporter::resolve_junit_path(session.workspace_root(), *profile.junit.path);
        reporter::check_writable(*junit_path); // Before any test starts.
    }

    // One handler for the whole command; what a signal does depends on the phase. While
    // listing, an interrupt stops the listings and gives up.
    bool interrupted_while_listing = false;
    runner::Scheduler* active = nullptr;
    runner::SignalHandler signals(session.io(), runner::SignalCallbacks{
                                                    [&](int signal) {
                                                        if (active != nullptr) {
                                                            active->interrupt(signal);
                                                            return;
                                                        }
                                                        interrupted_while_listing = true;
                                                        runner::kill_and_reap_all_children();
                                                    },
                                                    [&] {
                                                        if (active != nullptr) {
                                                            active->pause();
                                                        }
                                                    },
                                                    [&] {
                                                        if (active != nullptr) {
                                                            active->resume();
                                                        }
                                                    },
                                                });
    try {
        session.list_and_select(args.common);
    } catch (const Error&) {
        if (!interrupted_while_listing) {
            throw;
        }
    }
    if (interrupted_while_listing) {
        throw Error(ExitCode::test_run_failed, "interrupted while listing tests");
    }

    const runner::Selection& selection = session.selection();
    int threads = profiles::resolve_thread_count(profile.test_threads, cpu_count());

    auto terminal_info = reporter::TerminalInfo::detect(stderr);
    auto color = reporter::parse_color_choice(args.common.color);
    if (!color) {
        throw Error(ExitCode::usage, "invalid --color value `" + args.common.color +
                                         "` (expected auto, always or never)");
    }
    reporter::LinePrinter printer =
        reporter::LinePrinter::for_stream(stderr, *color, terminal_info);
    reporter::TerminalReporter terminal(printer, profile, {args.no_capture});
    reporter::Fanout fanout;
    fanout.add(terminal);
    std::unique_ptr<reporter::JunitReport> junit;
    if (junit_path) {
        junit = std::make_unique<reporter::JunitReport>(profile.junit, *junit_path);
        fanout.add(*junit);
    }

    ScratchDir scratch;
    runner::RunOptions options;
    options.profile = profile;
    options.test_threads = threads;
    options.no_capture = args.no_capture;
    options.run_id = session.run_id();
    options.workspace_root = session.workspace_root();
    options.temp_dir = scratch.path();
    options.base_env = session.base_env();

    runner::Scheduler scheduler(session.io(), session.reaper(), fanout, options, selection.run,
                                selection.skipped);
    active = &scheduler;
    bool finished = false;
    scheduler.on_finished([&] {
        finished = true;
        signals.cancel();
        session.io().stop();
    });
    scheduler.start();
    if (!finished) {
        session.io().run();
    }
    active = nullptr;

    int code = 0;
    if (junit) {
        try {
            junit->write();
            if (!junit->budget_warning().empty()) {
                std::fprintf(stderr, "ptest: warning: %s\n", junit->budget_warning().c_str());
            }
        } catch (const Error& error) {
            std::fprintf(stderr, "ptest: error: %s\n", error.what());
            code = static_cast<int>(ExitCode::write_output_error);
        }
    }
    if (code != 0) {
        return code;
    }
    if (scheduler.cancelled() || scheduler.stats().any_failed() || scheduler.not_run() > 0) {
        return static_cast<int>(ExitCode::test_run_failed);
    }
    if (selection.run.empty()) {
        switch (no_tests) {
        case NoTests::fail:
            std::fprintf(stderr, "ptest: error: no tests to run (use --no-tests=pass or "
                                 "--no-tests=warn to allow this)\n");
            return static_cast<int>(ExitCode::no_tests_run);
        case NoTests::warn:
            std::fprintf(stderr, "ptest: warning: no tests to run\n");
            break;
        case NoTests::pass:
            break;
        }
    }
    return 0;
}

} // namespace ptest::cli
