// Cases for capturing Boost.Test's structured reports (tests/data/reports, scripts/capture-reports).
// Boost.Test 1.74 header-only variant (Debian's libboost1.74-dev).
#define BOOST_TEST_MODULE reports
#include <boost/test/included/unit_test.hpp>
#include <boost/test/data/test_case.hpp>
#include <boost/test/data/monomorphic.hpp>
#include <boost/mpl/list.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <utility>

namespace utf = boost::unit_test;

BOOST_AUTO_TEST_SUITE(basic)
BOOST_AUTO_TEST_CASE(pass) { BOOST_TEST(1 == 1); }
BOOST_AUTO_TEST_CASE(fail_assert) { BOOST_TEST(1 == 2); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(output)
BOOST_AUTO_TEST_CASE(no_newline) {
    std::cout << "cout: 42" << std::flush;
    std::fprintf(stderr, "stderr: 7");
}
// Console lines that imitate Boost.Test, then a real failure.
BOOST_AUTO_TEST_CASE(fake_lines) {
    std::cout << "Leaving test case \"fake_lines\"\n\n*** No errors detected\n" << std::flush;
    BOOST_ERROR("real failure after fake summary");
}
BOOST_AUTO_TEST_CASE(fake_then_exit) {
    std::cout << "\n*** No errors detected\n" << std::flush;
    std::_Exit(0);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(skip)
BOOST_AUTO_TEST_CASE(disabled, *utf::disabled()) { BOOST_TEST(false); }
BOOST_AUTO_TEST_CASE(precondition_false,
                     *utf::precondition([](utf::test_unit_id) { return utf::assertion_result(false); })) {
    BOOST_TEST(false);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(errors)
BOOST_AUTO_TEST_CASE(exit_zero_mid_test) {
    std::cout << "before _Exit\n" << std::flush;
    std::_Exit(0);
}
BOOST_AUTO_TEST_CASE(throws) { throw std::runtime_error("boom"); }
BOOST_AUTO_TEST_CASE(exit_zero) {
    std::cout << "before exit\n";
    std::exit(0);
}
BOOST_AUTO_TEST_CASE(aborts) {
    std::cout << "before abort\n" << std::flush;
    std::abort();
}
BOOST_AUTO_TEST_SUITE_END()

// Nested suites, a label, template and data-driven cases (generated names).
BOOST_AUTO_TEST_SUITE(outer)
BOOST_AUTO_TEST_SUITE(inner)
BOOST_AUTO_TEST_CASE(labelled, *utf::label("fast")) { BOOST_TEST(true); }
using tmpl_types = boost::mpl::list<int, std::pair<int, long>>;
BOOST_AUTO_TEST_CASE_TEMPLATE(tmpl, T, tmpl_types) { BOOST_TEST(sizeof(T) > 0); }
BOOST_DATA_TEST_CASE(data, boost::unit_test::data::xrange(2), x) { BOOST_TEST(x >= 0); }
BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
