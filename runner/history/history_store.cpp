// The history file is plain text, one test per line, so that it can be read in a diff and
// repaired by hand:
//
//     # ptest history v1
//     <binary id> TAB <test name> TAB <seconds> TAB pass|fail
//
// Backslash, tab, newline and carriage return in ids and names are escaped as `\\`, `\t`, `\n`
// and `\r`. Lines are in no particular order: sorting 100 000 names would cost
// more than the rest of a save. Parsing and formatting use `std::from_chars`/`std::to_chars`, which
// do not depend on the locale and keep 100 000 entries well under 100 ms each way.
#include "runner/history/history_store.hpp"

#include "base/atomic_file.hpp"
#include "base/error.hpp"

#include "runner/history/tsv_text.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <system_error>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_header = "# ptest history v1";

/// Appends `seconds` with exactly six decimals (microseconds), without `printf`'s locale.
void append_seconds(std::string& out, double seconds) {
    auto micros = static_cast<std::uint64_t>(std::llround(seconds * 1e6));
    char digits[32];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, micros / 1000000).ptr);
    out += '.';
    std::uint64_t fraction = micros % 1000000;
    char six[6];
    for (int i = 5; i >= 0; --i) {
        six[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    out.append(six, sizeof six);
}

} // namespace

HistoryStore HistoryStore::load(const fs::path& file, std::vector<std::string>& warnings) {
    HistoryStore store;
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        return store;
    }
    std::string content;
    std::string error;
    if (!read_whole_file(file, content, error)) {
        warnings.push_back("cannot read test history " + file.string() + ": " + error +
                           " (ignored)");
        return store;
    }
    std::string_view rest = content;
    std::size_t newline = rest.find('\n');
    if (rest.substr(0, newline) != k_header) {
        warnings.push_back("ignoring test history " + file.string() + ": not a ptest history file");
        return store;
    }
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);

    std::size_t bad_lines = 0;
    std::size_t first_bad = 0;
    std::size_t line_number = 1;
    std::string binary_id;
    std::string test;
    std::string current_id;
    Map<TestHistory>* current = nullptr;
    while (!rest.empty()) {
        ++line_number;
        newline = rest.find('\n');
        std::string_view line = rest.substr(0, newline);
        rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
        if (line.empty()) {
            continue;
        }
        std::string_view fields[4];
        TestHistory history;
        bool ok = split_fields(line, fields) && unescape(fields[0], binary_id) &&
                  unescape(fields[1], test) && !binary_id.empty() && !test.empty();
        if (ok) {
            const char* end = fields[2].data() + fields[2].size();
            auto [ptr, parse_error] = std::from_chars(fields[2].data(), end, history.seconds);
            ok = parse_error == std::errc() && ptr == end && history.seconds >= 0.0 &&
                 (fields[3] == "pass" || fields[3] == "fail");
            history.failed = fields[3] == "fail";
        }
        if (!ok) {
            if (bad_lines++ == 0) {
                first_bad = line_number;
            }
            continue;
        }
        if (current == nullptr || binary_id != current_id) {
            current_id = binary_id;
            current = &store.m_binaries[current_id];
        }
        // One hash per line: a name listed twice keeps its last line.
        if (current->insert_or_assign(test, history).second) {
            ++store.m_size;
        }
    }
    if (bad_lines > 0) {
        warnings.push_back("ignoring " + std::to_string(bad_lines) + " malformed line" +
                           (bad_lines == 1 ? "" : "s") + " of test history " + file.string() +
                           " (first: line " + std::to_string(first_bad) + ")");
    }
    return store;
}

const TestHistory* HistoryStore::find(std::string_view binary_id, std::string_view test) const {
    auto binary = m_binaries.find(binary_id);
    if (binary == m_binaries.end()) {
        return nullptr;
    }
    auto entry = binary->second.find(test);
    return entry == binary->second.end() ? nullptr : &entry->second;
}

void HistoryStore::record(std::string_view binary_id, std::string_view test, TestHistory history) {
    auto binary = m_binaries.find(binary_id);
    if (binary == m_binaries.end()) {
        binary = m_binaries.emplace(std::string(binary_id), Map<TestHistory>{}).first;
    }
    auto entry = binary->second.find(test);
    if (entry == binary->second.end()) {
        binary->second.emplace(std::string(test), history);
        ++m_size;
    } else {
        entry->second = history;
    }
}

void HistoryStore::save(const fs::path& file) const {
    std::string out;
    out.reserve(64 * m_size + 64);
    out += k_header;
    out += '\n';
    for (const auto& [binary_id, tests] : m_binaries) {
        for (const auto& [test, history] : tests) {
            append_escaped(out, binary_id);
            out += '\t';
            append_escaped(out, test);
            out += '\t';
            append_seconds(out, history.seconds);
            out += history.failed ? "\tfail\n" : "\tpass\n";
        }
    }
    base::AtomicFile atomic(file);
    atomic.write(out);
    // The history only orders and sizes work: losing it to a crash of the machine costs one run
    // in the default order, not worth two fsyncs at the end of every run.
    atomic.commit(base::Durability::rename_only);
}

fs::path history_path(const fs::path& workspace_root) {
    return workspace_root / "target" / "ptest" / "history.tsv";
}

} // namespace ptest::runner
