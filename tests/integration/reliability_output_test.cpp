// Hostile output on real processes: a test printing 16 MiB (alone and four at once) costs ptest a
// bounded amount of memory, never blocks the child, and still shows the kept tail with a
// truncation marker; bytes hostile to terminals and XML give a valid JUnit file and a terminal
// report without raw NUL or ESC; names with XML markup are escaped in JUnit and intact on the
// terminal.
#include "harness.hpp"

#include <doctest/doctest.h>
#include <pugixml.hpp>

#include <sstream>

using namespace ptest::itest;

namespace {

/// ptest's peak resident set in KiB, from `/usr/bin/time -f %M` (its last stderr line).
long peak_rss_kib(const Result& result) {
    std::string err = result.err;
    while (!err.empty() && err.back() == '\n') {
        err.pop_back();
    }
    std::string last = err.substr(err.rfind('\n') + 1);
    try {
        return std::stol(last);
    } catch (const std::exception&) {
        return -1;
    }
}

/// Run ptest under `/usr/bin/time -f %M` in `dir`.
Result run_measured(const TempDir& dir, const std::vector<std::string>& args) {
    REQUIRE_MESSAGE(fs::exists("/usr/bin/time"), "install the Debian package `time`");
    std::vector<std::string> full{"-f", "%M", ptest_exe().string()};
    full.insert(full.end(), args.begin(), args.end());
    return run("/usr/bin/time", full, in_dir(dir.path()));
}

const std::string k_store_output = "[profile.default]\n"
                                   "fail-fast = false\n"
                                   "[profile.default.junit]\n"
                                   "path = \"junit.xml\"\n"
                                   "store-success-output = true\n";

} // namespace

TEST_SUITE("integration::reliability") {

    TEST_CASE("16 MiB of output costs ptest little memory and keeps the tail with a marker") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_store_output);
        Result result = run_measured(dir, {"run", "Noisy.SixteenMiB", "--binary",
                                           fixture("gtest_behaviour").string(), "--color", "never",
                                           "--success-output", "immediate"});
        INFO("stderr tail:\n" << result.err.substr(result.err.size() - 2000));
        CHECK(result.exit_code == 0);
        long rss = peak_rss_kib(result);
        CHECK(rss > 0);
        CHECK(rss < 64 * 1024);
        // Reading 16 MiB through a pipe takes well under a second: 30 s only catches a stall
        // (a child blocked on a full pipe), with ample margin for a loaded machine.
        CHECK(result.seconds < 30.0);
        CHECK(contains(result.err, "noisy: done"));
        CHECK(contains(result.err, "[ptest: truncated "));
        CHECK(result.leftovers.empty());
        std::string junit = read_file(dir / "junit.xml");
        CHECK(contains(junit, "noisy: done"));
        CHECK(contains(junit, "[ptest: truncated "));
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
    }

    TEST_CASE("four noisy tests on two workers stay under 64 MiB together") {
        TempDir dir;
        std::string config;
        for (int i = 1; i <= 4; ++i) {
            config += "[[binary]]\npath = \"" + fixture("gtest_behaviour").string() +
                      "\"\nid = \"noisy-" + std::to_string(i) + "\"\n";
        }
        write_file(dir / ".config/ptest.toml", config + k_store_output);
        Result result = run_measured(dir, {"run", "Noisy.SixteenMiB", "-j", "2", "--color", "never",
                                           "--success-output", "immediate"});
        INFO("stderr tail:\n" << result.err.substr(result.err.size() - 2000));
        CHECK(result.exit_code == 0);
        long rss = peak_rss_kib(result);
        CHECK(rss > 0);
        CHECK(rss < 64 * 1024);
        // 64 MiB in all: 60 s only catches a stall, as above.
        CHECK(result.seconds < 60.0);
        CHECK(count_of(result.err, "noisy: done") == 4);
        CHECK(contains(result.err, "4 tests run: 4 passed"));
        CHECK(result.leftovers.empty());
        std::string junit = read_file(dir / "junit.xml");
        CHECK(count_of(junit, "noisy: done") == 4);
        CHECK(count_of(junit, "[ptest: truncated ") == 4);
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
    }

    TEST_CASE("the output-capture-limit profile key bounds what is kept") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml",
                   "[profile.default]\noutput-capture-limit = 1000\n"
                   "[profile.default.junit]\npath = \"junit.xml\"\nstore-success-output = true\n");
        Options options = in_dir(dir.path());
        options.env["PTEST_FIXTURE_NOISE_MIB"] = "1";
        Result result =
            run_ptest({"run", "Noisy.SixteenMiB", "--binary", fixture("gtest_behaviour").string(),
                       "--color", "never", "--success-output", "immediate"},
                      options);
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "noisy: done"));
        CHECK(contains(result.err, "[ptest: truncated "));
        CHECK(result.err.size() < 20000); // About 1000 bytes of output, not 1 MiB.
        CHECK(contains(read_file(dir / "junit.xml"), "noisy: done"));
    }

    TEST_CASE("output hostile to terminals and XML gives valid JUnit and a clean terminal") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_store_output);
        Result result = run_ptest({"run", "Hostile.Output", "--binary",
                                   fixture("gtest_behaviour").string(), "--color", "never"},
                                  in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 100); // The case fails on purpose.
        CHECK(contains(result.err, "hostile: colour"));
        CHECK(result.err.find('\0') == std::string::npos);
        CHECK(result.err.find('\x1b') == std::string::npos);
        fs::path junit = dir / "junit.xml";
        CHECK(junit_validation_errors(junit) == "");
        Result lint = run("/usr/bin/xmllint", {"--noout", junit.string()});
        CHECK(lint.exit_code == 0);
        Result python = run(
            "/usr/bin/python3",
            {"-c", "import xml.etree.ElementTree as E,sys; E.parse(sys.argv[1])", junit.string()});
        INFO("python: " << python.err);
        CHECK(python.exit_code == 0);
        CHECK(contains(read_file(junit), "hostile: xml"));
    }

    TEST_CASE("a test name with XML markup is escaped in JUnit and intact on the terminal") {
        TempDir dir;
        write_file(dir / ".config/ptest.toml", k_store_output);
        const std::string name = "name with <&\"> markup";
        Result result = run_ptest({"run", "--exact", name, "--binary",
                                   fixture("catch2_basic").string(), "--color", "never"},
                                  in_dir(dir.path()));
        INFO("stderr:\n" << result.err);
        CHECK(result.exit_code == 0);
        CHECK(contains(result.err, "PASS ["));
        CHECK(contains(result.err, name));
        std::string junit = read_file(dir / "junit.xml");
        // `>` needs no escape in XML; `<`, `&` and `"` do.
        CHECK(contains(junit, "name with &lt;&amp;&quot;"));
        CHECK(!contains(junit, "name with <&"));
        CHECK(junit_validation_errors(dir / "junit.xml") == "");
        pugi::xml_document doc;
        REQUIRE(doc.load_file((dir / "junit.xml").c_str()));
        CHECK(std::string(doc.select_node("//testcase").node().attribute("name").as_string()) ==
              name);
    }

} // TEST_SUITE
