// `ptest run`: list once, select, plan and order the tests, run them on the event loop (once, or
// repeatedly for `--stress-count` / `--stress-duration`) with the terminal and JUnit reporters
// and the history recorder as the event sinks, finish the sinks (the JUnit file is published
// and the history saved then), and turn the run's outcome into nextest's exit code. Together with
// the other subcommands, the only place that builds concrete reporters.
#include "base/atomic_file.hpp"
#include "base/error.hpp"

#include "reporter/event_sink.hpp"
#include "reporter/junit/junit_report.hpp"
#include "reporter/ndjson/ndjson_reporter.hpp"
#include "reporter/terminal/color_choice.hpp"
#include "reporter/terminal/line_printer.hpp"
#include "reporter/terminal/terminal_reporter.hpp"
#include "reporter/trace/trace_report.hpp"
#include "runner/cli/children_guard.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/diagnostics.hpp"
#include "runner/cli/event_stream.hpp"
#include "runner/cli/progress_options.hpp"
#include "runner/cli/progress_ticker.hpp"
#include "runner/cli/rerun_failed.hpp"
#include "runner/cli/run_driver.hpp"
#include "runner/cli/session.hpp"
#include "runner/cli/stress_plan.hpp"
#include "runner/history/history_recorder.hpp"
#include "runner/history/history_store.hpp"
#include "runner/history/last_run.hpp"
#include "runner/plan/order.hpp"
#include "runner/plan/settings.hpp"
#include "runner/schedule/prerequisites.hpp"

#include <cstdio>
#include <cstdlib>
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

/// The run's event sinks, in the order they see each event and are finished: the terminal
/// report, the JUnit file (when the profile has a path), the NDJSON stream (when `stream` is
/// set) and the history (added once loaded).
class RunSinks {
public:
    RunSinks(reporter::LinePrinter& printer, const profiles::Profile& profile,
             const reporter::TerminalOptions& terminal, const std::optional<fs::path>& junit_path,
             const EventStream* stream)
        : m_terminal(printer, profile, terminal) {
        const bool no_capture = terminal.no_capture;
        m_fanout.add(m_terminal);
        if (junit_path) {
            m_junit.emplace(profile.junit, *junit_path, reporter::junit_report_options(profile));
            m_fanout.add(*m_junit);
        }
        if (stream != nullptr) {
            m_ndjson.emplace(stream->fd(), reporter::NdjsonContext{PTEST_VERSION, no_capture,
                                                                   profile.show_slowest});
            m_fanout.add(*m_ndjson);
        }
    }
    RunSinks(const RunSinks&) = delete;
    RunSinks& operator=(const RunSinks&) = delete;

    /// Record every finished test into `history`, which must outlive the sinks, and save it to
    /// `file` when the sinks are finished.
    void record_into(runner::HistoryStore& history, const fs::path& file) {
        m_fanout.add(m_history.emplace(history, file));
    }

    /// Record this run's outcomes into `last_run` (`--rerun-failed` reads them) when it keeps
    /// them; `session` must outlive the sinks.
    void record_last_run(LastRun& last_run, const Session& session) {
        if (runner::LastRunStore* store = last_run.store()) {
            m_fanout.add(m_last_run.emplace(*store, last_run.file(), session.selection().run,
                                            session.test_list()));
        }
    }

    reporter::EventSink& sink() { return m_fanout; }
    reporter::TerminalReporter& terminal() { return m_terminal; }

    /// End the NDJSON stream, if any, with the command's `exit_code`; returns the code to exit
    /// with: `exit_code`, or that of the stream's failed write (which is printed).
    int close(int exit_code) {
        if (m_ndjson) {
            if (std::optional<Error> error = m_ndjson->close(exit_code)) {
                print_error(error->what());
                return static_cast<int>(error->code());
            }
        }
        return exit_code;
    }

    /// Also write a trace of the run to `path` (`--trace`), starting with the listing's span.
    void trace_into(const fs::path& path, reporter::WallClock::time_point listed_at,
                    reporter::Duration listing, std::size_t binaries) {
        m_fanout.add(m_trace.emplace(path));
        m_trace->add_listing(listed_at, listing, binaries);
    }

private:
    reporter::TerminalReporter m_terminal;
    std::optional<reporter::JunitReport> m_junit;
    std::optional<reporter::NdjsonReporter> m_ndjson;
    std::optional<reporter::TraceReport> m_trace;
    std::optional<runner::HistoryRecorder> m_history;
    std::optional<runner::LastRunRecorder> m_last_run;
    reporter::Fanout m_fanout;
};

