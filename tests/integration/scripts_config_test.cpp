// The scripts configuration through the real `ptest`: `show-config profile` lists the scripts and
// rules with their origins, and a bad script configuration stops every subcommand with exit 96
// before anything runs, pointing at the value.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

const std::string k_scripts = R"toml([scripts.setup.db]
command = "tools/start-db --port 5432"
health = { tcp = "127.0.0.1:5432" }
[scripts.teardown.db]
command = ["tools/stop-db"]
)toml";

} // namespace

TEST_SUITE("integration::scripts config") {
    TEST_CASE("show-config profile lists the scripts and the profile's rules with their origins") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_scripts + R"toml([[profile.ci.scripts]]
filter = "binary(db)"
setup = "db"
teardown = "db"
)toml");
        const Result result = run_ptest({"show-config", "profile", "ci"}, in_dir(dir));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
        CHECK(contains(result.out, "\n\n[scripts.setup.db]  # .config/ptest.toml:1\n"
                                   "command = [\"tools/start-db\", \"--port\", \"5432\"]\n"));
        CHECK(contains(result.out, "health = { tcp = \"127.0.0.1:5432\", interval = \"500ms\", "
                                   "timeout = \"30s\" }\n"));
        CHECK(contains(result.out, "\n\n[scripts.teardown.db]  # .config/ptest.toml:4\n"));
        CHECK(contains(result.out, "\n\n[[profile.ci.scripts]]  # .config/ptest.toml:6\n"
                                   "filter = \"binary(db)\"\nsetup = [\"db\"]\n"
                                   "teardown = [\"db\"]\n"));
        CHECK(result.leftovers.empty());
    }

    TEST_CASE("an unknown script name stops run, list and show-config with exit 96 at the name") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[[binary]]\npath = \"" + fixture("gtest_basic").string() + "\"\n" + k_scripts +
                       "[[profile.default.scripts]]\nsetup = \"dbb\"\n");
        for (const std::vector<std::string>& args :
             std::vector<std::vector<std::string>>{{"run"}, {"list"}, {"show-config", "profile"}}) {
            const Result result = run_ptest(args, in_dir(dir));
            INFO("stderr:\n" << result.err);
            CHECK(result.exit_code == 96);
            CHECK(result.out.empty());
            CHECK(result.err ==
                  "ptest: error: .config/ptest.toml:9:9: `profile.default.scripts[0].setup`: "
                  "unknown setup script `dbb` (known setup scripts: db); did you mean `db`?\n"
                  "setup = \"dbb\"\n        ^\n");
            CHECK(result.leftovers.empty());
        }
    }

    TEST_CASE("a bad health check is an error at its value") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[scripts.setup.web]\ncommand = \"serve\"\n"
                   "health = { http = \"https://localhost/health\" }\n");
        const Result result = run_ptest({"show-config", "profile"}, in_dir(dir));
        CHECK(result.exit_code == 96);
        CHECK(result.err ==
              "ptest: error: .config/ptest.toml:3:19: `scripts.setup.web.health.http`: "
              "unsupported scheme `https` in `https://localhost/health`: only "
              "`http://` URLs are supported\n"
              "health = { http = \"https://localhost/health\" }\n"
              "                  ^\n");
    }
}
