// Status words, status levels and fixed-width fields of status lines (see status_line.hpp).
#include "reporter/terminal/status_line.hpp"

#include "base/signal_names.hpp"

#include "reporter/terminal/terminal_text.hpp"

#include <csignal>
#include <cstdio>

namespace ptest::reporter {

namespace {

constexpr std::size_t k_word_width = 12;

double seconds(Duration duration) {
    return std::chrono::duration<double>(duration).count();
}

bool is_plain_success(const TestFinished& finished) {
    return finished.last().is_success() && !passed_on_retry(finished);
}

/// The signal's name without `SIG` when it has one ("SEGV"), else empty.
std::string short_signal_name(int signal) {
    const std::string name = base::signal_name(signal);
    if (name.rfind("SIG", 0) == 0) {
        return name.substr(3);
    }
    return {};
}

} // namespace

bool passed_on_retry(const TestFinished& finished) {
    // Not TestFinished::is_flaky(): a last attempt that passed but leaked with leak result
    // `fail` is a failure, not a flaky pass.
    return finished.attempts.size() > 1 && finished.last().status == AttemptStatus::pass &&
           finished.last().is_success();
}

CancelState cancel_state_of(const RunCancelling& event) {
    switch (event.reason) {
    case CancelReason::fail_fast:
        return CancelState::test_failure;
    case CancelReason::second_signal:
        return CancelState::second_signal;
    case CancelReason::setup_script_failure:
        return CancelState::setup_failure;
    case CancelReason::global_timeout:
        return CancelState::global_timeout;
    case CancelReason::signal:
        break;
    }
    return event.signal == SIGINT ? CancelState::interrupt : CancelState::signal;
}

std::string_view cancel_reason_text(CancelState state) {
    switch (state) {
    case CancelState::none:
        return "";
    case CancelState::test_failure:
        return "test failure";
    case CancelState::setup_failure:
        return "setup script failure";
    case CancelState::global_timeout:
        return "global timeout";
    case CancelState::signal:
        return "signal";
    case CancelState::interrupt:
        return "interrupt";
    case CancelState::second_signal:
        return "second signal";
    }
    return "";
}

std::string status_word(const AttemptResult& result) {
    switch (result.status) {
    case AttemptStatus::pass:
        switch (result.leak) {
        case LeakStatus::none:
            return "PASS";
        case LeakStatus::leaked_pass:
            return "LEAK";
        case LeakStatus::leaked_fail:
            return "LEAK-FAIL";
        }
        return "PASS";
    case AttemptStatus::fail:
        return result.leak == LeakStatus::none ? "FAIL" : "FAIL + LEAK";
    case AttemptStatus::abort:
        if (!result.signal) {
            return "ABORT";
        }
        if (short_signal_name(*result.signal).empty()) {
            return "ABORT SIG " + std::to_string(*result.signal);
        }
        return base::signal_name(*result.signal);
    case AttemptStatus::timeout:
        return "TIMEOUT";
    case AttemptStatus::exec_fail:
        return "XFAIL";
    case AttemptStatus::skip:
        return "SKIP";
    case AttemptStatus::cancelled:
        return "CANCEL";
    }
    return "FAIL";
}

std::string short_status_word(const AttemptResult& result) {
    switch (result.status) {
    case AttemptStatus::pass:
        return result.leak == LeakStatus::leaked_fail ? "LKFAIL" : status_word(result);
    case AttemptStatus::fail:
        return result.leak == LeakStatus::none ? "FAIL" : "FL+LK";
    case AttemptStatus::abort: {
        if (!result.signal) {
            return "ABORT";
        }
        const std::string name = short_signal_name(*result.signal);
        return name.empty() ? "SIG " + std::to_string(*result.signal) : name;
    }
    case AttemptStatus::timeout:
        return "TMT";
    case AttemptStatus::exec_fail:
    case AttemptStatus::skip:
    case AttemptStatus::cancelled:
        return status_word(result);
    }
    return "FAIL";
}

StatusWord live_status_word(const TestFinished& finished) {
    const AttemptResult& last = finished.last();
    if (passed_on_retry(finished)) {
        return {"TRY " + std::to_string(last.attempt) + " PASS",
                finished.flaky_fail ? Style::fail : Style::skip};
    }
    if (last.is_success()) {
        if (last.status == AttemptStatus::skip || last.leak == LeakStatus::leaked_pass) {
            return {status_word(last), Style::skip};
        }
        return {"PASS", Style::pass};
    }
    if (last.attempt <= 1) {
        return {status_word(last), Style::fail};
    }
    return {"TRY " + std::to_string(last.attempt) + " " + short_status_word(last), Style::fail};
}

StatusWord final_status_word(const TestFinished& finished) {
    const AttemptResult& last = finished.last();
    if (passed_on_retry(finished)) {
        return {"FLAKY " + std::to_string(last.attempt) + "/" + std::to_string(last.total_attempts),
                finished.flaky_fail ? Style::fail : Style::skip};
    }
    if (is_plain_success(finished) && last.slow && last.status == AttemptStatus::pass) {
        return {last.leak == LeakStatus::leaked_pass ? "SLOW + LEAK" : "SLOW", Style::skip};
    }
    return live_status_word(finished);
}

StatusWord retry_status_word(const AttemptResult& result) {
    return {"TRY " + std::to_string(result.attempt) + " " + short_status_word(result),
            Style::retry};
}

profiles::StatusLevel status_level_of(const TestFinished& finished) {
    using profiles::StatusLevel;
    const AttemptResult& last = finished.last();
    if (passed_on_retry(finished)) {
        return finished.flaky_fail ? StatusLevel::fail : StatusLevel::retry;
    }
    if (!last.is_success()) {
        return StatusLevel::fail;
    }
    // A test that ran and reported skipped finished like a pass, so it shows where passes do
    // (nextest shows every finished test at `pass`); `skip` is for tests the run did not start.
    if (last.status == AttemptStatus::skip) {
        return StatusLevel::pass;
    }
    return last.leak == LeakStatus::leaked_pass ? StatusLevel::leak : StatusLevel::pass;
}

profiles::FinalStatusLevel final_status_level_of(const TestFinished& finished) {
    using profiles::FinalStatusLevel;
    const AttemptResult& last = finished.last();
    if (passed_on_retry(finished)) {
        return finished.flaky_fail ? FinalStatusLevel::fail : FinalStatusLevel::flaky;
    }
    if (!last.is_success()) {
        return FinalStatusLevel::fail;
    }
    if (last.status == AttemptStatus::skip) {
        return FinalStatusLevel::skip;
    }
    return last.slow ? FinalStatusLevel::slow : FinalStatusLevel::pass;
}

std::string aligned_word(const StatusWord& word, bool color) {
    std::string out;
    if (word.text.size() < k_word_width) {
        out.assign(k_word_width - word.text.size(), ' ');
    }
    out += paint(word.text, word.style, color);
    return out;
}

std::string bracketed_duration(Duration duration) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "[%8.3fs]", seconds(duration));
    return buffer;
}

