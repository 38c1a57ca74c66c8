// Event aggregation and the outcome rules of contract §3: which attempt is the "main" one, which
// elements describe the other attempts, and which output is stored where.
#include "junit_report.hpp"

#include "base/atomic_file.hpp"
#include "base/signal_names.hpp"
#include "base/text_sanitizer.hpp"
#include "base/uuid.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <tuple>
#include <type_traits>

namespace ptest::reporter {
namespace {

constexpr std::string_view k_not_started = "(process failed to start)";

[[nodiscard]] std::string non_empty_name(std::string_view raw, std::string_view fallback) {
    std::string name = base::sanitize_text(raw);
    return name.empty() ? std::string(fallback) : name;
}

[[nodiscard]] std::string skip_words(SkipReason reason) {
    switch (reason) {
    case SkipReason::ignored:
        return "ignored";
    case SkipReason::filtered:
        return "filtered out";
    case SkipReason::partition:
        return "in another partition";
    }
    return "skipped";
}

[[nodiscard]] WallClock::time_point end_of(const AttemptResult& attempt) {
    return attempt.start_time + std::chrono::duration_cast<WallClock::duration>(attempt.duration);
}

/// Give `test_case` the location of its latest attempt that knows one (every attempt normally
/// knows the same one); leaves it unknown when none does.
void locate(JunitCase& test_case, const std::vector<AttemptResult>& attempts) {
    for (auto attempt = attempts.rbegin(); attempt != attempts.rend(); ++attempt) {
        if (attempt->location.known()) {
            test_case.file = base::sanitize_text(attempt->location.file);
            test_case.line = attempt->location.line;
            return;
        }
    }
}

} // namespace

std::filesystem::path resolve_junit_path(const std::filesystem::path& workspace_root,
                                         const std::string& configured) {
    const std::filesystem::path path(configured);
    return path.is_absolute() ? path : workspace_root / path;
}

JunitReportOptions junit_report_options(const profiles::Profile& profile) {
    JunitReportOptions options;
    options.report_skipped = profile.junit.report_skipped;
    options.flaky_fail_status = profile.junit.flaky_fail_status;
    options.flaky_result_fail = profile.flaky_result == profiles::FlakyResult::fail;
    return options;
}

JunitReport::JunitReport(profiles::JunitConfig config, std::filesystem::path output_path,
                         const JunitReportOptions& options)
    : m_config(std::move(config)), m_path(std::move(output_path)), m_options(options) {}

void JunitReport::report(const Event& event) {
    std::visit(
        [this](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, RunStarted>) {
                on_run_started(value);
            } else if constexpr (std::is_same_v<T, TestStarted>) {
                CaseRecord& record = m_cases[value.test];
                if (!record.started_at) {
                    record.started_at = WallClock::now();
                }
            } else if constexpr (std::is_same_v<T, TestFinished>) {
                m_cases[value.test].attempts = value.attempts;
            } else if constexpr (std::is_same_v<T, TestSkipped>) {
                if (wants_skipped(value.reason)) {
                    m_cases[value.test].skip = value.reason;
                }
            } else if constexpr (std::is_same_v<T, RunCancelling>) {
                on_cancelling(value);
            } else if constexpr (std::is_same_v<T, RunFinished>) {
                m_elapsed = value.elapsed;
            } else if constexpr (std::is_same_v<T, ScriptFinished>) {
                if (std::optional<ScriptFailure> failure = script_failure(value.result)) {
                    m_script_failures.push_back(std::move(*failure));
                }
            } else if constexpr (std::is_same_v<T, ScriptHealthChecked>) {
                if (std::optional<ScriptFailure> failure = script_failure(value)) {
                    m_script_failures.push_back(std::move(*failure));
                }
            }
        },
        event);
}

void JunitReport::on_run_started(const RunStarted& event) {
    // A stress run repeats the run: the report describes the last iteration only.
    m_cases.clear();
    m_script_failures.clear();
    m_elapsed.reset();
    m_context = OutcomeContext{};
    m_run_id = event.run_id;
    m_start_time = event.start_time;
    m_binary_ids = event.binary_ids;
    const profiles::SlowTimeout& slow = event.profile.slow_timeout;
    if (slow.terminate_after) {
        m_context.timeout = slow.period * static_cast<Duration::rep>(*slow.terminate_after);
    }
}

void JunitReport::on_cancelling(const RunCancelling& event) {
    if (event.reason == CancelReason::fail_fast) {
        m_context.cancel_cause = "fail-fast";
    } else if (event.reason == CancelReason::setup_script_failure) {
        m_context.cancel_cause = "a failed setup script";
    } else if (event.reason == CancelReason::global_timeout) {
        m_context.cancel_cause = "global-timeout";
    } else if (event.signal) {
        m_context.cancel_cause = base::signal_name(*event.signal);
    } else {
        m_context.cancel_cause = "a signal";
    }
}

bool JunitReport::wants_skipped(SkipReason reason) const {
    switch (m_options.report_skipped) {
    case ReportSkipped::none:
        return false;
    case ReportSkipped::ignored:
        return reason == SkipReason::ignored;
    case ReportSkipped::all:
        return true;
    }
    return false;
}

