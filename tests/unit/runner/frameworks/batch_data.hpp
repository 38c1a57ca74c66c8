// Access to the captured batch runs in tests/data/reports/batch-<fixture>/ (see the README in
// each: command and exit code per file), and a batch of cases to hand to the adapters, shared by
// the batch tests.
#pragma once

#include "runner/frameworks/adapter.hpp"

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace ptest::runner::test_data {

/// The bytes of `tests/data/reports/<folder>/<name>`; nullopt for a file the run did not write
/// (a report) or an empty console stream (not checked in).
inline std::optional<std::string> read_batch_file(const std::string& folder,
                                                  const std::string& name) {
    std::ifstream in(std::string(PTEST_SOURCE_DIR) + "/tests/data/reports/" + folder + "/" + name,
                     std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A batch's cases, owned, with the pointers the adapters take.
struct Batch {
    std::vector<TestCase> cases;
    std::vector<const TestCase*> pointers;

    explicit Batch(std::vector<TestCase> all) : cases(std::move(all)) {
        for (const TestCase& test : cases) {
            pointers.push_back(&test);
        }
    }
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
};

/// What one captured batch run left: report, stdout and stderr.
struct BatchRun {
    std::optional<std::string> report;
    std::string stdout_text;
    std::string stderr_text;
};

/// The captured run `stem` in `folder`, whose report is `<stem><report_suffix>`.
inline BatchRun read_batch_run(const std::string& folder, const std::string& stem,
                               const std::string& report_suffix = ".xml") {
    BatchRun run;
    run.report = read_batch_file(folder, stem + report_suffix);
    run.stdout_text = read_batch_file(folder, stem + ".stdout.txt").value_or("");
    run.stderr_text = read_batch_file(folder, stem + ".stderr.txt").value_or("");
    if (!run.report && !read_batch_file(folder, "README.md")) {
        throw std::runtime_error("missing test data folder tests/data/reports/" + folder);
    }
    return run;
}

} // namespace ptest::runner::test_data
