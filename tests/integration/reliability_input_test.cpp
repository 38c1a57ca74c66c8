// Bad input ends ptest with one clear line and its documented exit code: malformed TOML and a
// wrong type (96, with file:line:col), an unwritable JUnit path (110, before any test starts),
// `--no-tests` fail/warn/pass, and bad values of `--run-ignored` and `--stress-count` (2).
#include "harness.hpp"

#include <doctest/doctest.h>

using namespace ptest::itest;

namespace {

/// The first line of `text`.
std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

/// Run `ptest run <args> --binary gtest_behaviour` in a workspace whose config is `config`.
Result run_with_config(const TempDir& dir, const std::string& config,
                       std::vector<std::string> args) {
    write_file(dir / ".config/ptest.toml", config);
    args.insert(args.begin(), "run");
    for (const std::string& extra : {std::string("--binary"), fixture("gtest_behaviour").string(),
                                     std::string("--color"), std::string("never")}) {
        args.push_back(extra);
    }
    return run_ptest(args, in_dir(dir.path()));
}

} // namespace

TEST_SUITE("integration::reliability") {

    TEST_CASE("malformed TOML is a configuration error at its line and column") {
        TempDir dir;
        Result result = run_with_config(dir, "[profile.default]\nretries = \n", {"Quick.Passes"});
        CHECK(result.exit_code == 96);
        CHECK(first_line(result.err) ==
              "ptest: error: .config/ptest.toml:2:11: Error while parsing key-value pair: "
              "expected value, saw '\\n'");
        CHECK(!contains(result.err, "Starting"));
    }

    TEST_CASE("a value of the wrong type is a configuration error at its line and column") {
        TempDir dir;
        Result result =
            run_with_config(dir, "[profile.default]\nretries = \"three\"\n", {"Quick.Passes"});
        CHECK(result.exit_code == 96);
        CHECK(first_line(result.err) ==
              "ptest: error: .config/ptest.toml:2:11: `profile.default.retries`: expected an "
              "integer or a table, found a string");
        CHECK(!contains(result.err, "Starting"));
    }

    TEST_CASE("an unwritable JUnit path fails with 110 before any test starts") {
        TempDir dir;
        write_file(dir / "blocker", "a regular file, so blocker/junit.xml cannot be created\n");
        Result result = run_with_config(
            dir, "[profile.default.junit]\npath = \"blocker/junit.xml\"\n", {"Quick.Passes"});
        CHECK(result.exit_code == 110);
        CHECK(result.err == "ptest: error: cannot write " + (dir / "blocker/junit.xml").string() +
                                ": Not a directory\n");
        CHECK(result.leftovers.empty());
    }

    TEST_CASE("--no-tests decides what a run without tests means") {
        TempDir dir;
        SUBCASE("fail (the default) exits 4") {
            Result result = run_with_config(dir, "", {"NoSuchTest"});
            CHECK(result.exit_code == 4);
            CHECK(contains(result.err, "ptest: error: no tests to run (use --no-tests=pass or "
                                       "--no-tests=warn to allow this)\n"));
        }
        SUBCASE("warn exits 0 with a warning") {
            Result result = run_with_config(dir, "", {"NoSuchTest", "--no-tests", "warn"});
            CHECK(result.exit_code == 0);
            CHECK(contains(result.err, "ptest: warning: no tests to run\n"));
        }
        SUBCASE("pass exits 0 quietly") {
            Result result = run_with_config(dir, "", {"NoSuchTest", "--no-tests", "pass"});
            CHECK(result.exit_code == 0);
            CHECK(!contains(result.err, "no tests to run"));
        }
        SUBCASE("anything else is a usage error") {
            Result result = run_with_config(dir, "", {"NoSuchTest", "--no-tests", "maybe"});
            CHECK(result.exit_code == 2);
            CHECK(result.err ==
                  "ptest: error: invalid --no-tests value `maybe` (expected fail, warn or pass)\n");
        }
    }

    TEST_CASE("a bad --run-ignored value is a usage error") {
        TempDir dir;
        Result result = run_with_config(dir, "", {"--run-ignored", "sometimes"});
        CHECK(result.exit_code == 2);
        CHECK(result.err == "ptest: error: invalid --run-ignored value `sometimes` (expected "
                            "default, only or all)\n");
    }

    TEST_CASE("bad stress options are usage errors") {
        TempDir dir;
        SUBCASE("a count that is not a positive integer") {
            Result result = run_with_config(dir, "", {"--stress-count", "0"});
            CHECK(result.exit_code == 2);
            CHECK(result.err == "ptest: error: invalid --stress-count value `0` (expected a "
                                "positive integer or `infinite`)\n");
        }
        SUBCASE("a duration that does not parse") {
            Result result = run_with_config(dir, "", {"--stress-duration", "soon"});
            CHECK(result.exit_code == 2);
            CHECK(contains(first_line(result.err), "ptest: error: invalid duration `soon`"));
        }
        SUBCASE("both at once") {
            Result result =
                run_with_config(dir, "", {"--stress-count", "2", "--stress-duration", "1s"});
            CHECK(result.exit_code == 2);
            CHECK(contains(result.err, "excludes"));
        }
    }

} // TEST_SUITE