std::string slow_duration(Duration duration) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "[>%7.3fs]", seconds(duration));
    return buffer;
}

std::string empty_duration() {
    return "[         ]";
}

std::string test_instance(const TestId& test, bool color) {
    return paint(test.binary_id, Style::binary_id, color) + " " +
           paint(test.name, Style::test_name, color);
}

std::string status_line(const StatusWord& word, std::string_view bracket, const TestId& test,
                        bool color) {
    std::string out = aligned_word(word, color);
    out += ' ';
    out += bracket;
    out += ' ';
    out += test_instance(test, color);
    return out;
}

std::string detail_text(const AttemptResult& result) {
    if (result.status == AttemptStatus::skip && !result.skip_message.empty()) {
        return result.skip_message;
    }
    return result.reason;
}

std::string skip_reason_text(SkipReason reason) {
    switch (reason) {
    case SkipReason::ignored:
        return "not run: ignored (DISABLED_, hidden or skip-decorated); --run-ignored all runs it";
    case SkipReason::filtered:
        return "not run: not selected by the filters, --skip, -E or the default-filter";
    case SkipReason::partition:
        return "not run: in another shard of --partition; that shard runs it";
    }
    return {};
}

std::string exit_status_text(const AttemptResult& result) {
    if (result.is_success()) {
        return {};
    }
    switch (result.status) {
    case AttemptStatus::fail:
    case AttemptStatus::pass: // A leak whose result is `fail`.
        if (result.exit_code) {
            return "exited with code " + std::to_string(*result.exit_code);
        }
        if (result.signal) {
            return "killed by " + base::signal_name(*result.signal);
        }
        return {};
    case AttemptStatus::timeout:
        // ptest sent the signal; a process that exits by itself in the grace period says how.
        if (result.signal) {
            return "terminated with " + base::signal_name(*result.signal);
        }
        if (result.exit_code) {
            return "exited with code " + std::to_string(*result.exit_code) + " when terminated";
        }
        return {};
    case AttemptStatus::abort: // The status word already names the signal.
    case AttemptStatus::exec_fail:
    case AttemptStatus::skip:
    case AttemptStatus::cancelled:
        return {};
    }
    return {};
}

std::string location_text(const SourceLocation& location) {
    if (!location.known()) {
        return {};
    }
    if (location.line == 0) {
        return location.file;
    }
    return location.file + ":" + std::to_string(location.line);
}

std::string location_detail(const AttemptResult& result) {
    if (result.is_success() || !result.location.known()) {
        return {};
    }
    return "at " + location_text(result.location);
}

std::string detail_line(std::string_view detail) {
    std::string out(k_word_width - 1, ' ');
    out += "- ";
    // The detail may come from the test binary (a skip message): keep it on one safe line.
    std::string clean = sanitize_for_terminal(detail, false);
    while (!clean.empty() && clean.back() == '\n') {
        clean.pop_back();
    }
    for (char& c : clean) {
        if (c == '\n' || c == '\t') {
            c = ' ';
        }
    }
    out += clean;
    return out;
}

} // namespace ptest::reporter