WallClock::time_point JunitReport::run_end() const {
    if (m_elapsed) {
        return m_start_time + std::chrono::duration_cast<WallClock::duration>(*m_elapsed);
    }
    WallClock::time_point end = m_start_time;
    for (const auto& [id, record] : m_cases) {
        for (const AttemptResult& attempt : record.attempts) {
            end = std::max(end, end_of(attempt));
        }
    }
    return end;
}

void JunitReport::store_output(JunitCase& test_case, const AttemptResult& attempt,
                               bool success) const {
    if (success ? !m_config.store_success_output : !m_config.store_failure_output) {
        return;
    }
    if (attempt.status == AttemptStatus::exec_fail) {
        test_case.system_out = base::BoundedText{std::string(k_not_started), 0, {}};
        test_case.system_err = test_case.system_out;
    } else {
        test_case.system_out =
            base::sanitize_output(attempt.stdout_output, m_options.budget.field_cap);
        test_case.system_err =
            base::sanitize_output(attempt.stderr_output, m_options.budget.field_cap);
    }
    test_case.success_output = success;
}

JunitElement JunitReport::attempt_element(const TestId& id, const AttemptResult& attempt,
                                          bool flaky, std::string_view note) const {
    const AttemptVerdict verdict = describe_failed_attempt(attempt, id, m_context);
    JunitElement element;
    const bool error = verdict.kind == NonSuccessKind::error;
    element.tag =
        flaky ? (error ? "flakyError" : "flakyFailure") : (error ? "rerunError" : "rerunFailure");
    element.timestamp = attempt.start_time;
    element.time = attempt.duration;
    element.message =
        note.empty() ? verdict.message : base::one_line(std::string(note) + "; " + verdict.message);
    element.type = base::one_line(verdict.type);
    element.text =
        base::bound_text(base::sanitize_text(verdict.description), m_options.budget.field_cap);
    if (m_config.store_failure_output) {
        JunitCase holder;
        store_output(holder, attempt, false);
        element.system_out = std::move(holder.system_out);
        element.system_err = std::move(holder.system_err);
    }
    return element;
}

void JunitReport::fill_passed(JunitCase& test_case, const TestId& id,
                              const std::vector<AttemptResult>& attempts) const {
    // Passed, possibly after failed attempts (flaky): the last attempt is the main one.
    const AttemptResult& last = attempts.back();
    const bool flaky = attempts.size() > 1;
    if (flaky && m_config.flaky_properties) {
        // For dashboards that ignore flakyFailure (GitLab, dorny, EnricoMi).
        test_case.properties = {{"flaky", "true"}, {"attempts", std::to_string(last.attempt)}};
    }
    if (flaky && m_options.flaky_result_fail &&
        m_options.flaky_fail_status == FlakyFailStatus::failure) {
        JunitElement failure;
        failure.tag = "failure";
        failure.type = "flaky failure";
        failure.message = "test passed on attempt " + std::to_string(last.attempt) + "/" +
                          std::to_string(last.total_attempts) +
                          " but is configured to fail when flaky";
        test_case.elements.push_back(std::move(failure));
    }
    // Failed beside the other cases of its binary, passed alone: each failure says why it does
    // not count.
    const std::string_view note = last.ran_alone ? k_passes_alone_reason : "";
    for (std::size_t i = 0; i + 1 < attempts.size(); ++i) {
        test_case.elements.push_back(attempt_element(id, attempts[i], true, note));
    }
    test_case.timestamp = last.start_time;
    test_case.time = last.duration;
    store_output(test_case, last, true);
}

JunitCase JunitReport::build_case(const TestId& id, const CaseRecord& record,
                                  WallClock::time_point end) const {
    JunitCase test_case;
    test_case.name = non_empty_name(id.name, "(unnamed test)");
    test_case.classname = non_empty_name(id.binary_id, "(unnamed binary)");
    std::vector<AttemptResult> attempts = record.attempts;
    if (attempts.empty() && record.started_at) {
        // Still running when the run ended: the runner sent no result, so report it cancelled.
        AttemptResult cancelled;
        cancelled.status = AttemptStatus::cancelled;
        cancelled.start_time = *record.started_at;
        cancelled.duration = std::max(Duration{0}, Duration(end - *record.started_at));
        attempts.push_back(cancelled);
    }
    if (attempts.empty()) {
        JunitElement skipped;
        skipped.tag = "skipped";
        skipped.message = "Skipped: test " + skip_words(record.skip.value_or(SkipReason::ignored));
        test_case.elements.push_back(std::move(skipped));
        return test_case;
    }

    const AttemptResult& last = attempts.back();
    if (last.status == AttemptStatus::skip) {
        JunitElement skipped;
        skipped.tag = "skipped";
        skipped.message = base::one_line(last.skip_message);
        if (skipped.message.empty()) {
            skipped.message = "test skipped itself at run time";
        }
        test_case.elements.push_back(std::move(skipped));
        test_case.timestamp = last.start_time;
        test_case.time = last.duration;
        store_output(test_case, last, true);
        return test_case;
    }

    if (last.is_success()) {
        fill_passed(test_case, id, attempts);
        return test_case;
    }

    // Failed on every attempt: the first attempt is the main one, the others are reruns.
    const AttemptResult& first = attempts.front();
    const AttemptVerdict verdict = describe_failed_attempt(first, id, m_context);
    JunitElement main;
    main.tag = verdict.kind == NonSuccessKind::error ? "error" : "failure";
    main.message = verdict.message;
    main.type = base::one_line(verdict.type);
    main.text =
        base::bound_text(base::sanitize_text(verdict.description), m_options.budget.field_cap);
    test_case.elements.push_back(std::move(main));
    for (std::size_t i = 1; i < attempts.size(); ++i) {
        test_case.elements.push_back(attempt_element(
            id, attempts[i], false, attempts[i].ran_alone ? "failed when run alone too" : ""));
    }
    test_case.timestamp = first.start_time;
    test_case.time = first.duration;
    store_output(test_case, first, false);
    return test_case;
}

