// The one table of ptest's exit codes (nextest's numbering), mirrored in docs/exit-codes.md.
// It lives in the leaf library so that every layer can raise an `Error` carrying its code.
#pragma once

namespace ptest {

/// Process exit codes. Each value is documented in docs/exit-codes.md.
enum class ExitCode : int {
    ok = 0,              ///< Every selected test passed (or was skipped).
    usage = 2,           ///< The command line could not be parsed.
    no_tests_run = 4,    ///< No test was selected to run (`--no-tests fail`).
    invalid_filter = 94, ///< A filter expression could not be parsed.
    setup_error = 96,    ///< Bad config, unknown profile, missing binary, duplicate ids.
    test_list_creation_failed =
        104,                   ///< A binary could not be listed (crash, hang, not a test binary).
    test_run_failed = 100,     ///< A test failed, or the run was cancelled.
    setup_script_failed = 105, ///< A setup script or its health check failed (or a teardown).
    internal_error = 101,      ///< A bug in ptest: an unexpected exception reached `main`.
    write_output_error = 110,  ///< An output (the JUnit file, the report on stderr) failed.
    // Archives (`ptest archive`, `--archive-file`).
    archive_creation_failed = 103, ///< An archive could not be made (a missing shared library).
    archive_unreadable = 106, ///< An archive is corrupt, truncated, not one, or another version.
    /// `run --rerun-failed`: every selected test passed, but tests outside the selection still
    /// failed or did not run in the last run (nextest's `RERUN_TESTS_OUTSTANDING`).
    rerun_tests_outstanding = 5,
    /// `junit merge`: an input is missing, not a JUnit report, or disagrees with another input
    /// about a test's verdict.
    junit_merge_failed = 107,
};

} // namespace ptest
