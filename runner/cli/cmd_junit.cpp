// `ptest junit merge -o OUT FILE...`: read the shards' JUnit reports, merge them
// (reporter/junit/junit_merge) and publish the result atomically, so that a CI job that merges
// never leaves half a report for the upload step.
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "base/uuid.hpp"

#include "reporter/junit/junit_merge.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/diagnostics.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ptest::cli {

namespace {

/// The bytes of `file`; a file that cannot be read is a merge failure naming it.
std::string read_report(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error(ExitCode::junit_merge_failed,
                    "cannot read " + file + ": " + std::strerror(errno));
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) {
        throw Error(ExitCode::junit_merge_failed, "cannot read " + file + ": read error");
    }
    return bytes.str();
}

} // namespace

int junit_command(const JunitArgs& args) {
    if (args.action != "merge") {
        throw Error(ExitCode::usage, "junit needs an action: merge (e.g. `ptest junit merge -o "
                                     "all.xml a.xml b.xml`)");
    }
    if (args.output.empty()) {
        throw Error(ExitCode::usage, "junit merge needs the output file: -o PATH");
    }
    if (args.files.empty()) {
        throw Error(ExitCode::usage, "junit merge needs at least one report to merge");
    }
    std::vector<reporter::JunitInput> inputs;
    for (const std::string& file : args.files) {
        inputs.push_back({file, read_report(file)});
    }
    const reporter::JunitMerged merged = reporter::merge_junit_reports(inputs, base::random_uuid());
    for (const std::string& warning : merged.warnings) {
        print_warning(warning);
    }
    base::AtomicFile out(args.output);
    out.write(merged.xml);
    out.commit();
    print_note("merged " + std::to_string(inputs.size()) +
               (inputs.size() == 1 ? " report" : " reports") + " into " + args.output + ": " +
               std::to_string(merged.tests) + (merged.tests == 1 ? " test" : " tests") + " in " +
               std::to_string(merged.suites) + (merged.suites == 1 ? " suite" : " suites") + ", " +
               std::to_string(merged.failures) + " failed");
    return 0;
}

} // namespace ptest::cli