JunitDocument JunitReport::build_document() const {
    JunitDocument document;
    document.name = non_empty_name(m_config.report_name, "nextest-run");
    document.uuid = base::is_uuid(m_run_id) ? m_run_id : base::random_uuid();
    document.timestamp = m_start_time;
    const WallClock::time_point end = run_end();
    document.time = std::max(Duration{0}, Duration(end - m_start_time));

    // Suites in test-list order; a binary missing from the list (never expected) goes last.
    std::vector<std::string> order = m_binary_ids;
    for (const auto& [id, record] : m_cases) {
        if (std::find(order.begin(), order.end(), id.binary_id) == order.end()) {
            order.push_back(id.binary_id);
        }
    }
    for (const std::string& binary : order) {
        using Key = std::tuple<bool, WallClock::time_point, std::string>;
        std::vector<std::pair<Key, JunitCase>> cases;
        for (const auto& [id, record] : m_cases) {
            if (id.binary_id != binary) {
                continue;
            }
            if (record.attempts.empty() && !record.started_at && !record.skip) {
                continue;
            }
            std::optional<WallClock::time_point> first_start = record.started_at;
            if (!record.attempts.empty()) {
                first_start = record.attempts.front().start_time;
            }
            Key key{!first_start, first_start.value_or(WallClock::time_point{}), id.name};
            JunitCase test_case = build_case(id, record, end);
            if (m_config.source_location) {
                locate(test_case, record.attempts);
            }
            cases.emplace_back(std::move(key), std::move(test_case));
        }
        if (cases.empty()) {
            continue; // Binaries with no reported test case are left out.
        }
        std::sort(cases.begin(), cases.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        JunitSuite suite;
        suite.name = non_empty_name(binary, "(unnamed binary)");
        std::optional<WallClock::time_point> earliest;
        std::optional<WallClock::time_point> latest;
        for (auto& [key, test_case] : cases) {
            if (test_case.timestamp) {
                const WallClock::time_point start = *test_case.timestamp;
                earliest = earliest ? std::min(*earliest, start) : start;
            }
            suite.cases.push_back(std::move(test_case));
        }
        for (const auto& [id, record] : m_cases) {
            if (id.binary_id == binary) {
                for (const AttemptResult& attempt : record.attempts) {
                    earliest =
                        earliest ? std::min(*earliest, attempt.start_time) : attempt.start_time;
                    latest = latest ? std::max(*latest, end_of(attempt)) : end_of(attempt);
                }
                if (record.attempts.empty() && record.started_at) {
                    latest = latest ? std::max(*latest, end) : end;
                }
            }
        }
        suite.timestamp = earliest.value_or(m_start_time);
        suite.time =
            std::max(Duration{0}, Duration(latest.value_or(suite.timestamp) - suite.timestamp));
        document.suites.push_back(std::move(suite));
    }
    if (!m_script_failures.empty()) {
        // Why the service never came up (or was not stopped) comes first.
        document.suites.insert(document.suites.begin(),
                               script_suite(m_script_failures, m_options.budget.field_cap,
                                            m_config.store_failure_output));
    }
    return document;
}

std::string JunitReport::to_xml() {
    JunitDocument document = build_document();
    m_budget_warning.clear();
    if (!apply_size_budget(document, m_options.budget)) {
        m_budget_warning = "JUnit report " + m_path.string() + " holds " +
                           std::to_string(stored_text_size(document)) +
                           " bytes of output, over the " +
                           std::to_string(m_options.budget.file_bytes) +
                           "-byte budget, even with every output cut short";
    }
    return render_junit_xml(document);
}

void JunitReport::write() {
    const std::string xml = to_xml();
    base::AtomicFile file(m_path);
    file.write(xml);
    file.commit();
}

FinishResult JunitReport::finish() {
    FinishResult result;
    try {
        write();
        if (!m_budget_warning.empty()) {
            result.warnings.push_back(m_budget_warning);
        }
    } catch (const Error& error) {
        result.errors.push_back(error);
    }
    return result;
}

} // namespace ptest::reporter
