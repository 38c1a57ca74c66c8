// Re-running alone on a real CTest tree (tests/fixtures/ctest_alone): the two cases of the whole
// `shared-file` binary that meet through their working directory fail when ptest runs them in
// parallel, pass when re-run alone after the others, and are reported flaky with the reason, while
// the case that fails either way stays failed; the summary names the binary and shows the fix, and
// `[ctest] rerun-alone = false` turns it all off.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// Configure tests/fixtures/ctest_alone into `dir/build` (it compiles nothing).
fs::path configure_alone_project(const TempDir& dir) {
    const fs::path cmake = find_program("cmake");
    REQUIRE_MESSAGE(!cmake.empty(), "`cmake` is not on PATH");
    fs::path build = dir / "build";
    Result configured =
        run(cmake, {"-S", (source_dir() / "tests/fixtures/ctest_alone").string(), "-B",
                    build.string(), "-DPTEST_FIXTURE_DIR=" + fixture("").string()});
    INFO("cmake output:\n" << configured.out << configured.err);
    REQUIRE(configured.exit_code == 0);
    return build;
}

/// `ptest run --build-dir` on the project in `dir`, two workers, with a workspace config that
/// writes `dir/ws/junit.xml` and holds `extra_config`.
Result run_alone_project(const TempDir& dir, const std::string& extra_config,
                         const std::vector<std::string>& extra_args = {}) {
    const fs::path build = configure_alone_project(dir);
    fs::create_directories(dir / "ws/.config");
    write_file(dir / "ws/.config/ptest.toml", "[profile.default]\nfail-fast = false\n"
                                              "[profile.default.junit]\npath = \"junit.xml\"\n" +
                                                  extra_config);
    std::vector<std::string> args{"run",
                                  "--build-dir",
                                  build.string(),
                                  "--workspace",
                                  (dir / "ws").string(),
                                  "--color",
                                  "never",
                                  "-j",
                                  "2"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    return run_ptest(args);
}

/// The messages of the `tag` children of the testcase (`classname`, `name`) in `junit`.
std::vector<std::string> messages_of(const fs::path& junit, const std::string& classname,
                                     const std::string& name, const std::string& tag) {
    pugi::xml_document doc;
    REQUIRE(doc.load_file(junit.c_str()));
    std::vector<std::string> messages;
    for (pugi::xpath_node node : doc.select_nodes("//testcase")) {
        if (classname == node.node().attribute("classname").as_string() &&
            name == node.node().attribute("name").as_string()) {
            for (pugi::xml_node child : node.node().children(tag.c_str())) {
                messages.emplace_back(child.attribute("message").as_string());
            }
        }
    }
    return messages;
}

constexpr const char* k_reason =
    "passes when run alone: shares files or state with other cases of its binary";

} // namespace

TEST_SUITE("ctest re-run alone") {
    TEST_CASE("cases that share a file pass alone and are flaky; a real failure stays failed") {
        TempDir dir;
        Result result = run_alone_project(dir, "");
        INFO("ptest stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        // Both shared cases failed beside each other, then each was re-run alone.
        CHECK(count_of(result.err, "RERUN ALONE") == 3);
        const std::string closing = closing_part(result.err);
        CHECK(count_of(closing, "FLAKY 2/2 [") == 2);
        CHECK(contains(closing,
                       "shared-file SharedFile.WriterA\n           - " + std::string(k_reason)));
        CHECK(contains(closing,
                       "shared-file SharedFile.WriterB\n           - " + std::string(k_reason)));
        CHECK(contains(closing, "TRY 2 FAIL ["));
        CHECK(contains(closing, "shared-file SharedFile.AlwaysFails"));
        CHECK(contains(closing, "2 flaky"));
        // The summary names the binary and shows the fix.
        CHECK(contains(closing, "note: 2 tests of `shared-file` failed beside other tests and "
                                "passed alone"));
        CHECK(contains(closing, "[test-groups.serial-shared-file]"));
        CHECK(contains(closing, "filter = \"binary_id(=shared-file)\""));
        CHECK(contains(closing, "run-whole = [\"shared-file\"]"));

        const fs::path junit = dir / "ws/junit.xml";
        CHECK(junit_validation_errors(junit) == "");
        const auto outcomes = junit_outcomes(junit);
        CHECK(outcomes.at({"shared-file", "SharedFile.WriterA"}) == "pass");
        CHECK(outcomes.at({"shared-file", "SharedFile.WriterB"}) == "pass");
        CHECK(outcomes.at({"shared-file", "SharedFile.AlwaysFails"}) == "fail");
        CHECK(outcomes.at({"shared-fails", "SharedFile.AlwaysFails"}) == "fail");
        const auto flaky = messages_of(junit, "shared-file", "SharedFile.WriterB", "flakyFailure");
        REQUIRE(flaky.size() == 1);
        CHECK(flaky[0].starts_with(k_reason));
        const auto rerun =
            messages_of(junit, "shared-file", "SharedFile.AlwaysFails", "rerunFailure");
        REQUIRE(rerun.size() == 1);
        CHECK(rerun[0].starts_with("failed when run alone too; "));
        // A case registered on its own is no whole binary: it is never re-run alone.
        CHECK(messages_of(junit, "shared-fails", "SharedFile.AlwaysFails", "rerunFailure").empty());
    }

    TEST_CASE("a run whose only failures pass alone exits 0, and the suggested group fixes it") {
        TempDir dir;
        Result result = run_alone_project(dir, "", {"-E", "not test(AlwaysFails)"});
        INFO("ptest stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "2 passed (2 flaky), 0 failed"));

        // The note's test group, copied into the config as printed, runs the cases one after
        // another: nothing fails, so nothing is re-run.
        std::string snippet;
        bool in_snippet = false;
        for (const std::string& line : lines_of(result.err)) {
            if (contains(line, "or run the binary whole")) {
                in_snippet = false;
            }
            if (in_snippet) {
                snippet += line + "\n";
            }
            if (contains(line, "Run them one at a time with a test group")) {
                in_snippet = true;
            }
        }
        CHECK(contains(snippet, "[test-groups.serial-shared-file]"));
        TempDir fixed;
        Result grouped = run_alone_project(fixed, snippet, {"-E", "not test(AlwaysFails)"});
        INFO("ptest stderr with the group:\n" << grouped.err);
        CHECK(grouped.exit_code == 0);
        CHECK_FALSE(contains(grouped.err, "RERUN ALONE"));
        CHECK(contains(grouped.err, "2 passed, 0 failed"));
    }

    TEST_CASE("[ctest] rerun-alone = false leaves the shared cases failed") {
        TempDir dir;
        Result result =
            run_alone_project(dir, "[ctest]\nrerun-alone = false\n", {"-E", "not test(Always)"});
        INFO("ptest stderr:\n" << result.err);
        CHECK(result.exit_code == 100);
        CHECK_FALSE(contains(result.err, "RERUN ALONE"));
        CHECK_FALSE(contains(result.err, "passed alone"));
        CHECK(contains(result.err, "0 passed, 2 failed"));
    }
}
