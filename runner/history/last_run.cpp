// The last run's outcomes (see last_run.hpp). The file is plain text, like the duration history:
//
//     # ptest last run v1
//     <binary id> TAB <test name> TAB passed|failed|not-run
//
// with ids and names escaped as tsv_text.hpp says, sorted by binary id and name.
#include "runner/history/last_run.hpp"

#include "base/atomic_file.hpp"
#include "base/error.hpp"

#include "runner/history/tsv_text.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <system_error>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_header = "# ptest last run v1";

std::string_view outcome_name(LastOutcome outcome) {
    switch (outcome) {
    case LastOutcome::passed:
        return "passed";
    case LastOutcome::failed:
        return "failed";
    case LastOutcome::not_run:
        break;
    }
    return "not-run";
}

std::optional<LastOutcome> parse_outcome(std::string_view text) {
    for (const LastOutcome outcome :
         {LastOutcome::passed, LastOutcome::failed, LastOutcome::not_run}) {
        if (text == outcome_name(outcome)) {
            return outcome;
        }
    }
    return std::nullopt;
}

} // namespace

LastRunStore LastRunStore::load(const fs::path& file, std::vector<std::string>& warnings) {
    LastRunStore store;
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        return store;
    }
    store.m_recorded = true;
    std::string content;
    std::string error;
    if (!read_whole_file(file, content, error)) {
        warnings.push_back("cannot read the last run " + file.string() + ": " + error +
                           " (ignored)");
        return store;
    }
    std::string_view rest = content;
    std::size_t newline = rest.find('\n');
    if (rest.substr(0, newline) != k_header) {
        warnings.push_back("ignoring the last run " + file.string() +
                           ": not a ptest last-run file");
        return store;
    }
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    std::size_t bad_lines = 0;
    std::string binary_id;
    std::string test;
    while (!rest.empty()) {
        newline = rest.find('\n');
        const std::string_view line = rest.substr(0, newline);
        rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
        if (line.empty()) {
            continue;
        }
        std::string_view fields[3];
        std::optional<LastOutcome> outcome;
        if (split_fields(line, fields) && unescape(fields[0], binary_id) &&
            unescape(fields[1], test) && !binary_id.empty() && !test.empty()) {
            outcome = parse_outcome(fields[2]);
        }
        if (!outcome) {
            ++bad_lines;
            continue;
        }
        store.m_tests[{binary_id, test}] = *outcome;
    }
    if (bad_lines > 0) {
        warnings.push_back("ignoring " + std::to_string(bad_lines) + " malformed line" +
                           (bad_lines == 1 ? "" : "s") + " of the last run " + file.string());
    }
    return store;
}

std::optional<LastOutcome> LastRunStore::find(std::string_view binary_id,
                                              std::string_view test) const {
    const auto found = m_tests.find({std::string(binary_id), std::string(test)});
    return found == m_tests.end() ? std::nullopt : std::optional<LastOutcome>(found->second);
}

void LastRunStore::set(const std::string& binary_id, const std::string& test, LastOutcome outcome) {
    m_tests[{binary_id, test}] = outcome;
}

void LastRunStore::forget_unlisted(const TestBinary& binary) {
    if (binary.listing_failure) {
        return;
    }
    std::set<std::string_view> names;
    for (const TestCase& test : binary.cases) {
        names.insert(test.name);
    }
    auto it = m_tests.lower_bound({binary.id, std::string()});
    while (it != m_tests.end() && it->first.first == binary.id) {
        it = names.count(it->first.second) == 0 ? m_tests.erase(it) : std::next(it);
    }
}

std::vector<std::pair<std::string, std::string>> LastRunStore::outstanding() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [key, outcome] : m_tests) {
        if (outcome != LastOutcome::passed) {
            out.push_back(key);
        }
    }
    return out;
}

void LastRunStore::save(const fs::path& file) const {
    std::string out(k_header);
    out += '\n';
    for (const auto& [key, outcome] : m_tests) {
        append_escaped(out, key.first);
        out += '\t';
        append_escaped(out, key.second);
        out += '\t';
        out += outcome_name(outcome);
        out += '\n';
    }
    base::AtomicFile atomic(file);
    atomic.write(out);
    atomic.commit(base::Durability::rename_only);
}

fs::path last_run_path(const fs::path& history_file, std::string_view profile) {
    std::string name(profile);
    // A profile name is a TOML key: keep it to one file name.
    std::replace(name.begin(), name.end(), '/', '_');
    return history_file.parent_path() / ("last-run-" + name + ".tsv");
}

RerunSelection keep_rerun_tests(Selection& selection, const LastRunStore& store) {
    RerunSelection counts;
    std::vector<TestRef> kept;
    for (const TestRef& ref : selection.run) {
        const std::optional<LastOutcome> last = store.find(ref.binary->id, ref.test->name);
        if (last == LastOutcome::passed) {
            selection.skipped.push_back(ref);
            ++counts.passed;
        } else {
            kept.push_back(ref);
        }
    }
    counts.kept = kept.size();
    selection.run = std::move(kept);
    return counts;
}

LastRunRecorder::LastRunRecorder(LastRunStore& store, fs::path save_to,
                                 const std::vector<TestRef>& selected, const TestList& list)
    : m_store(store), m_save_to(std::move(save_to)), m_list(list) {
    for (const TestRef& ref : selected) {
        m_selected.emplace(std::make_pair(ref.binary->id, ref.test->name), false);
    }
}

void LastRunRecorder::report(const reporter::Event& event) {
    const auto* finished = std::get_if<reporter::TestFinished>(&event);
    if (finished == nullptr || finished->attempts.empty()) {
        return;
    }
    const reporter::AttemptResult& last = finished->last();
    const LastOutcome outcome = last.status == reporter::AttemptStatus::cancelled
                                    ? LastOutcome::not_run
                                : last.is_success() ? LastOutcome::passed
                                                    : LastOutcome::failed;
    m_store.set(finished->test.binary_id, finished->test.name, outcome);
    if (const auto it = m_selected.find({finished->test.binary_id, finished->test.name});
        it != m_selected.end()) {
        it->second = true;
    }
}

reporter::FinishResult LastRunRecorder::finish() {
    for (const auto& [key, finished] : m_selected) {
        if (!finished) {
            m_store.set(key.first, key.second, LastOutcome::not_run);
        }
    }
    for (const TestBinary& binary : m_list.binaries) {
        m_store.forget_unlisted(binary);
    }
    reporter::FinishResult result;
    try {
        m_store.save(m_save_to);
    } catch (const Error& error) {
        result.warnings.push_back(std::string("last run not saved: ") + error.what());
    }
    return result;
}

} // namespace ptest::runner
