// The terminal reporter's event handling (see terminal_reporter.hpp). The line formats live in
// status_line, output_block and final_summary; this file decides what to print when.
#include "reporter/terminal/terminal_reporter.hpp"

#include "reporter/terminal/alone_hint.hpp"
#include "reporter/terminal/output_block.hpp"
#include "reporter/terminal/run_status_lines.hpp"
#include "reporter/terminal/script_lines.hpp"
#include "reporter/terminal/stress_lines.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>

namespace ptest::reporter {

namespace {

using profiles::FinalStatusLevel;
using profiles::StatusLevel;
using profiles::TestOutputDisplay;

constexpr std::string_view k_hbar = "------------";

bool is_immediate(TestOutputDisplay display) {
    return display == TestOutputDisplay::immediate || display == TestOutputDisplay::immediate_final;
}

bool is_final(TestOutputDisplay display) {
    return display == TestOutputDisplay::final || display == TestOutputDisplay::immediate_final;
}

std::string to_lower(std::string text) {
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

std::string counted(std::uint32_t n, std::string_view one, std::string_view many, bool color) {
    return paint(std::to_string(n), Style::count, color) + " " + std::string(n == 1 ? one : many);
}

std::string aligned(std::string_view word, Style style, bool color) {
    return aligned_word({std::string(word), style}, color);
}

/// Whether `key` of `profile` was set by the command line or the environment, which `--show-
/// progress=only` leaves alone.
bool set_explicitly(const profiles::Profile& profile, const std::string& key) {
    const auto found = profile.sources.find(key);
    return found != profile.sources.end() &&
           (found->second == "command line" || found->second == "environment");
}

} // namespace

TerminalReporter::TerminalReporter(LinePrinter& printer, const profiles::Profile& profile,
                                   TerminalOptions options)
    : m_printer(printer), m_status_level(profile.status_level),
      m_final_status_level(profile.final_status_level), m_failure_output(profile.failure_output),
      m_success_output(profile.success_output), m_options(std::move(options)),
      m_display(resolve_progress(m_options.show_progress, m_printer.smart(), m_options.no_capture)),
      m_now(m_options.now ? m_options.now : std::function<WallClock::time_point()>([] {
          return WallClock::now();
      })),
      m_show_slowest(profile.show_slowest) {
    if (m_display.hide_success) {
        // `only`: the bar says how far the run is; the lines say only what needs a look.
        if (!set_explicitly(profile, "status-level")) {
            m_status_level = StatusLevel::slow;
        }
        if (!set_explicitly(profile, "final-status-level")) {
            m_final_status_level = FinalStatusLevel::none;
        }
    }
    if (m_options.no_capture) {
        // Nothing is captured, and each test's own output is the interesting part. The only
        // output an attempt then carries is what a framework's report kept off the terminal
        // (Catch2 v2's XML reporter takes std::cout): show it at once, as the test would have.
        m_status_level = std::max(m_status_level, StatusLevel::pass);
        m_failure_output = TestOutputDisplay::immediate;
        m_success_output = TestOutputDisplay::immediate;
    }
}

void TerminalReporter::report(const Event& event) {
    m_running_tests.update(event, m_now());
    std::visit([this](const auto& e) { on_event(e); }, event);
    update_progress();
}

FinishResult TerminalReporter::finish() {
    FinishResult result;
    if (m_printer.write_failed()) {
        const int error = m_printer.write_errno();
        result.errors.emplace_back(
            ExitCode::write_output_error,
            std::string("could not write the test report") +
                (error != 0 ? std::string(": ") + std::strerror(error) : std::string()));
    }
    return result;
}

void TerminalReporter::on_event(const RunStarted& event) {
    const bool color = m_printer.color();
    m_cancel = CancelState::none;
    m_final_entries.clear();
    m_start_time = event.start_time;
    m_test_count = event.test_count;
    m_finished = 0;
    m_running = 0;
    m_passed = 0;
    m_failed = 0;
    m_progress_active = true;
    m_next_periodic = m_now() + m_options.progress_interval;
    m_last_periodic.clear();
    m_profile_name = event.profile.name;
    m_scripts = event.profile.scripts;
    m_script_passthrough = false;
    m_alone_passes.clear();
    m_test_times.clear();
    if (!event.run_id.empty()) {
        m_printer.print_line(k_hbar);
        m_printer.print_line(aligned("ptest run", Style::pass, color) + " ID " +
                             paint(event.run_id, Style::count, color) + " with ptest profile: " +
                             paint(event.profile.name, Style::count, color));
    }
    std::string line = aligned("Starting", Style::pass, color) + " ";
    line += counted(event.test_count, "test", "tests", color) + " across ";
    line += counted(event.binary_count, "binary", "binaries", color);
    if (event.skipped_count > 0) {
        line += " (" + counted(event.skipped_count, "test", "tests", color) + " skipped)";
    }
    m_printer.print_line(line);
}

void TerminalReporter::on_event(const TestStarted& event) {
    m_running = event.running;
    if (m_options.no_capture) {
        m_printer.print_line(aligned("START", Style::pass, m_printer.color()) + " " +
                             test_instance(event.test, m_printer.color()));
    }
}

void TerminalReporter::on_event(const TestSlow& event) {
    const bool color = m_printer.color();
    const bool retries = event.total_attempts > 1;
    const std::string attempt = "TRY " + std::to_string(event.attempt) + " ";
    StatusWord word;
    if (!event.will_terminate) {
        if (m_status_level < StatusLevel::slow) {
            return;
        }
        word = {retries ? attempt + "SLOW" : "SLOW", Style::skip};
    } else {
        // The last attempt's termination is a failure; an earlier one only leads to a retry.
        const bool last = event.attempt >= event.total_attempts;
        const StatusLevel required = last ? StatusLevel::fail : StatusLevel::retry;
        if (m_status_level < required) {
            return;
        }
        const bool with_attempt = retries && m_status_level > required;
        word = {with_attempt ? attempt + "TRMNTG" : "TERMINATING",
                last ? Style::fail : Style::retry};
    }
    m_printer.print_line(
        status_line(word, with_counter(slow_duration(event.elapsed)), event.test, color));
}

void TerminalReporter::on_event(const TestAttemptFailedWillRetry& event) {
    if (m_status_level < StatusLevel::retry) {
        return;
    }
    const bool color = m_printer.color();
    const AttemptResult& result = event.result;
    m_printer.print_line(status_line(retry_status_word(result),
                                     with_counter(bracketed_duration(result.duration)), event.test,
                                     color));
    print_detail(result);
    if (is_immediate(m_failure_output)) {
        print_attempt_output(m_printer, event.test, result, Style::retry);
    }
    if (event.delay_before_next.count() > 0) {
        const std::string delay = "DELAY " + std::to_string(result.attempt + 1) + "/" +
                                  std::to_string(result.total_attempts);
        char by[32];
        std::snprintf(by, sizeof by, "by %7.3fs",
                      std::chrono::duration<double>(event.delay_before_next).count());
        m_printer.print_line(aligned(delay, Style::retry, color) + " " + by + " " +
                             test_instance(event.test, color));
    }
}

void TerminalReporter::on_event(const TestRetryStarted& event) {
    if (m_status_level < StatusLevel::retry) {
        return;
    }
    const std::string word = event.alone ? std::string("RERUN ALONE")
                                         : "RETRY " + std::to_string(event.attempt) + "/" +
                                               std::to_string(event.total_attempts);
    m_printer.print_line(status_line({word, Style::retry}, with_counter(empty_duration()),
                                     event.test, m_printer.color()));
}

void TerminalReporter::on_event(const TestFinished& event) {
    const bool color = m_printer.color();
    const AttemptResult& last = event.last();
    m_running = event.running;
    ++m_finished;
    if (!last.is_success()) {
        ++m_failed;
    } else {
        ++m_passed; // A test that skipped itself passed, as the summary counts it.
    }
    if (event.passed_alone()) {
        ++m_alone_passes[event.test.binary_id];
    }
    if (m_show_slowest > 0) {
        m_test_times.push_back(test_time(event));
    }

    const TestOutputDisplay display = last.is_success() ? m_success_output : m_failure_output;
    const bool immediate = is_immediate(display);
    const bool listed = is_final(display) || m_final_status_level >= final_status_level_of(event);
    // A test ptest itself stopped because another one failed has nothing useful to show.
    const bool stopped_by_us =
        m_cancel == CancelState::test_failure && last.status == AttemptStatus::cancelled;

    // nextest's rules: after an interrupt show no output at all; after another signal show
    // output once (immediately when configured so, else at the end).
    const bool show_immediate = immediate && m_cancel <= CancelState::signal && !stopped_by_us;
    const bool store = listed && m_cancel < CancelState::interrupt && !stopped_by_us;
    const bool show_final_output =
        is_final(display) && !(immediate && m_cancel == CancelState::signal);

    if (m_status_level >= status_level_of(event)) {
        m_printer.print_line(status_line(
            live_status_word(event), with_counter(bracketed_duration(last.duration), m_finished),
            event.test, color));
        print_detail(last);
        print_alone_detail(event);
    }
    if (show_immediate) {
        print_attempt_output(m_printer, event.test, last, output_header_style(last, false));
    }
    if (store) {
        m_final_entries.push_back({event.test, event, show_final_output, std::nullopt});
    }
}

void TerminalReporter::on_event(const TestSkipped& event) {
    if (m_status_level >= StatusLevel::skip) {
        m_printer.print_line(status_line({"SKIP", Style::skip}, with_counter(empty_duration()),
                                         event.test, m_printer.color()));
        m_printer.print_line(detail_line(skip_reason_text(event.reason)));
    }
    if (m_final_status_level >= FinalStatusLevel::skip) {
        m_final_entries.push_back({event.test, std::nullopt, false, event.reason});
    }
}

void TerminalReporter::on_event(const RunCancelling& event) {
    const bool color = m_printer.color();
    const CancelState state = cancel_state_of(event);
    m_cancel = std::max(m_cancel, state);
    m_running = event.running;
    const std::string_view verb = state == CancelState::second_signal ? "Killing" : "Cancelling";
    std::string line = aligned(verb, Style::fail, color) + " due to " +
                       paint(cancel_reason_text(state), Style::fail, color);
    if (event.running > 0) {
        line += ": " + counted(event.running, "test", "tests", color) + " still running";
    }
    m_printer.print_line(line);
}

void TerminalReporter::on_event(const RunPaused& event) {
    const bool color = m_printer.color();
    m_progress_active = false;
    m_printer.print_line(aligned("Pausing", Style::pass, color) + " due to " +
                         paint("signal", Style::count, color) + ": " +
                         counted(event.running, "test", "tests", color) + " running");
}

void TerminalReporter::on_event(const RunContinued& event) {
    const bool color = m_printer.color();
    m_progress_active = true;
    m_printer.print_line(aligned("Continuing", Style::pass, color) + " due to " +
                         paint("signal", Style::count, color) + ": " +
                         counted(event.running, "test", "tests", color) + " running");
}

void TerminalReporter::on_event(const RunFinished& event) {
    const bool color = m_printer.color();
    m_progress_active = false;
    m_printer.print_line(k_hbar);
    m_printer.print_line(summary_line(event, color));
    // After Ctrl-C the user wants the prompt back, not a wall of repeated output.
    if (m_cancel < CancelState::interrupt) {
        sort_final_entries(m_final_entries);
        for (const FinalEntry& entry : m_final_entries) {
            m_printer.print_line(final_entry_line(entry, color));
            if (entry.finished) {
                const AttemptResult& last = entry.finished->last();
                if (!last.is_success() || last.status == AttemptStatus::skip) {
                    print_detail(last);
                }
                print_alone_detail(*entry.finished);
                if (entry.show_output) {
                    print_attempt_output(m_printer, entry.test, last,
                                         output_header_style(last, false));
                }
            } else if (entry.skip_reason) {
                m_printer.print_line(detail_line(skip_reason_text(*entry.skip_reason)));
            }
        }
    }
    if (const auto warning = not_run_warning(event, m_cancel, color)) {
        m_printer.print_line(*warning);
    }
    if (const auto note = batch_note(event.stats, color)) {
        m_printer.print_line(*note);
    }
    if (const auto note = batch_hint_note(event, color)) {
        m_printer.print_line(*note);
    }
    if (m_cancel < CancelState::interrupt) {
        for (const std::string& line : alone_hint_lines(m_alone_passes, m_profile_name, color)) {
            m_printer.print_line(line);
        }
    }
    for (const std::string& line :
         slowest_lines(slowest_tests(std::move(m_test_times), m_show_slowest), color)) {
        m_printer.print_line(line);
    }
    m_test_times.clear();
    m_final_entries.clear();
    m_alone_passes.clear();
}

void TerminalReporter::on_event(const StressIterationStarted& event) {
    m_printer.print_line(stress_header(event, m_printer.color()));
}

void TerminalReporter::on_event(const StressIterationFinished& event) {
    m_printer.print_line(stress_verdict(event, m_printer.color()));
}

void TerminalReporter::on_event(const StressRunFinished& event) {
    m_printer.print_line(k_hbar);
    m_printer.print_line(stress_summary(event, m_printer.color()));
}

void TerminalReporter::on_event(const ScriptStarted& event) {
    m_printer.print_line(script_started_line(event, m_printer.color()));
    // A script whose output is not captured writes to the terminal itself: no progress beside it.
    const auto& scripts = event.kind == ScriptKind::setup ? m_scripts.setup : m_scripts.teardown;
    const auto found = scripts.find(event.name);
    m_script_passthrough =
        found == scripts.end() || !found->second.capture_stdout || !found->second.capture_stderr;
}

void TerminalReporter::on_event(const ScriptFinished& event) {
    m_script_passthrough = false;
    m_printer.print_line(script_finished_line(event, m_printer.color()));
    const ScriptResult& result = event.result;
    if (result.is_success()) {
        return;
    }
    if (const std::string detail = script_failure_detail(result); !detail.empty()) {
        m_printer.print_line(detail_line(detail));
    }
    // Whatever stopped it, the output is why the service never came up: always shown.
    print_script_output(m_printer, to_lower(script_kind_word(result.kind)) + " " + result.name,
                        result.stdout_output, result.stderr_output, Style::fail);
}

void TerminalReporter::on_event(const ScriptHealthChecked& event) {
    m_printer.print_line(health_line(event, m_printer.color()));
    if (event.passed) {
        return;
    }
    m_printer.print_line(detail_line(health_failure_detail(event)));
    print_script_output(m_printer, "setup " + event.name, event.stdout_output, event.stderr_output,
                        Style::fail);
}

void TerminalReporter::on_event(const BatchFinished& /*event*/) {
    // Its cases are reported one by one as they are concluded.
}

void TerminalReporter::on_event(const RunStatus& event) {
    // Printed whatever the status level: someone asked. The progress line is redrawn after.
    for (const std::string& line : run_status_lines(event, m_printer.color())) {
        m_printer.print_line(line);
    }
}

void TerminalReporter::print_detail(const AttemptResult& result) {
    if (const std::string exit = exit_status_text(result); !exit.empty()) {
        m_printer.print_line(detail_line(exit));
    }
    const std::string detail = detail_text(result);
    if (!detail.empty()) {
        m_printer.print_line(detail_line(detail));
    }
    const std::string location = location_detail(result);
    if (!location.empty()) {
        m_printer.print_line(detail_line(location));
    }
}

void TerminalReporter::print_alone_detail(const TestFinished& finished) {
    const AttemptResult& last = finished.last();
    if (finished.passed_alone()) {
        m_printer.print_line(detail_line(k_passes_alone_reason));
    } else if (last.ran_alone && !last.is_success()) {
        m_printer.print_line(detail_line("failed when run alone too"));
    }
}

} // namespace ptest::reporter
