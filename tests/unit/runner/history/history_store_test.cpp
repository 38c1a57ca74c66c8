// Tests of the duration store: a round trip through the file (with names that need escaping),
// merging a run into an earlier history, a missing file, a corrupt file, malformed lines among
// good ones, an unwritable location, and the time 100 000 entries take each way.
#include "../process/child_helpers.hpp"
#include "base/error.hpp"

#include "runner/history/history_store.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <time.h>
#include <vector>

namespace ptest::runner {

using test_support::ScratchDir;

namespace {

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// This thread's CPU time: unlike wall time, barely moved by other processes on the machine.
std::chrono::nanoseconds cpu_now() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_SUITE("runner::HistoryStore") {
    TEST_CASE("the history path is target/ptest/history.tsv in the workspace") {
        CHECK(history_path("/ws") == std::filesystem::path("/ws/target/ptest/history.tsv"));
    }

    TEST_CASE("a saved store loads back with the same entries, escaped names included") {
        const ScratchDir dir;
        const auto file = dir.path() / "target" / "ptest" / "history.tsv";
        HistoryStore store;
        store.record("unit", "Math.Adds", {0.25, false});
        store.record("unit", "Math.Fails", {1.5, true});
        store.record("odd\tid", "name with\ttab\nnewline\\slash\r", {0.000125, false});
        store.save(file);

        std::vector<std::string> warnings;
        HistoryStore loaded = HistoryStore::load(file, warnings);
        CHECK(warnings.empty());
        CHECK(loaded.size() == 3);
        REQUIRE(loaded.find("unit", "Math.Adds") != nullptr);
        CHECK(*loaded.find("unit", "Math.Adds") == TestHistory{0.25, false});
        CHECK(*loaded.find("unit", "Math.Fails") == TestHistory{1.5, true});
        REQUIRE(loaded.find("odd\tid", "name with\ttab\nnewline\\slash\r") != nullptr);
        CHECK(loaded.find("odd\tid", "name with\ttab\nnewline\\slash\r")->seconds ==
              doctest::Approx(0.000125));
        CHECK(loaded.find("unit", "Math.Other") == nullptr);
        CHECK(loaded.find("other", "Math.Adds") == nullptr);
    }

    TEST_CASE("the file is text with a version header and one line per test") {
        const ScratchDir dir;
        const auto file = dir.path() / "history.tsv";
        HistoryStore store;
        store.record("b", "Z", {2.0, true});
        store.record("a", "y", {0.5, false});
        store.record("a", "x", {1.0, false});
        store.save(file);
        std::string text = read_text(file);
        const std::string header = "# ptest history v1\n";
        REQUIRE(text.substr(0, header.size()) == header);
        std::vector<std::string> lines;
        std::istringstream rest(text.substr(header.size()));
        for (std::string line; std::getline(rest, line);) {
            lines.push_back(line);
        }
        std::sort(lines.begin(), lines.end());
        CHECK(lines == std::vector<std::string>{"a\tx\t1.000000\tpass", "a\ty\t0.500000\tpass",
                                                "b\tZ\t2.000000\tfail"});
    }

    TEST_CASE("recording a run replaces its tests and keeps the tests it did not run") {
        const ScratchDir dir;
        const auto file = dir.path() / "history.tsv";
        HistoryStore first;
        first.record("unit", "Kept", {3.0, false});
        first.record("unit", "Rerun", {1.0, true});
        first.save(file);

        std::vector<std::string> warnings;
        HistoryStore second = HistoryStore::load(file, warnings);
        second.record("unit", "Rerun", {0.5, false});
        second.record("unit", "New", {0.1, false});
        second.save(file);

        HistoryStore merged = HistoryStore::load(file, warnings);
        CHECK(warnings.empty());
        CHECK(merged.size() == 3);
        CHECK(*merged.find("unit", "Kept") == TestHistory{3.0, false});
        CHECK(*merged.find("unit", "Rerun") == TestHistory{0.5, false});
        CHECK(*merged.find("unit", "New") == TestHistory{0.1, false});
    }

    TEST_CASE("a missing file is an empty store without a warning") {
        const ScratchDir dir;
        std::vector<std::string> warnings;
        HistoryStore store = HistoryStore::load(dir.path() / "nothing.tsv", warnings);
        CHECK(store.empty());
        CHECK(warnings.empty());
    }

    TEST_CASE("a file that is not a history file is ignored with one warning") {
        const ScratchDir dir;
        const auto file = dir.path() / "history.tsv";
        write_text(file, "\x7f"
                         "ELF\x01\x02garbage\nunit\tMath.Adds\t1.0\tpass\n");
        std::vector<std::string> warnings;
        HistoryStore store = HistoryStore::load(file, warnings);
        CHECK(store.empty());
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0] ==
              "ignoring test history " + file.string() + ": not a ptest history file");
    }