/// The session's profile as this run uses it.
profiles::Profile run_profile(const Session& session, const RunArgs& args) {
    const bool no_capture = args.no_capture;
    profiles::Profile profile = session.profile();
    // ctest's `--timeout` is the default limit; per-test overrides (and CTest TIMEOUT) still win.
    if (std::optional<profiles::SlowTimeout> timeout =
            ctest_timeout(args.ctest, profile.slow_timeout)) {
        profile.slow_timeout = *timeout;
    }
    if (no_capture) {
        // Output goes straight to the terminal, so tests must not interleave.
        profile.test_threads = {profiles::ThreadCount::Kind::count, 1};
    }
    return profile;
}

/// Where the JUnit file goes, checked writable before any test starts; none without a path.
std::optional<fs::path> junit_path_of(const Session& session, const profiles::Profile& profile) {
    if (!profile.junit.path) {
        return std::nullopt;
    }
    fs::path path = reporter::resolve_junit_path(session.workspace_root(), *profile.junit.path);
    base::check_writable(path);
    return path;
}

/// Where `--trace` writes, checked writable before any test starts; none without the flag.
std::optional<fs::path> trace_path_of(const RunArgs& args) {
    if (!args.trace) {
        return std::nullopt;
    }
    fs::path path(*args.trace);
    base::check_writable(path);
    return path;
}

runner::RunOptions run_options(const Session& session, const profiles::Profile& profile,
                               bool no_capture, const fs::path& temp_dir) {
    runner::RunOptions options;
    options.profile = profile;
    options.no_capture = no_capture;
    options.run_id = session.run_id();
    options.workspace_root = session.workspace_root();
    options.temp_dir = temp_dir;
    options.base_env = session.base_env();
    // Only cases expanded from a whole CTest test (`--build-dir`) are ever re-run alone.
    options.rerun_alone = session.config().ctest().rerun_alone;
    return options;
}

/// List and select the tests (then `narrow` them). An interrupt while listing ends the command
/// (test_run_failed).
void list_tests(Session& session, const RunDriver& driver, const CommonArgs& common,
                const Session::SelectionStep& narrow) {
    try {
        session.list_and_select(common, narrow);
    } catch (const Error&) {
        if (!driver.interrupted_while_listing()) {
            throw;
        }
    }
    if (driver.interrupted_while_listing()) {
        throw Error(ExitCode::test_run_failed, "interrupted while listing tests");
    }
    session.warn_unselectable();
    // A CTest test run whole because its listing failed is news for every run: each is printed.
    for (const std::string& note : session.listing_notes()) {
        print_note(note);
    }
    const std::size_t notes = session.notes().size() - session.listing_notes().size();
    if (notes > 0) {
        print_note(std::to_string(notes) + (notes == 1 ? " note" : " notes") +
                   " on the build tree's CTest tests (properties not honoured, binaries run "
                   "whole); `ptest list --build-dir` prints " +
                   (notes == 1 ? "it" : "them"));
    }
}

/// ctest runs nothing when its selected tests wait for each other in a cycle (through DEPENDS or
/// fixtures), and neither does ptest.
void check_prerequisite_cycle(const std::vector<runner::PlannedTest>& tests) {
    if (std::string cycle = runner::prerequisite_cycle(tests); !cycle.empty()) {
        throw Error(ExitCode::setup_error,
                    "CTest tests wait for each other in a cycle through DEPENDS or fixtures (" +
                        cycle + ", each waiting for the next); ctest runs none of them either");
    }
}

/// The history store: read (a store that cannot be read is a warning: history only ever helps).
runner::HistoryStore load_history(const fs::path& file) {
    std::vector<std::string> warnings;
    runner::HistoryStore history = runner::HistoryStore::load(file, warnings);
    for (const std::string& warning : warnings) {
        print_warning(warning);
    }
    return history;
}

/// Finish the sinks (publishing the JUnit file, saving the history) and print what they say:
/// the errors, then the warnings. Returns the exit code of the first output that failed, or 0.
int finish_sinks(reporter::EventSink& sink) {
    reporter::FinishResult finished = sink.finish();
    for (const Error& error : finished.errors) {
        print_error(error.what());
    }
    for (const std::string& warning : finished.warnings) {
        print_warning(warning);
    }
    return finished.errors.empty() ? 0 : static_cast<int>(finished.errors.front().code());
}

