// Unstarted tests: the wording of their results (see unstarted.hpp).
#include "runner/schedule/unstarted.hpp"

namespace ptest::runner {

bool runs_without_process(const TestBinary& binary, const TestCase& test) {
    return binary.listing_failure.has_value() || test.unselectable.has_value();
}

reporter::AttemptResult unstarted_result(const TestBinary& binary, const TestCase& test) {
    reporter::AttemptResult result;
    result.total_attempts = 1;
    if (binary.listing_failure) {
        // Nothing to retry: the listing is what failed, and it was tried once.
        result.status = reporter::AttemptStatus::fail;
        result.reason = "could not list its tests: " + binary.listing_failure->problem;
        result.failure_message = binary.listing_failure->message;
        result.stdout_output = binary.listing_failure->stdout_output;
        result.stderr_output = binary.listing_failure->stderr_output;
        return result;
    }
    if (binary.ctest) {
        // ctest fails a test it cannot run as registered (Not Run), and so does ptest.
        result.status = reporter::AttemptStatus::exec_fail;
        result.reason = "refused: " + test.unselectable.value_or("");
    } else {
        // A case its framework cannot run on its own is not run, and never a failure.
        result.status = reporter::AttemptStatus::skip;
        result.skip_message = "cannot be run on its own: " + test.unselectable.value_or("");
    }
    // Refused cases are often the ones only a location tells apart (duplicate names).
    result.location = {test.file, test.line};
    return result;
}

} // namespace ptest::runner