    TEST_CASE("malformed lines are dropped with one warning and the good ones kept") {
        const ScratchDir dir;
        const auto file = dir.path() / "history.tsv";
        write_text(file, "# ptest history v1\n"
                         "unit\tGood\t1.5\tpass\n"
                         "unit\tNoOutcome\t1.5\n"
                         "unit\tBadNumber\tfast\tpass\n"
                         "unit\tNegative\t-1\tpass\n"
                         "unit\tBadOutcome\t1\tmaybe\n"
                         "unit\tBad\\qEscape\t1\tpass\n"
                         "\n"
                         "unit\tAlsoGood\t0.25\tfail"); // No final newline: a cut-off write.
        std::vector<std::string> warnings;
        HistoryStore store = HistoryStore::load(file, warnings);
        CHECK(store.size() == 2);
        CHECK(*store.find("unit", "Good") == TestHistory{1.5, false});
        CHECK(*store.find("unit", "AlsoGood") == TestHistory{0.25, true});
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0] ==
              "ignoring 5 malformed lines of test history " + file.string() + " (first: line 3)");
    }

    TEST_CASE("a store that cannot be written throws the write-output error naming the file") {
        const ScratchDir dir;
        const auto blocker = dir.path() / "target";
        write_text(blocker, "a file where the directory should be");
        HistoryStore store;
        store.record("unit", "Math.Adds", {1.0, false});
        try {
            store.save(history_path(dir.path()));
            FAIL("save did not throw");
        } catch (const Error& error) {
            CHECK(error.code() == ExitCode::write_output_error);
            CHECK(std::string(error.what()).find("history.tsv") != std::string::npos);
        }
        CHECK(read_text(blocker) == "a file where the directory should be");
    }

    TEST_CASE("100 000 entries save and load in well under 100 ms each") {
        const ScratchDir dir;
        const auto file = dir.path() / "history.tsv";
        HistoryStore store;
        for (int i = 0; i < 100000; ++i) {
            store.record("big", "Param/Suite.Case/" + std::to_string(i), {i * 1e-5, i % 7 == 0});
        }
        auto start = cpu_now();
        store.save(file);
        auto saved = cpu_now();
        std::vector<std::string> warnings;
        HistoryStore loaded = HistoryStore::load(file, warnings);
        auto done = cpu_now();
        CHECK(loaded.size() == 100000);
        REQUIRE(loaded.find("big", "Param/Suite.Case/99999") != nullptr);
        CHECK(loaded.find("big", "Param/Suite.Case/99999")->seconds == doctest::Approx(0.99999));
        // CPU time, not wall time, so a loaded machine does not fail the test; the bounds are
        // generous (an unoptimised build), the point being that neither way is quadratic.
        CHECK(saved - start < std::chrono::milliseconds(500));
        CHECK(done - saved < std::chrono::milliseconds(500));
        MESSAGE("CPU time: save ", std::chrono::duration<double, std::milli>(saved - start).count(),
                " ms, load ", std::chrono::duration<double, std::milli>(done - saved).count(),
                " ms");
    }
}

} // namespace ptest::runner
