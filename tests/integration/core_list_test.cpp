// `ptest list` on the real fixtures: the human listing and the JSON document name exactly the
// cases of the expected-results model, mark the ignored ones, and come from the frameworks' own
// listings (gtest_main's banner ignored, Catch2's hidden cases and doctest's skip() cases found).
#include "harness.hpp"

#include <doctest/doctest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace ptest::itest;

namespace {

/// The fixture binaries of the expected-results model, in the order the tests pass them.
const std::vector<std::string> k_model_binaries = {"gtest_basic",   "gtest_behaviour",
                                                   "catch2_basic",  "catch2_behaviour",
                                                   "doctest_basic", "doctest_behaviour"};

/// One line of the expected listing: the name as ptest shows it (doctest cases in a suite are
/// `suite/name`) and whether the case is ignored.
struct ListedCase {
    std::string name;
    bool ignored = false;
    bool alone = true; ///< False when marked as not runnable on its own.
    bool operator<(const ListedCase& other) const {
        return std::tie(name, ignored, alone) < std::tie(other.name, other.ignored, other.alone);
    }
    bool operator==(const ListedCase& other) const {
        return name == other.name && ignored == other.ignored && alone == other.alone;
    }
};

/// The model's cases of each binary, in file order, named as ptest names them (see
/// `expected_cases`).
std::map<std::string, std::vector<ListedCase>> model_listing() {
    std::map<std::string, std::vector<ListedCase>> listing;
    for (const ExpectedCase& expected : expected_cases()) {
        ListedCase listed;
        listed.name = expected.name;
        listed.ignored = expected.outcome == "ignored";
        listed.alone = expected.outcome != "unselectable";
        listing[expected.binary].push_back(listed);
    }
    return listing;
}

std::vector<std::string> model_binary_args() {
    std::vector<std::string> args;
    for (const std::string& binary : k_model_binaries) {
        args.push_back("--binary");
        args.push_back(fixture(binary).string());
    }
    return args;
}

/// Sorted copy, for comparisons where only the multiset matters.
std::vector<ListedCase> sorted(std::vector<ListedCase> cases) {
    std::sort(cases.begin(), cases.end());
    return cases;
}

/// The names of the cases that are not ignored, in order.
std::vector<std::string> runnable_names(const std::vector<ListedCase>& cases) {
    std::vector<std::string> names;
    for (const ListedCase& listed : cases) {
        if (!listed.ignored) {
            names.push_back(listed.name);
        }
    }
    return names;
}

/// Check one binary's listing against the model: the same cases (a name may appear twice), the
/// same ignored marks, and the runnable cases in the framework's own order. (Catch2 lists hidden
/// cases in a second pass, so ignored cases may come after the rest.)
void check_against_model(const std::string& binary, const std::vector<ListedCase>& seen,
                         const std::vector<ListedCase>& expected) {
    CAPTURE(binary);
    CHECK(seen.size() == expected.size());
    CHECK(sorted(seen) == sorted(expected));
    CHECK(runnable_names(seen) == runnable_names(expected));
}

} // namespace

