// Workspace discovery and the `[[binary]]` tables: `.config/ptest.toml` is found from a nested
// directory, it wins over `.config/nextest.toml`, `--workspace` names the root explicitly, and a
// binary's `path` (relative to the root, or a glob), `id`, `cwd`, `args` and `kind` all take
// effect.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace ptest::itest;

namespace {

/// Copy fixtures into `dir/bin/`, as a project's build would place its test binaries.
void copy_fixtures(const TempDir& dir, const std::vector<std::string>& names) {
    fs::create_directories(dir / "bin");
    for (const std::string& name : names) {
        fs::copy_file(fixture(name), dir / ("bin/" + name));
    }
}

/// `ptest list --run-ignored default` with `args`, in `cwd`; requires success.
std::vector<std::string> list_in(const fs::path& cwd, std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"list", "--run-ignored", "default"});
    Result result = run_ptest(args, in_dir(cwd));
    INFO("stderr:\n" << result.err);
    CHECK(result.exit_code == 0);
    return lines_of(result.out);
}

} // namespace

TEST_SUITE("integration::core::workspace") {

    TEST_CASE("the config is found from a nested directory and binary paths are root-relative") {
        TempDir dir;
        copy_fixtures(dir, {"catch2_behaviour"});
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"bin/catch2_behaviour\"\n");
        fs::create_directories(dir / "src/deeper");
        std::vector<std::string> lines = list_in(dir / "src/deeper", {"quick"});
        CHECK(lines == std::vector<std::string>{"catch2_behaviour quick passes"});

        Result result = run_ptest({"run", "--color", "never", "quick"}, in_dir(dir / "src/deeper"));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "catch2_behaviour quick passes"));
    }

    TEST_CASE("ptest.toml wins over nextest.toml in the same workspace") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"" +
                                                   fixture("catch2_behaviour").string() +
                                                   "\"\nid = \"from_ptest_toml\"\n");
        write_file(dir / ".config/nextest.toml", "[[binary]]\npath = \"" +
                                                     fixture("catch2_behaviour").string() +
                                                     "\"\nid = \"from_nextest_toml\"\n");
        CHECK(list_in(dir.path(), {"quick"}) ==
              std::vector<std::string>{"from_ptest_toml quick passes"});

        // Without ptest.toml, nextest.toml is read.
        fs::remove(dir / ".config/ptest.toml");
        CHECK(list_in(dir.path(), {"quick"}) ==
              std::vector<std::string>{"from_nextest_toml quick passes"});
    }

    TEST_CASE("--workspace names the root from anywhere") {
        TempDir dir;
        TempDir elsewhere;
        copy_fixtures(dir, {"doctest_behaviour"});
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"bin/doctest_behaviour\"\n");
        CHECK(list_in(elsewhere.path(), {"--workspace", dir.path().string(), "quick"}) ==
              std::vector<std::string>{"doctest_behaviour quick passes"});

        // Without it, a directory outside the workspace has no binaries.
        Result result = run_ptest({"list"}, in_dir(elsewhere.path()));
        CHECK(result.exit_code == 96);
        CHECK(contains(result.err, "ptest: error: no test binaries"));

        Result missing = run_ptest({"list", "--workspace", (dir / "nowhere").string()},
                                   in_dir(elsewhere.path()));
        CHECK(missing.exit_code == 96);
        CHECK(contains(missing.err, "is not a directory"));
    }

    TEST_CASE("a glob path lists every matching binary under its file name") {
        TempDir dir;
        copy_fixtures(dir, {"gtest_basic", "catch2_basic", "doctest_basic", "catch2_behaviour"});
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"bin/*_basic\"\n");
        std::vector<std::string> lines =
            list_in(dir.path(), {"--exact", "adds numbers", "Math.Adds"});
        CHECK(lines == std::vector<std::string>{"catch2_basic adds numbers",
                                                "doctest_basic adds numbers",
                                                "gtest_basic Math.Adds"});
    }

    TEST_CASE("id renames a binary in the listing and the report") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"" +
                                                   fixture("gtest_basic").string() +
                                                   "\"\nid = \"core\"\n");
        CHECK(list_in(dir.path(), {"--exact", "Math.Adds"}) ==
              std::vector<std::string>{"core Math.Adds"});
        Result result =
            run_ptest({"run", "--color", "never", "--exact", "Math.Adds"}, in_dir(dir.path()));
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "] core Math.Adds\n"));
    }

    TEST_CASE("cwd and args reach both the listing and every test process") {
        TempDir dir;
        fs::create_directories(dir / "work");
        // Relative to the binary's cwd, gtest writes its own XML report: when listing (a list
        // report) and when running (a report with status="run").
        write_file(dir / ".config/ptest.toml",
                   "[[binary]]\npath = \"" + fixture("gtest_basic").string() +
                       "\"\ncwd = \"work\"\nargs = [\"--gtest_output=xml:gtest.xml\"]\n");
        Result json = run_ptest({"list", "--message-format", "json"}, in_dir(dir.path()));
        REQUIRE(json.exit_code == 0);
        CHECK(contains(json.out, "\"cwd\":\"" + (dir / "work").string() + "\""));
        REQUIRE(fs::exists(dir / "work/gtest.xml"));
        CHECK_FALSE(contains(read_file(dir / "work/gtest.xml"), "status=\"run\""));

        Result result =
            run_ptest({"run", "--color", "never", "--exact", "Math.Adds"}, in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        std::string report = read_file(dir / "work/gtest.xml");
        CHECK(std::regex_search(report, std::regex(R"(<testcase name="Adds"[^>]* status="run")")));
        CHECK_FALSE(fs::exists(dir / "gtest.xml"));
    }

    TEST_CASE("kind skips detection and selects the framework's listing") {
        TempDir dir;
        // Detected, not_a_test is refused before it is listed.
        write_file(dir / ".config/ptest.toml",
                   "[[binary]]\npath = \"" + fixture("not_a_test").string() + "\"\n");
        Result detected = run_ptest({"list"}, in_dir(dir.path()));
        CHECK(detected.exit_code == 104);
        CHECK(contains(detected.err,
                       "is not a GoogleTest, Catch2, doctest or Boost.Test test binary"));

        // Declared a GoogleTest binary, it is listed as one, and its output is no listing.
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"" +
                                                   fixture("not_a_test").string() +
                                                   "\"\nkind = \"gtest\"\n");
        Result declared = run_ptest({"list"}, in_dir(dir.path()));
        CHECK(declared.exit_code == 104);
        CHECK(contains(declared.err, "not a GoogleTest listing"));

        // The declared kind is the one in the JSON listing.
        write_file(dir / ".config/ptest.toml", "[[binary]]\npath = \"" +
                                                   fixture("doctest_behaviour").string() +
                                                   "\"\nkind = \"doctest\"\n");
        Result json = run_ptest({"list", "--message-format", "json"}, in_dir(dir.path()));
        CHECK(json.exit_code == 0);
        CHECK(contains(json.out, "\"kind\":\"doctest\""));
    }

} // TEST_SUITE
