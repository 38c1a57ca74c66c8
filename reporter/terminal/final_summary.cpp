// The summary line, the not-run warning and the closing list's order (see final_summary.hpp).
#include "reporter/terminal/final_summary.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace ptest::reporter {

namespace {

std::string count(std::uint32_t value, std::string_view word, Style style, bool color) {
    return paint(std::to_string(value), Style::count, color) + " " + paint(word, style, color);
}

std::string_view tests_word(bool plural) {
    return plural ? "tests" : "test";
}

/// `duration` in seconds with two decimals, e.g. `4.31s`.
std::string seconds_text(Duration duration) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2fs", std::chrono::duration<double>(duration).count());
    return text;
}

} // namespace

std::string summary_counts(const RunStats& stats, bool color) {
    std::string out = count(stats.passed, "passed", Style::pass, color);
    std::vector<std::string> notes;
    if (stats.passed_slow > 0) {
        notes.push_back(count(stats.passed_slow, "slow", Style::skip, color));
    }
    if (stats.flaky > 0) {
        notes.push_back(count(stats.flaky, "flaky", Style::skip, color));
    }
    if (stats.leaky > 0) {
        notes.push_back(count(stats.leaky, "leaky", Style::skip, color));
    }
    if (!notes.empty()) {
        out += " (";
        for (std::size_t i = 0; i < notes.size(); ++i) {
            out += (i == 0 ? "" : ", ") + notes[i];
        }
        out += ")";
    }
    out += ", ";
    // Unlike nextest, the failed count is always shown, so every closing line says how many
    // passed and how many failed (CI log readers look for exactly that).
    out += count(stats.failed, "failed", stats.failed > 0 ? Style::fail : Style::pass, color);
    if (stats.leaky_failed > 0) {
        out += " (" + paint(std::to_string(stats.leaky_failed), Style::count, color) +
               " due to being " + paint("leaky", Style::fail, color) + ")";
    }
    if (stats.flaky_failed > 0) {
        // `flaky-result = "fail"`: passed on a retry, counted as failed.
        out += " (" + paint(std::to_string(stats.flaky_failed), Style::count, color) +
               " due to being " + paint("flaky", Style::fail, color) + ")";
    }
    out += ", ";
    if (stats.exec_failed > 0) {
        out += count(stats.exec_failed, "exec failed", Style::fail, color) + ", ";
    }
    if (stats.timed_out > 0) {
        out += count(stats.timed_out, "timed out", Style::fail, color) + ", ";
    }
    if (stats.cancelled > 0) {
        out += count(stats.cancelled, "cancelled", Style::fail, color) + ", ";
    }
    // As nextest: `skipped` counts the tests the run did not start (the `Starting` line's
    // number); tests that ran and skipped themselves are counted apart, so that passed, failed
    // and reported skipped add up to the tests run.
    if (stats.skipped_at_runtime > 0) {
        out += count(stats.skipped_at_runtime, "reported skipped", Style::skip, color) + ", ";
    }
    out += count(stats.skipped, "skipped", Style::skip, color);
    // A shard's skips are not the user's filters: say how many belong to the other shards.
    if (stats.skipped_partition > 0) {
        out += " (" + paint(std::to_string(stats.skipped_partition), Style::count, color) +
               " in other partitions)";
    }
    return out;
}

std::string summary_line(const RunFinished& finished, bool color) {
    const RunStats& stats = finished.stats;
    Style style = Style::pass;
    if (stats.any_failed()) {
        style = Style::fail;
    } else if (stats.finished_count == 0) {
        style = Style::skip;
    }
    std::string out = std::string(5, ' ') + paint("Summary", style, color) + " ";
    out += bracketed_duration(finished.elapsed) + " ";
    out += paint(std::to_string(stats.finished_count), Style::count, color);
    if (stats.finished_count != stats.initial_run_count) {
        out += "/" + paint(std::to_string(stats.initial_run_count), Style::count, color);
    }
    const bool plural = stats.initial_run_count != 1 || stats.finished_count != 1;
    out += " ";
    out += tests_word(plural);
    out += " run: " + summary_counts(stats, color);
    return out;
}

std::optional<std::string> batch_note(const RunStats& stats, bool color) {
    if (stats.batched == 0) {
        return std::nullopt;
    }
    return paint("note", Style::skip, color) + ": " +
           paint(std::to_string(stats.batched), Style::count, color) + " " +
           std::string(tests_word(stats.batched != 1)) + " ran in batches, " +
           paint(std::to_string(stats.batch_reruns), Style::count, color) + " of them re-run alone";
}

std::optional<std::string> batch_hint_note(const RunFinished& finished, bool color) {
    if (!finished.batch_hint || finished.batch_hint->binary_ids.empty()) {
        return std::nullopt;
    }
    const BatchHint& hint = *finished.batch_hint;
    std::string out = paint("note", Style::skip, color) + ": ";
    out += paint(std::to_string(hint.tests), Style::count, color) + " ";
    out += tests_word(hint.tests != 1);
    out += " of ";
    if (hint.binary_ids.size() == 1) {
        out += "`" + paint(hint.binary_ids.front(), Style::binary_id, color) + "`";
    } else {
        out += paint(std::to_string(hint.binary_ids.size()), Style::count, color) + " binaries";
    }
    out += " spent most of their time starting a process each; with ";
    out += paint("isolation = \"batch\"", Style::count, color);
    out += " this run would likely take about " + seconds_text(hint.estimate) + " instead of " +
           seconds_text(finished.elapsed);
    return out;
}

std::optional<std::string> not_run_warning(const RunFinished& finished, CancelState cancel,
                                           bool color) {
    if (finished.not_run == 0) {
        return std::nullopt;
    }
    const std::uint32_t initial = finished.stats.initial_run_count;
    const bool plural = initial != 1 || finished.not_run != 1;
    if (cancel == CancelState::none && finished.stats.any_failed()) {
        // Fail-fast with `terminate = "wait"` stops scheduling without a cancel event.
        cancel = CancelState::test_failure;
    }
    std::string out = paint("warning", Style::skip, color) + ": ";
    out += paint(std::to_string(finished.not_run), Style::count, color) + "/" +
           paint(std::to_string(initial), Style::count, color) + " ";
    out += tests_word(plural);
    out += plural ? " were not run" : " was not run";
    if (cancel == CancelState::none) {
        return out;
    }
    out += " due to " + paint(cancel_reason_text(cancel), Style::skip, color);
    if (cancel == CancelState::test_failure) {
        out += " (run with " + paint("--no-fail-fast", Style::count, color) +
               " to run all tests, or run with " + paint("--max-fail", Style::count, color) + ")";
    }
    return out;
}

profiles::FinalStatusLevel FinalEntry::level() const {
    return finished ? final_status_level_of(*finished) : profiles::FinalStatusLevel::skip;
}

void sort_final_entries(std::vector<FinalEntry>& entries) {
    std::stable_sort(entries.begin(), entries.end(), [](const FinalEntry& a, const FinalEntry& b) {
        // Higher levels first: failures end up last.
        const auto level_a = a.level();
        const auto level_b = b.level();
        if (level_a != level_b) {
            return level_a > level_b;
        }
        return a.test < b.test;
    });
}

std::string final_entry_line(const FinalEntry& entry, bool color) {
    if (!entry.finished) {
        return status_line({"SKIP", Style::skip}, empty_duration(), entry.test, color);
    }
    return status_line(final_status_word(*entry.finished),
                       bracketed_duration(entry.finished->last().duration), entry.test, color);
}

} // namespace ptest::reporter
