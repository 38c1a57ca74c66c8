// Detection on real executables, with no `kind`: ptest's own unit tests (a doctest binary that
// holds every framework's strings as data), a GoogleTest 1.18 binary holding Catch2's and
// doctest's strings, and a Catch2 3.7.1 binary are each told right; a program whose framework
// cannot be told is one error line, and is never run with another framework's flags; `kind =`
// still overrides. The undecided programs are shell scripts, whose bytes ptest weighs as it
// weighs an executable's.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <map>

using namespace ptest::itest;

namespace {

/// Every runner string by which ptest recognises GoogleTest, then doctest.
const char* const k_gtest_runner_strings = "--gtest_list_tests --gtest_filter "
                                           "--gtest_also_run_disabled_tests "
                                           "--gtest_death_test_style GTEST_SHARD_INDEX";
const char* const k_doctest_runner_strings =
    "list-test-cases 'doctest version is' dt-test-case test-suite-exclude= "
    "'ALL FLAGS, OPTIONS AND FILTERS ALSO AVAILABLE WITH A'";

/// An executable shell script at `dir/name` whose comment holds `strings` and which appends its
/// arguments to `dir/ran` whenever it runs, then runs `body`.
fs::path write_script(const TempDir& dir, const std::string& name, const std::string& strings,
                      const std::string& body) {
    fs::path script = dir / name;
    write_file(script, "#!/bin/sh\n# " + strings + "\necho \"$@\" >> '" + (dir / "ran").string() +
                           "'\n" + body + "\n");
    fs::permissions(script, fs::perms::owner_all, fs::perm_options::add);
    return script;
}

/// Each JUnit test case's outcome in `junit`, by name.
std::map<std::string, std::string> junit_outcomes(const fs::path& junit) {
    std::map<std::string, std::string> outcomes;
    pugi::xml_document doc;
    if (doc.load_file(junit.c_str())) {
        for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
            outcomes[node.node().attribute("name").as_string()] = junit_outcome(node.node());
        }
    }
    return outcomes;
}

/// Run `binary` with no `kind` and check every case ends as the model says.
void check_runs_as_modelled(const std::string& binary) {
    TempDir dir;
    write_file(dir / ".config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                           "[profile.default.junit]\npath = \"junit.xml\"\n");
    Result result =
        run_ptest({"run", "--color", "never", "--binary", fixture(binary).string()}, in_dir(dir));
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 100); // Each fixture has a failing case.
    std::map<std::string, std::string> outcomes = junit_outcomes(dir / "junit.xml");
    int compared = 0;
    for (const ExpectedCase& expected : expected_cases()) {
        if (expected.binary == binary) {
            CHECK_MESSAGE(outcomes[expected.name] == expected.outcome, expected.name);
            ++compared;
        }
    }
    CHECK(compared >= 4);
}

} // namespace

TEST_SUITE("integration::detection") {

    TEST_CASE("ptest's own unit tests, holding every framework's strings, are doctest") {
        TempDir dir;
        fs::path unit_tests = ptest_exe().parent_path() / "tests" / "ptest_unit_runner";
        Result result = run_ptest(
            {"list", "--message-format", "json", "--binary", unit_tests.string()}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "\"kind\":\"doctest\""));
        CHECK(contains(result.out, "\"name\":\"runner::detection/"));
    }

    TEST_CASE("a GoogleTest 1.18 binary holding Catch2's and doctest's strings is GoogleTest") {
        check_runs_as_modelled("gtest_v118_markers");
    }

    TEST_CASE("a Catch2 3.7.1 binary is Catch2 v3: it lists, skips and reports as v3") {
        // Listed with v2's flags, a v3 binary would be a listing error.
        check_runs_as_modelled("catch2v3_discover");
    }

    TEST_CASE("a program whose framework cannot be told is one error line, and never runs") {
        TempDir dir;
        fs::path script = write_script(
            dir, "undecided", std::string(k_gtest_runner_strings) + " " + k_doctest_runner_strings,
            "exit 0");
        Result result = run_ptest({"list", "--binary", script.string()}, in_dir(dir));
        CHECK(result.exit_code == 104);
        CHECK(lines_of(result.err) ==
              std::vector<std::string>{
                  "ptest: error: cannot tell the framework of `undecided` (" + script.string() +
                  "): it carries the markers of GoogleTest and doctest, none clearly ahead; set "
                  "its `kind` to \"gtest\" or \"doctest\""});
        CHECK_FALSE(fs::exists(dir / "ran"));
    }

    TEST_CASE("an unconfirmed framework is listed with its own flags only, and its listing must "
              "parse") {
        TempDir dir;
        // GoogleTest's runner strings ahead of doctest's one, but no symbols to settle it.
        fs::path script =
            write_script(dir, "ahead", std::string(k_gtest_runner_strings) + " list-test-cases",
                         "echo 'Usage: ahead [--verbose]'");
        Result result = run_ptest({"list", "--binary", script.string()}, in_dir(dir));
        CHECK(result.exit_code == 104);
        // One error line, and the note that `ptest run` would report it as a failed listing.
        REQUIRE(lines_of(result.err).size() == 2);
        CHECK(lines_of(result.err)[0].rfind("ptest: error: ", 0) == 0);
        CHECK(lines_of(result.err)[1].rfind("ptest: note: ", 0) == 0);
        CHECK(
            contains(result.err, "cannot tell the framework of `ahead` (" + script.string() +
                                     "): it carries the markers of GoogleTest and doctest, and "
                                     "its GoogleTest listing did not confirm it (not a GoogleTest "
                                     "listing"));
        CHECK(contains(result.err, "set its `kind` to \"gtest\" or \"doctest\""));
        CHECK(read_file(dir / "ran") == "--gtest_list_tests\n");

        // When its listing is GoogleTest's, it is GoogleTest.
        write_script(dir, "ahead", std::string(k_gtest_runner_strings) + " list-test-cases",
                     "printf 'Suite.\\n  Case\\n'");
        Result confirmed = run_ptest({"list", "--binary", script.string()}, in_dir(dir));
        INFO("stderr:\n" << confirmed.err);
        CHECK(confirmed.exit_code == 0);
        CHECK(contains(confirmed.out, "Suite.Case"));
    }

    TEST_CASE("`kind =` overrides detection") {
        TempDir dir;
        fs::path script = write_script(
            dir, "undecided", std::string(k_gtest_runner_strings) + " " + k_doctest_runner_strings,
            "printf 'Suite.\\n  Case\\n'");
        write_file(dir / ".config/ptest.toml",
                   "[[binary]]\npath = \"" + script.string() + "\"\nkind = \"gtest\"\n");
        Result result = run_ptest({"list"}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.out, "Suite.Case"));
        CHECK(read_file(dir / "ran") == "--gtest_list_tests\n");
    }
}
