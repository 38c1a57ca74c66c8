// The one interface behind which ptest keeps everything it knows about a test framework: its
// config spelling and display name, the strings that mark it in an executable, how to ask a
// binary for its cases and read the answer, the argv that runs exactly one case, the files an
// attempt needs, how to read an attempt's report, how several cases run in one process (a batch)
// and are read back case by case, and how CTest registrations of it map onto ptest work. One
// implementation per framework (gtest, catch2, doctest, boost, command); registry.hpp is the only
// place that knows which exist. No process is started here: the runner starts processes and hands
// the bytes to an adapter.
#pragma once

#include "runner/model/test_list.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// The result of parsing one listing's output.
struct ListParseResult {
    std::vector<TestCase> cases;
    std::optional<std::string> error; ///< Set when the output is not a valid listing.
};

/// What the framework itself said about one finished attempt.
struct FrameworkVerdict {
    /// How many test cases the framework reports as run (nullopt when it printed no report).
    std::optional<int> cases_run;
    bool finished = true; ///< False when the framework never reported the case finishing.
    bool skipped = false; ///< The case skipped itself (GTEST_SKIP, Catch2 v3 SKIP).
    std::string skip_message;
    std::string failure_message;     ///< First failure line made one line (see JUnit contract).
    std::string failure_description; ///< The failure block(s) the framework printed.
    /// Set when the verdict was read from the framework's structured report (`report_file`): the
    /// report decides whatever the exit code, through `failed`, `skipped` and `disagreement`.
    bool from_report = false;
    bool failed = false; ///< The report says the case failed (only with `from_report`).
    /// The report and the exit status disagree, or the report is missing or names the wrong
    /// cases: the attempt fails with this one line as its reason (only with `from_report`).
    std::string disagreement;
    /// Where the report says the case is declared (empty and 0 when it does not say): JUnit's
    /// `file` and `line`, and the `file:line` of failure lines.
    std::string file;
    std::uint32_t line = 0;
    /// Text people would have read on the console that only the report holds (Catch2 v2's XML
    /// reporter takes the test's std::cout and std::cerr off the console, and no console report
    /// goes beside it): the attempt appends it to the captured stdout and stderr.
    std::string report_stdout;
    std::string report_stderr;
};

/// A file the framework writes while an attempt runs, named to it through an environment variable
/// (GoogleTest's TEST_PREMATURE_EXIT_FILE). The framework creates it when a case starts and
/// removes it when the run ends normally, so the file still existing after exit means the process
/// ended before the framework finished. The attempt removes it after exit and passes whether it
/// existed to `interpret_output`.
struct PrematureExitFile {
    std::string env_var;        ///< The variable that names the file to the framework.
    std::filesystem::path path; ///< Where the file goes for this attempt.
};

/// The argv of a batch: what selects the first `count` cases handed to `batch_arguments`, and
/// nothing else, plus the report arguments.
struct BatchArguments {
    std::vector<std::string> args;
    /// How many of the leading cases the arguments select: fewer than asked when the selector
    /// would pass the kernel's limit on one argument, or when the framework cannot select the
    /// next case together with the first (doctest: another suite). 0 when the adapter cannot
    /// batch at all: the cases then run one per process.
    std::size_t count = 0;
};

/// How a framework's batch argv selects its cases (`FrameworkAdapter::batch_selector`).
enum class BatchSelector {
    /// By names, at a start-up cost in proportion to the names (GoogleTest keeps exact names in a
    /// hash set): any cut of a binary costs about the same.
    names,
    /// By names, but the framework matches every case it has against every name (Catch2 v2,
    /// doctest): a
    /// batch naming n cases of a binary listing m costs n x m comparisons before its first case,
    /// so the batches of one binary cost in all about (cases selected) x (cases listed), however
    /// they are cut. A batch of every case an unfiltered run selects names none.
    names_matched_by_every_case,
    /// As `names_matched_by_every_case`, and the k-th of N equal contiguous shards of the cases an
    /// unfiltered run selects is also selected without names (Catch2 v3 `--shard-count N
    /// --shard-index k`): shard i of N holds the cases from i x (m / N) + min(i, m mod N), m / N
    /// of them, one more for the first m mod N shards.
    names_or_shards,
};

/// What a batch's report says about one of its cases.
struct BatchCaseResult {
    /// True when the report gives the case a verdict of its own: it ran to its end inside the
    /// batch and the report, the exit code and the other cases agree. False when the report
    /// does not name it, stops inside it, or cannot be trusted: the case is re-run alone.
    bool attributed = false;
    /// The case's verdict (`from_report`), meaningful only when `attributed`. A failure keeps its
    /// message and description, but the scheduler re-runs it alone (see `batch_verdict_is_final`).
    FrameworkVerdict verdict;
    /// How long the report says the case ran; nullopt when it does not say.
    std::optional<std::chrono::nanoseconds> duration;
    /// The case's own slice of the batch's captured stdout and stderr: nullopt when the batch's
    /// output cannot be split among its cases without doubt (the case then gets no output of its
    /// own). Empty strings when the case printed nothing. They stand for the case's whole output:
    /// `verdict.report_stdout` and `report_stderr` are not to be added to them.
    std::optional<std::string> stdout_text;
    std::optional<std::string> stderr_text;
    /// Why the case is not `attributed`, in one line; empty when it is.
    std::string unattributed_reason;
    /// Set on an unattributed case when the report shows the process ended while this case ran
    /// (a streamed report cut off inside it): the likely culprit, to re-run alone, while the
    /// other unattributed cases never started or cannot be told and may be batched again.
    bool ended_in = false;
};

