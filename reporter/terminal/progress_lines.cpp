// The live progress view's text (see progress_lines.hpp).
#include "reporter/terminal/progress_lines.hpp"

#include <algorithm>
#include <cstdio>

namespace ptest::reporter {

namespace {

/// A bar never takes fewer columns than this; with less room the line has no bar.
constexpr int k_min_bar = 10;

std::string counted(std::uint32_t n, std::string_view what, bool color) {
    return paint(std::to_string(n), Style::count, color) + " " + std::string(what);
}

/// `Running` (red once something failed), or `Cancelling` / `Killing` while the run stops.
std::string prefix(const ProgressSnapshot& snapshot, bool color) {
    if (snapshot.cancel != CancelState::none) {
        const bool killing = snapshot.cancel == CancelState::second_signal;
        return aligned_word({killing ? "Killing" : "Cancelling", Style::fail}, color);
    }
    return aligned_word({"Running", snapshot.failed > 0 ? Style::fail : Style::pass}, color);
}

/// `12/40: 4 running, 11 passed`, and `, 1 failed` once any failed. Short, so that an 80-column
/// terminal still has room for a bar.
std::string counts(const ProgressSnapshot& snapshot, bool color) {
    std::string text = std::to_string(snapshot.done) + "/" + std::to_string(snapshot.total) + ": " +
                       counted(snapshot.running, "running", color) + ", " +
                       counted(snapshot.passed, "passed", color);
    if (snapshot.failed > 0) {
        text += ", " + counted(snapshot.failed, "failed", color);
    }
    return text;
}

/// `[====>     ]` with `width` columns in all.
std::string bar(std::uint32_t done, std::uint32_t total, int width) {
    const auto inner = static_cast<std::size_t>(width - 2);
    std::string cells(inner, ' ');
    if (total > 0) {
        const std::size_t filled = std::min<std::size_t>(inner, inner * done / total);
        std::fill_n(cells.begin(), filled, '=');
        if (filled < inner) {
            cells[filled] = '>'; // The head, where the next test will land.
        }
    }
    return "[" + cells + "]";
}

std::string entry_line(const RunningEntry& entry, WallClock::time_point now, bool color) {
    const Duration elapsed = std::max(Duration{0}, Duration(now - entry.since));
    const std::string name =
        entry.test ? test_instance(*entry.test, color) : paint(entry.script, Style::count, color);
    return aligned_word(entry.word, color) + " " + bracketed_duration(elapsed) + " " + name;
}

} // namespace

std::string clock_time(Duration elapsed) {
    const auto total = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "[%02lld:%02lld:%02lld]",
                  static_cast<long long>(total / 3600), static_cast<long long>(total / 60 % 60),
                  static_cast<long long>(total % 60));
    return buffer;
}

std::vector<std::string> progress_lines(const ProgressSnapshot& snapshot, int bar_columns,
                                        MaxProgressRunning max, bool color) {
    const std::string head = prefix(snapshot, color) + " " + clock_time(snapshot.elapsed) + " ";
    const std::string tail = counts(snapshot, color);
    std::string first = head;
    if (bar_columns > 0) {
        // The bar takes what the plain text leaves of the line, keeping its last column free.
        const auto text = static_cast<int>(aligned_word({"Running", Style::pass}, false).size() +
                                           clock_time(snapshot.elapsed).size() +
                                           counts(snapshot, false).size() + 3);
        const int width = bar_columns - 1 - text;
        if (width >= k_min_bar) {
            first += bar(snapshot.done, snapshot.total, width) + " ";
        }
    }
    std::vector<std::string> lines{first + tail};

    static const std::vector<RunningEntry> none;
    const std::vector<RunningEntry>& entries = snapshot.entries ? *snapshot.entries : none;
    if (max == 0) {
        return lines;
    }
    const std::size_t shown = std::min<std::size_t>(max, entries.size());
    std::uint32_t scripts = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i < shown) {
            lines.push_back(entry_line(entries[i], snapshot.now, color));
        }
        scripts += entries[i].test ? 0 : 1;
    }
    // The runner's count is the truth about tests; the entries also hold scripts, and a batch
    // is one running unit whose cases no event names until it is done.
    const std::uint32_t tests_in_entries = static_cast<std::uint32_t>(entries.size()) - scripts;
    const std::uint32_t units = std::max(snapshot.running, tests_in_entries) + scripts;
    const std::uint32_t more =
        units - std::min<std::uint32_t>(units, static_cast<std::uint32_t>(shown));
    if (more > 0) {
        lines.push_back(aligned_word({}, color) + " ... and " + std::to_string(more) +
                        " more running");
    }
    return lines;
}

std::string progress_counter(std::uint32_t index, std::uint32_t total) {
    const std::string whole = std::to_string(total);
    std::string part = std::to_string(index);
    if (part.size() < whole.size()) {
        part.insert(0, whole.size() - part.size(), ' ');
    }
    return "(" + part + "/" + whole + ")";
}

} // namespace ptest::reporter
