// The configuration mistakes and nextest habits a new user brings (issue 17), each reproduced with
// a real config file in a fresh workspace and the real `ptest`: a misspelt key gets a "did you
// mean", the warnings that explain a fatal config error are printed before it, `platform` on an
// override or a script rule is evaluated for the host, and `nextest-version` is checked against
// ptest's compatibility version.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

std::string behaviour() {
    return fixture("gtest_behaviour").string();
}

/// Run the flaky fixture case under an override whose platform is `platform` (a TOML value) and
/// which gives it two retries.
Result run_flaky_with_platform(const TempDir& dir, const std::string& platform) {
    write_file(dir / ".config/nextest.toml", "[[profile.default.overrides]]\n"
                                             "filter = 'test(Flaky.PassesOnSecondAttempt)'\n"
                                             "platform = " +
                                                 platform + "\nretries = 2\n");
    return run_ptest(
        {"run", "--binary", behaviour(), "--color", "never", "Flaky.PassesOnSecondAttempt"},
        in_dir(dir));
}

} // namespace

TEST_SUITE("integration::config::first hour") {

    TEST_CASE("retires = 2 warns with a did-you-mean for retries") {
        TempDir dir;
        write_file(dir / ".config/nextest.toml", "[profile.default]\nretires = 2\n");
        const Result result =
            run_ptest({"list", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, ".config/nextest.toml:2:1: warning: ignoring unknown "
                                   "configuration key `profile.default.retires`; did you mean "
                                   "`retries`?\n"));
    }

    TEST_CASE(
        "[[binary]] paht = ... prints the unknown-key warning before the missing-path error") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", "[[binary]]\npaht = \"build/x\"\n");
        for (const std::vector<std::string>& args :
             std::vector<std::vector<std::string>>{{"run"}, {"list"}, {"show-config", "profile"}}) {
            const Result result = run_ptest(args, in_dir(dir));
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 96);
            CHECK(result.err ==
                  ".config/ptest.toml:2:1: warning: ignoring unknown configuration key "
                  "`binary[0].paht`; did you mean `path`?\n"
                  "ptest: error: .config/ptest.toml:1:1: `binary[0]`: missing required key "
                  "`path`\n[[binary]]\n^\n");
        }
    }

    TEST_CASE("an override for cfg(target_os = \"linux\") keeps its retries on a Linux host") {
        TempDir dir;
        const Result result = run_flaky_with_platform(dir, "'cfg(target_os = \"linux\")'");
        INFO("stderr:\n" << result.err);
#if defined(__linux__)
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "(1 flaky)"));
#else
        CHECK(result.exit_code == 100);
#endif
        CHECK_FALSE(contains(result.err, "warning"));
    }

    TEST_CASE("an override whose platform is not the host does not apply") {
        TempDir dir;
        const Result windows = run_flaky_with_platform(dir, "'cfg(windows)'");
        INFO("stderr:\n" << windows.err);
        CHECK(windows.exit_code == 100);
        CHECK_FALSE(contains(windows.err, "warning"));
        const Result table =
            run_flaky_with_platform(dir, "{ host = 'cfg(unix)', target = 'cfg(not(windows))' }");
        INFO("stderr:\n" << table.err);
        CHECK(table.exit_code == 0);
    }

    TEST_CASE("a malformed cfg is an error at its file, line and column with a caret") {
        TempDir dir;
        const Result result = run_flaky_with_platform(dir, "'cfg(target_os = linux)'");
        CHECK(result.exit_code == 96);
        CHECK(result.err == "ptest: error: .config/nextest.toml:3:29: "
                            "`profile.default.overrides[0].platform`: expected a value in double "
                            "quotes, such as \"linux\"\n"
                            "platform = 'cfg(target_os = linux)'\n"
                            "                            ^\n");
    }

    TEST_CASE("a script rule keeps or drops its scripts by its platform") {
        TempDir dir;
        write_file(dir / ".config/nextest.toml",
                   "[scripts.setup.here]\ncommand = 'true'\n"
                   "[scripts.setup.elsewhere]\ncommand = 'true'\n"
                   "[[profile.default.scripts]]\nplatform = 'cfg(unix)'\nsetup = 'here'\n"
                   "[[profile.default.scripts]]\nplatform = 'cfg(windows)'\nsetup = 'elsewhere'\n");
        const Result result = run_ptest({"show-config", "profile"}, in_dir(dir));
        INFO("stdout:\n" << result.out << "\nstderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
        CHECK(contains(result.out, "setup = [\"here\"]"));
        CHECK_FALSE(contains(result.out, "setup = [\"elsewhere\"]"));
    }

    TEST_CASE("nextest-version is accepted up to ptest's compatibility version") {
        TempDir dir;
        write_file(dir / ".config/nextest.toml", "nextest-version = \"0.9.50\"\n");
        const Result accepted =
            run_ptest({"list", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        INFO("stderr:\n" << accepted.err);
        CHECK(accepted.exit_code == 0);
        // Only the list's counts: no warning, no note.
        CHECK_FALSE(contains(accepted.err, "warning"));
        CHECK_FALSE(contains(accepted.err, "note"));
        CHECK(contains(accepted.err, " tests across 1 binary"));

        write_file(dir / ".config/nextest.toml", "nextest-version = { required = \"99.0.0\" }\n");
        const Result required = run_ptest({"list"}, in_dir(dir));
        CHECK(required.exit_code == 96);
        CHECK(contains(required.err, "ptest: error: .config/nextest.toml:1:32: "
                                     "`nextest-version.required`: this configuration requires "
                                     "nextest 99.0.0, but ptest reads configuration as nextest "));
        CHECK(contains(required.err, "\nnextest-version = { required = \"99.0.0\" }\n"));

        write_file(dir / ".config/nextest.toml",
                   "nextest-version = { recommended = \"99.0.0\" }\n");
        const Result recommended =
            run_ptest({"list", "--binary", fixture("gtest_basic").string()}, in_dir(dir));
        CHECK(recommended.exit_code == 0);
        CHECK(contains(recommended.err, ".config/nextest.toml:1:35: warning: "
                                        "`nextest-version.recommended`: nextest 99.0.0 is "
                                        "recommended"));
    }
}
