// The duration store: what each test took and whether it failed, the last time it ran, kept
// between runs in one small text file per workspace (`target/ptest/history.tsv`). Ordering
// (longest first, last failures first) and `--partition duration:K/N` read it; `ptest run`
// merges each run's results into it. A missing or corrupt store is an empty one plus a warning:
// history only ever makes a run faster, never makes it fail.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ptest::runner {

/// What the store remembers about one test: its last finished run.
struct TestHistory {
    /// Seconds its last attempt took (the attempt that decided the result: on a retried test
    /// that finally passed, the passing attempt; otherwise the last failing one).
    double seconds = 0.0;
    /// The test's final result was a failure (fail, crash, timeout, exec failure, leak-fail).
    bool failed = false;

    friend bool operator==(const TestHistory&, const TestHistory&) = default;
};

/// The recorded history of every test of a workspace, keyed by (binary id, test name). Not
/// thread-safe. Lookup is O(1) without allocating.
class HistoryStore {
public:
    /// Reads `file`. A missing file is an empty store, silently. A file that cannot be read or
    /// is not a ptest history file gives an empty store and one line in `warnings`; malformed
    /// lines are dropped (one warning for all of them) and the rest is kept. Never throws for
    /// the file's content.
    static HistoryStore load(const std::filesystem::path& file, std::vector<std::string>& warnings);

    /// The recorded history of one test, or null when it never finished in an earlier run. The
    /// pointer stays valid until the next `record()`.
    [[nodiscard]] const TestHistory* find(std::string_view binary_id, std::string_view test) const;

    /// Sets (adds or replaces) the history of one test. Entries not recorded again are kept.
    void record(std::string_view binary_id, std::string_view test, TestHistory history);

    /// Writes the whole store to `file` atomically (a temporary file beside it, then a rename;
    /// not fsynced, since the history is a cache), creating missing parent directories. Throws
    /// `ptest::Error(ExitCode::write_output_error)` naming the file when it cannot; the previous
    /// file is then left as it was.
    void save(const std::filesystem::path& file) const;

    /// The number of tests with a history.
    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }

private:
    /// Lets the maps be searched with a `std::string_view` without building a `std::string`.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view key) const noexcept {
            return std::hash<std::string_view>{}(key);
        }
    };
    template <typename Value>
    using Map = std::unordered_map<std::string, Value, Hash, std::equal_to<>>;

    /// Binary id -> test name -> history.
    Map<Map<TestHistory>> m_binaries;
    std::size_t m_size = 0;
};

/// Where a workspace keeps its history: `<workspace_root>/target/ptest/history.tsv`.
std::filesystem::path history_path(const std::filesystem::path& workspace_root);

} // namespace ptest::runner
