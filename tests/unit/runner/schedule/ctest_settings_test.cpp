// Tests of CTest's scheduler-side properties applied to a test's settings.
#include "runner/model/ctest_rules.hpp"
#include "runner/schedule/ctest_settings.hpp"

#include <doctest/doctest.h>

namespace ptest::runner {

TEST_SUITE("runner::ctest_settings") {
    TEST_CASE("TIMEOUT, RUN_SERIAL, RESOURCE_LOCK and PROCESSORS reach the test's settings") {
        auto rules = std::make_shared<CTestRules>();
        rules->timeout = std::chrono::seconds(5);
        rules->run_serial = true;
        rules->resource_locks = {"db", "net"};
        rules->processors = 3;
        TestBinary binary;
        TestSettings settings;
        settings.resource_locks = {"db"};
        apply_ctest_rules(binary, settings); // Not from CTest: unchanged.
        CHECK_FALSE(settings.timeout.has_value());
        binary.ctest = rules;
        apply_ctest_rules(binary, settings);
        CHECK(settings.timeout == profiles::Duration(std::chrono::seconds(5)));
        CHECK(settings.run_serial);
        CHECK(settings.resource_locks == std::vector<std::string>{"db", "net"});
        CHECK(settings.threads_required == 3);
    }
}

} // namespace ptest::runner