/// The exit code of a run in which every output was written.
int run_exit_code(bool any_failed, bool none_selected, NoTests no_tests) {
    if (any_failed) {
        return static_cast<int>(ExitCode::test_run_failed);
    }
    if (none_selected && no_tests == NoTests::fail) {
        print_error("no tests to run (use --no-tests=pass or --no-tests=warn to allow this)");
        return static_cast<int>(ExitCode::no_tests_run);
    }
    if (none_selected && no_tests == NoTests::warn) {
        print_warning("no tests to run");
    }
    return 0;
}

/// The command's exit code once the run is over: that of an output that could not be written,
/// of a failed setup or teardown script, or of the run's tests as `--rerun-failed` (`last_run`)
/// sees them.
int finished_exit_code(reporter::EventSink& sink, const RunDriver& driver, const LastRun& last_run,
                       bool any_failed, bool none_selected, NoTests no_tests) {
    const int output_code = finish_sinks(sink);
    if (output_code != 0) {
        return output_code;
    }
    if (driver.setup_failed()) {
        print_error("a setup script failed: no test ran (its output is above)");
        return static_cast<int>(ExitCode::setup_script_failed);
    }
    const int code = last_run.nothing_to_rerun()
                         ? last_run.exit_code(0)
                         : last_run.exit_code(run_exit_code(any_failed, none_selected, no_tests));
    if (code == 0 && driver.teardown_failed()) {
        print_error("a teardown script failed (its output is above)");
        return static_cast<int>(ExitCode::setup_script_failed);
    }
    return code;
}

} // namespace

int run_command(const RunArgs& args) {
    const ChildrenGuard children;
    // Set aside before anything runs, so no child and no print can reach the stream.
    std::optional<EventStream> stream;
    if (parse_run_message_format(args.message_format) == RunMessageFormat::ndjson) {
        stream.emplace();
    }
    const NoTests no_tests = parse_no_tests(args.no_tests);
    StressPlan stress = parse_stress(args.stress_count, args.stress_duration);
    const runner::Order order = runner::parse_order(args.order);
    Session session(args.common, args.profile);
    const profiles::Profile profile = run_profile(session, args);
    const std::optional<fs::path> junit_path = junit_path_of(session, profile);
    reporter::LinePrinter printer = reporter::LinePrinter::for_stream(
        stderr, parse_color(args.common.color), reporter::TerminalInfo::detect(stderr));
    RunSinks sinks(printer, profile, terminal_options(args, profiles::system_getenv()), junit_path,
                   stream ? &*stream : nullptr);
    const ScratchDir scratch;

    // The driver (and its signal handler) exists before listing, so an interrupt while the
    // binaries are listed stops the listings instead of killing ptest.
    RunDriver driver(session, sinks.sink(),
                     run_options(session, profile, args.no_capture, scratch.path()));
    LastRun last_run(session, args.rerun_failed);
    const std::optional<fs::path> trace_path = trace_path_of(args);
    const auto listed_at = reporter::WallClock::now();
    const auto listing_start = reporter::Clock::now();
    list_tests(session, driver, args.common, last_run.selection_step());
    if (trace_path) {
        sinks.trace_into(*trace_path, listed_at, reporter::Clock::now() - listing_start,
                         session.test_list().binaries.size());
    }
    const runner::Selection& selection = session.selection();
    if (selection.run.empty()) {
        stress = StressPlan{}; // Nothing to repeat: report the empty run once.
    }
    const int threads = profiles::resolve_thread_count(profile.test_threads, cpu_count());
    driver.set_test_threads(threads, cpu_count());
    runner::PlannedRun plan = runner::plan_settings(selection.run, profile, cpu_count(), threads);
    check_prerequisite_cycle(plan.tests);
    driver.set_plan(std::move(plan));
    const std::optional<fs::path> history_file = session.history_file();
    runner::HistoryStore history =
        history_file ? load_history(*history_file) : runner::HistoryStore{};
    driver.order(order, history);
    if (history_file) {
        sinks.record_into(history, *history_file);
    }
    sinks.record_last_run(last_run, session);

    bool any_failed = false;
    {
        // The bar's clocks move on between events; the periodic lines come out in a pipe.
        reporter::TerminalReporter& terminal = sinks.terminal();
        const ProgressTicker ticker(session.io(), terminal.tick_period(),
                                    [&terminal] { terminal.tick(); });
        any_failed = driver.run(stress);
    }
    return sinks.close(finished_exit_code(sinks.sink(), driver, last_run, any_failed,
                                          selection.run.empty(), no_tests));
}

} // namespace ptest::cli