/// Whether a batch's result stands for the case without a run of its own: it is attributed and
/// passed or skipped without any disagreement. A failure, a disagreement or a case the batch
/// does not account for is re-run alone, and that run decides: nothing a batch says may pass a
/// case that a run of its own would fail.
bool batch_verdict_is_final(const BatchCaseResult& result);

/// What ptest does with a CTest test.
enum class CTestMapping {
    expand,   ///< List the binary (with the test's arguments) and run each case on its own.
    one_case, ///< Run the command as registered: it selects one case, checked to run exactly one.
    command,  ///< Run the command whole; its exit code (and CTest's rules) decide.
};

/// The mapping of one command, with the case name for `one_case` and why a test binary is not
/// expanded for `command` (empty when the program is no test binary).
struct CommandMapping {
    CTestMapping mapping = CTestMapping::command;
    std::string case_name;
    std::string reason;
};

/// Everything ptest knows about one test framework. Implementations are stateless singletons
/// owned by the registry; every member is const and thread-safe.
class FrameworkAdapter {
public:
    virtual ~FrameworkAdapter() = default;

    /// The spelling in config and on the command line (`kind = "gtest"`), also used by `list`'s
    /// JSON output and by filter expressions.
    [[nodiscard]] virtual std::string_view config_name() const = 0;

    /// The framework's name as messages print it (`GoogleTest`, `Catch2`, `doctest`).
    [[nodiscard]] virtual std::string_view display_name() const = 0;

    /// Whether this "framework" is none: the program is one test, run whole, and its exit code
    /// decides. A CTest test ptest cannot expand runs as such a binary.
    [[nodiscard]] virtual bool runs_whole() const { return false; }

    /// Strings only a binary linking the framework's own runner contains (help texts naming the
    /// list options), strongest first. Empty for a kind that is never detected.
    [[nodiscard]] virtual std::span<const std::string_view> runner_markers() const = 0;

    /// Weaker markers: the framework's mangled namespaces, which also cover a binary linked
    /// against a shared library holding the runner.
    [[nodiscard]] virtual std::span<const std::string_view> symbol_markers() const = 0;

    /// How many listing commands the binary needs (Catch2 lists hidden tests separately); 0 for
    /// a kind that is never listed.
    [[nodiscard]] virtual int list_pass_count() const = 0;

    /// Arguments (after the binary path and its configured `args`) that make the binary print
    /// listing pass `pass` (0-based, below `list_pass_count()`).
    [[nodiscard]] virtual std::vector<std::string> list_arguments(int pass) const = 0;

    /// Parse the stdout of listing pass `pass`. `exit_code` is the listing's exit code (Catch2 v2
    /// returns the number of tests listed, which is not an error). Lines outside the list grammar
    /// (gtest_main's "Running main() from ..." banner) are ignored.
    [[nodiscard]] virtual ListParseResult parse_list_output(int pass, std::string_view output,
                                                            int exit_code) const = 0;

    /// Merge every listing pass's result into one case list in listing order (Catch2: the hidden
    /// ones `ignored`, tags as labels), and mark the cases the framework cannot select exactly as
    /// `unselectable` with a reason. A kind that is never listed returns its one case, named
    /// `binary_id`.
    [[nodiscard]] virtual std::vector<TestCase>
    merge_list_passes(std::vector<ListParseResult> passes, std::string_view binary_id) const = 0;

    /// The argv (after the binary path and its configured `args`) that runs exactly `test` and
    /// nothing else. For an `ignored` case it adds what the framework needs to run it anyway
    /// (`--gtest_also_run_disabled_tests`, doctest `--no-skip`). Empty for a plain command.
    [[nodiscard]] virtual std::vector<std::string> run_arguments(const TestCase& test) const = 0;

    /// The premature-exit file of the attempt numbered `serial` (unique within the run), placed in
    /// the run's scratch directory `scratch_dir`; nullopt when the framework has none.
    [[nodiscard]] virtual std::optional<PrematureExitFile>
    premature_exit_file(const std::filesystem::path& scratch_dir, std::uint64_t serial) const;

    /// The arguments (added after the case's own) that make the framework write its structured
    /// report of one attempt to `path`, a file private to the attempt; empty when the framework's
    /// verdict is read from its console output instead (the default). The attempt reads the file
    /// after exit, with or without capture, and passes its contents to `interpret_report`.
    [[nodiscard]] virtual std::vector<std::string> report_arguments(std::string_view path) const;