TEST_SUITE("integration::core::list") {

    TEST_CASE("the human listing names every case of the model, ignored ones marked") {
        TempDir dir;
        std::vector<std::string> args = {"list"};
        std::vector<std::string> binaries = model_binary_args();
        args.insert(args.end(), binaries.begin(), binaries.end());
        Result result = run_ptest(args, in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        REQUIRE(result.exit_code == 0);
        CHECK(result.leftovers.empty());

        std::map<std::string, std::vector<ListedCase>> seen;
        std::vector<std::string> binary_order;
        for (const std::string& line : lines_of(result.out)) {
            CAPTURE(line);
            std::size_t space = line.find(' ');
            REQUIRE(space != std::string::npos);
            std::string binary = line.substr(0, space);
            ListedCase listed{line.substr(space + 1), false};
            const std::size_t refused = listed.name.find(" (cannot run on its own: ");
            if (refused != std::string::npos) {
                CHECK(line.back() == ')');
                listed.name.resize(refused);
                listed.alone = false;
            }
            const std::string mark = " (ignored)";
            if (listed.name.size() > mark.size() &&
                listed.name.compare(listed.name.size() - mark.size(), mark.size(), mark) == 0) {
                listed.name.resize(listed.name.size() - mark.size());
                listed.ignored = true;
            }
            if (binary_order.empty() || binary_order.back() != binary) {
                binary_order.push_back(binary);
            }
            seen[binary].push_back(listed);
        }
        CHECK(binary_order == k_model_binaries); // One block per binary, in command-line order.
        std::map<std::string, std::vector<ListedCase>> model = model_listing();
        for (const std::string& binary : k_model_binaries) {
            check_against_model(binary, seen[binary], model[binary]);
        }
        // Spot checks of the three frameworks' special cases.
        CHECK(contains(result.out, "gtest_basic Math.DISABLED_Divides (ignored)\n"));
        CHECK(contains(result.out, "catch2_basic hidden by bang (ignored)\n"));
        CHECK(contains(result.out, "doctest_basic is skipped by decorator (ignored)\n"));
        CHECK(contains(result.out, "doctest_basic alpha/shared name\n"));
        CHECK(contains(result.out, "doctest_basic beta/shared name\n"));
    }

    TEST_CASE(
        "the JSON listing is one document with every binary's id, path, kind, cwd and tests") {
        TempDir dir;
        std::vector<std::string> args = {"list", "--message-format", "json"};
        std::vector<std::string> binaries = model_binary_args();
        args.insert(args.end(), binaries.begin(), binaries.end());
        Result result = run_ptest(args, in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        REQUIRE(result.exit_code == 0);
        write_file(dir / "list.json", result.out);

        // python3's json module parses the document (any syntax error fails it) and flattens it
        // into tab-separated lines that are easy to compare.
        const std::string flatten =
            "import json, sys\n"
            "doc = json.load(open(sys.argv[1], encoding='utf-8'))\n"
            "assert list(doc) == ['binaries', 'test-count', 'skipped-count'], list(doc)\n"
            "for b in doc['binaries']:\n"
            "    print('B\\t%s\\t%s\\t%s\\t%s' % (b['id'], b['path'], b['kind'], b['cwd']))\n"
            "    for t in b['tests']:\n"
            "        assert isinstance(t['ignored'], bool)\n"
            "        print('T\\t%s\\t%s\\t%s' % (t['name'], 'ignored' if t['ignored'] else "
            "'runs',\n"
            "              'alone' if 'unselectable' not in t else 'not alone'))\n";
        Result parsed = run("/usr/bin/python3", {"-c", flatten, (dir / "list.json").string()},
                            in_dir(dir.path(), {{"PYTHONIOENCODING", "utf-8"}}));
        INFO("python3 stderr:\n" << parsed.err);
        REQUIRE(parsed.exit_code == 0);

        const std::map<std::string, std::string> kinds = {
            {"gtest_basic", "gtest"},     {"gtest_behaviour", "gtest"},
            {"catch2_basic", "catch2"},   {"catch2_behaviour", "catch2"},
            {"doctest_basic", "doctest"}, {"doctest_behaviour", "doctest"}};
        std::map<std::string, std::vector<ListedCase>> seen;
        std::vector<std::string> binary_order;
        std::string current;
        for (const std::string& line : lines_of(parsed.out)) {
            CAPTURE(line);
            std::vector<std::string> fields;
            std::istringstream in(line);
            for (std::string field; std::getline(in, field, '\t');) {
                fields.push_back(field);
            }
            if (fields.at(0) == "B") {
                REQUIRE(fields.size() == 5);
                current = fields[1];
                binary_order.push_back(current);
                CHECK(fields[2] == fixture(current).string());
                CHECK(fields[3] == kinds.at(current));
                // Without a configured cwd, tests run in the workspace root: here the directory
                // ptest started in, since it has no .config/.
                CHECK(fs::equivalent(fields[4], dir.path()));
            } else {
                REQUIRE(fields.size() == 4);
                seen[current].push_back({fields[1], fields[2] == "ignored", fields[3] == "alone"});
            }
        }
        CHECK(binary_order == k_model_binaries);
        std::map<std::string, std::vector<ListedCase>> model = model_listing();
        for (const std::string& binary : k_model_binaries) {
            check_against_model(binary, seen[binary], model[binary]);
        }
    }

    TEST_CASE("gtest_main's banner before the listing is not taken for a test") {
        TempDir dir;
        // The fixture really prints the banner when it lists, so ptest has to skip it.
        Result raw = run(fixture("gtest_basic"), {"--gtest_list_tests"}, in_dir(dir.path()));
        REQUIRE(contains(raw.out, "Running main() from"));

        Result result =
            run_ptest({"list", "--binary", fixture("gtest_basic").string()}, in_dir(dir.path()));
        REQUIRE(result.exit_code == 0);
        CHECK_FALSE(contains(result.out, "Running main()"));
        CHECK_FALSE(contains(result.out, "main()"));
        CHECK(lines_of(result.out).size() == model_listing()["gtest_basic"].size());
        CHECK(lines_of(result.out).front() == "gtest_basic Math.Adds");
    }

    TEST_CASE("Catch2 hidden cases and doctest skip() cases are listed as ignored") {
        TempDir dir;
        Result result = run_ptest({"list", "--binary", fixture("catch2_basic").string(), "--binary",
                                   fixture("doctest_basic").string(), "--run-ignored", "only"},
                                  in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        REQUIRE(result.exit_code == 0);
        CHECK(lines_of(result.out) == std::vector<std::string>{
                                          "catch2_basic hidden by dot (ignored)",
                                          "catch2_basic hidden integration (ignored)",
                                          "catch2_basic hidden by bang (ignored)",
                                          "doctest_basic is skipped by decorator (ignored)",
                                      });
    }

    TEST_CASE("listing filters like a run does, and --run-ignored default hides ignored cases") {
        TempDir dir;
        Result result = run_ptest({"list", "--binary", fixture("gtest_basic").string(),
                                   "--run-ignored", "default", "Math", "Skip."},
                                  in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        REQUIRE(result.exit_code == 0);
        CHECK(lines_of(result.out) == std::vector<std::string>{
                                          "gtest_basic Math.Adds",
                                          "gtest_basic Math.Compares",
                                          "gtest_basic Skip.NotOnThisMachine",
                                      });
    }

} // TEST_SUITE