    /// Prefixes of arguments by which a binary's own arguments already ask for a report of their
    /// own (`--gtest_output`). A framework honours one such request only, so an attempt whose
    /// arguments carry one keeps the user's report and is judged from the console instead.
    [[nodiscard]] virtual std::span<const std::string_view> own_report_options() const;

    /// Whether the console output of an attempt given `report_arguments` still holds the
    /// framework's console report (GoogleTest, Catch2 v3); false where the structured report
    /// replaces it (Catch2 v2, doctest, Boost.Test), so CTest regular expressions written against
    /// that console text would not find it.
    [[nodiscard]] virtual bool report_keeps_console() const;

    /// Judge an attempt of `test` from its report's contents (`report`, nullopt when the framework
    /// wrote none) and the exit code of a process that exited normally (128 + N for one killed by
    /// signal N: the attempt is then an abort whatever the verdict says, which only supplies the
    /// failure text), with the captured stdout for the failure description people read (empty
    /// without capture). Returns a verdict with
    /// `from_report` set: the report's verdict, or a disagreement when the report is missing,
    /// truncated, does not name `test` (told apart from cases the same selector also ran by name,
    /// then `file` and `line`), or contradicts the exit code. Only called for adapters whose
    /// `report_arguments` are not empty.
    [[nodiscard]] virtual FrameworkVerdict
    interpret_report(const TestCase& test, const std::optional<std::string>& report, int exit_code,
                     std::string_view stdout_text) const;

    /// Read the captured stdout and stderr of an attempt of `test`. `premature_exit_file_exists`
    /// tells whether the attempt's `premature_exit_file` was still there after exit.
    [[nodiscard]] virtual FrameworkVerdict
    interpret_output(const TestCase& test, std::string_view stdout_text,
                     std::string_view stderr_text, bool premature_exit_file_exists) const = 0;

    /// Which of a binary's listed cases (`listed`, in listing order) can run in a batch: those
    /// the framework's selector picks out exactly even beside other selected cases, so that a
    /// batch runs its own cases and nothing else. One flag per listed case; the default (no
    /// batching) is all false. `unselectable` cases are never batchable.
    [[nodiscard]] virtual std::vector<bool> batchable_cases(std::span<const TestCase> listed) const;

    /// The argv (after the binary path and its configured `args`) that runs the first `count`
    /// cases of `batch` in one process, in the framework's order, and writes the report
    /// `interpret_batch` reads to `report_path`. Every case of `batch` is a batchable case of one
    /// binary (see `batchable_cases`), in listing order, pointing into `listed` when that is not
    /// empty. `listed` is the binary's whole listing when a run with no selector at all runs
    /// exactly its cases that are not `ignored` (the binary has no `args`), else empty: an
    /// adapter may then select a batch by its place in that listing instead of by names (see
    /// `batch_selector`). `count` is at least 1 when `batch` is not empty and the adapter batches
    /// at all; the default returns 0. A binary that is `preselected`, or whose `args` ask for a
    /// report of their own (`own_report_options`), is not to be batched: its arguments would
    /// fight the batch's.
    [[nodiscard]] virtual BatchArguments batch_arguments(std::span<const TestCase> listed,
                                                         std::span<const TestCase* const> batch,
                                                         std::string_view report_path) const;

    /// `batch_arguments` with the listing unknown: a batch is always selected by names.
    [[nodiscard]] BatchArguments batch_arguments(std::span<const TestCase* const> batch,
                                                 std::string_view report_path) const {
        return batch_arguments({}, batch, report_path);
    }

    /// How the framework selects a batch's cases, which tells the planner how to cut a binary
    /// (see batch_plan.hpp). The default, `names`, suits every adapter whose selector costs the
    /// framework time in proportion to the cases it names.
    [[nodiscard]] virtual BatchSelector batch_selector() const;

    /// Read a batch run with `batch_arguments` (`batch` holds the cases the arguments selected):
    /// its report (nullopt when the framework wrote none), the exit code (128 + N after signal
    /// N) and the captured stdout and stderr (empty without capture). One result per case of
    /// `batch`, in its order. A case is attributed only when the report shows it ran to its end
    /// and nothing casts doubt on the report; anything else is unattributed. The default
    /// attributes nothing.
    [[nodiscard]] virtual std::vector<BatchCaseResult>
    interpret_batch(std::span<const TestCase* const> batch,
                    const std::optional<std::string>& report, int exit_code,
                    std::string_view stdout_text, std::string_view stderr_text) const;

    /// Map a CTest command whose program is a binary of this framework and whose arguments (after
    /// the program) are `args`: one case when the arguments already select exactly one (as
    /// `gtest_discover_tests`, `catch_discover_tests` and `doctest_discover_tests` register them),
    /// `expand` when they select no subset, else `command` with the reason.
    [[nodiscard]] virtual CommandMapping
    map_ctest_command(const std::vector<std::string>& args) const = 0;
};

/// The cases of every pass, in pass order, moved (never copied: a binary may list 100 000 cases).
/// For adapters whose passes each list cases of their own.
std::vector<TestCase> concatenate_passes(std::vector<ListParseResult> passes);

} // namespace ptest::runner
