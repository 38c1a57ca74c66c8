// Tests of the I/O side of the CTest import: CMakeCache.txt, ptest_discover_tests() records, and
// the test list built from an import (commands, one-case tests and disabled tests need no listing).
#include "runner/ctest/build_dir.hpp"
#include "runner/frameworks/registry.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <fstream>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

/// A fresh directory under the system temp dir, removed at the end.
struct ScratchDir {
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "ptest-ctest-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ~ScratchDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    fs::path path;
};

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

ImportedTest imported(const std::string& id, CTestMapping mapping,
                      const std::string& kind = "command") {
    ImportedTest test;
    test.binary.id = id;
    test.binary.path = "/bin/true";
    test.binary.kind = kind;
    test.binary.env = {{"A", "1"}};
    test.binary.env_remove = {"B"};
    test.mapping = mapping;
    test.case_name = id;
    test.rules = std::make_shared<CTestRules>();
    return test;
}

} // namespace

TEST_SUITE("runner::build_dir") {
    TEST_CASE("the source directory and ctest come from CMakeCache.txt") {
        ScratchDir dir;
        CHECK_FALSE(cmake_source_dir(dir.path).has_value());
        write(dir.path / "bin/ctest", "");
        write(dir.path / "CMakeCache.txt", "# comment\nCMAKE_HOME_DIRECTORY:INTERNAL=/src/project\n"
                                           "CMAKE_COMMAND:INTERNAL=" +
                                               (dir.path / "bin/cmake").string() + "\n");
        CHECK(cmake_source_dir(dir.path) == fs::path("/src/project"));
        CHECK(ctest_program(dir.path, {}) == dir.path / "bin/ctest");
        write(dir.path / "CMakeCache.txt", "CMAKE_COMMAND:INTERNAL=/nonexistent/cmake\n");
        CHECK(ctest_program(dir.path, {"PATH=" + (dir.path / "bin").string()}).filename() ==
              "ctest");
    }

    TEST_CASE("ptest_discover_tests() records give each CTest test's framework") {
        ScratchDir dir;
        std::vector<std::string> warnings;
        CHECK(read_discovered_kinds(dir.path, warnings).empty());
        write(dir.path / k_discover_dir / "a.toml",
              "test = \"math_test\"\nkind = \"gtest\"\npath = '/bin/sh'\n");
        // Not built yet: no record, so the test runs as a command and fails to start.
        write(dir.path / k_discover_dir / "c.toml",
              "test = \"unbuilt\"\nkind = \"gtest\"\npath = '/nonexistent/unbuilt'\n");
        write(dir.path / k_discover_dir / "b.toml", "test = \"auto_test\"\nkind = \"auto\"\n");
        write(dir.path / k_discover_dir / "bad.toml", "test = \n");
        write(dir.path / k_discover_dir / "odd.toml", "test = \"x\"\nkind = \"cppunit\"\n");
        write(dir.path / k_discover_dir / "notes.txt", "ignored");
        auto kinds = read_discovered_kinds(dir.path, warnings);
        // `auto` (a record without KIND) names no framework, so the binary is detected; the
        // record is kept, since it says the program is a test binary.
        CHECK(kinds.size() == 2);
        CHECK(kinds.at("math_test") == "gtest");
        CHECK(kinds.at("auto_test").empty());
        CHECK(warnings.size() == 2);
    }

    TEST_CASE("ctest's default test timeout comes from DartConfiguration.tcl") {
        ScratchDir dir;
        // enable_testing() alone writes no DartConfiguration.tcl: no limit.
        CHECK_FALSE(ctest_default_timeout(dir.path).has_value());
        write(dir.path / "DartConfiguration.tcl",
              "# TimeOut is the amount of time in seconds to wait\nSubmitInactivityTimeout: \n"
              "TimeOut: 1500\n");
        CHECK(ctest_default_timeout(dir.path) == std::chrono::seconds(1500));
        write(dir.path / "DartConfiguration.tcl", "TimeOut: 0\n");
        CHECK_FALSE(ctest_default_timeout(dir.path).has_value());
        write(dir.path / "DartConfiguration.tcl", "TimeOut: \n");
        CHECK_FALSE(ctest_default_timeout(dir.path).has_value());
    }

    TEST_CASE("ptest_discover_tests() accepts as KIND every framework the registry knows") {
        // The installed CMake module cannot ask the registry, so it lists the kinds itself.
        std::ifstream module(fs::path(PTEST_SOURCE_DIR) / "cmake/PtestDiscoverTests.cmake");
        std::string line;
        std::string listed;
        while (std::getline(module, line)) {
            if (line.rfind("  set(kinds ", 0) == 0) {
                listed = line.substr(line.find('(') + 1);
            }
        }
        REQUIRE_MESSAGE(!listed.empty(), "no `set(kinds ...)` in PtestDiscoverTests.cmake");
        std::string expected = "kinds auto";
        for (const FrameworkAdapter* adapter : framework_adapters()) {
            if (!adapter->runs_whole()) {
                expected += " " + std::string(adapter->config_name());
            }
        }
        CHECK(listed == expected + ")");
    }

    TEST_CASE("tests that need no listing become one case each, with labels and rules") {
        boost::asio::io_context io;
        ChildReaper reaper(io);
        CTestImport import;
        import.tests.push_back(imported("cmd", CTestMapping::command));
        import.tests.back().labels = {"fast", "db"};
        import.tests.push_back(imported("gd.A.B", CTestMapping::one_case, "gtest"));
        import.tests.back().case_name = "A.B";
        import.tests.push_back(imported("c3.case", CTestMapping::one_case, "catch2"));
        import.tests.back().binary.detection = FrameworkDetection{"catch2", false, {}, 3};
        import.tests.push_back(imported("off", CTestMapping::command));
        import.tests.back().disabled = true;
        import.tests.push_back(imported("bad", CTestMapping::command));
        import.tests.back().refused = "why not";
        std::vector<std::string> notes;
        TestList list =
            list_imported_tests(io, reaper, import, {}, std::chrono::seconds(5), 2, notes);
        CHECK(notes.empty());
        REQUIRE(list.binaries.size() == 5);
        const TestBinary& cmd = list.binaries[0];
        CHECK(cmd.id == "cmd");
        CHECK(cmd.kind == "command");
        CHECK_FALSE(cmd.preselected);
        CHECK(cmd.env.at("A") == "1");
        CHECK(cmd.env_remove == std::vector<std::string>{"B"});
        CHECK(cmd.ctest == import.tests[0].rules);
        REQUIRE(cmd.cases.size() == 1);
        CHECK(cmd.cases[0].name == "cmd");
        CHECK(cmd.cases[0].labels == std::vector<std::string>{"fast", "db"});
        CHECK(list.binaries[1].preselected);
        CHECK(list.binaries[1].kind == "gtest");
        CHECK(list.binaries[1].cases[0].name == "A.B");
        CHECK(list.binaries[1].framework_version == 0);
        // The version read when the import detected the binary reaches its one case.
        CHECK(list.binaries[2].framework_version == 3);
        CHECK(list.binaries[3].cases[0].ignored);
        CHECK(list.binaries[4].cases[0].unselectable == "why not");
    }

    TEST_CASE("a binary whose listing fails runs whole, as ctest runs it, with a note saying why") {
        boost::asio::io_context io;
        ChildReaper reaper(io);
        CTestImport import;
        // A "GoogleTest binary" whose listing exits 3 after a line on stderr.
        import.tests.push_back(imported("stress", CTestMapping::expand, "gtest"));
        import.tests.back().binary.path = "/bin/sh";
        import.tests.back().binary.args = {"-c", "echo listing broke >&2; exit 3"};
        import.tests.back().binary.detection = FrameworkDetection{"gtest", false, {}, 0};
        import.tests.back().labels = {"slow"};
        import.tests.push_back(imported("cmd", CTestMapping::command));
        std::vector<std::string> notes;
        TestList list =
            list_imported_tests(io, reaper, import, {}, std::chrono::seconds(5), 2, notes);
        REQUIRE(list.binaries.size() == 2);
        const TestBinary& stress = list.binaries[0];
        CHECK_FALSE(stress.listing_failure);
        CHECK(stress.id == "stress");
        CHECK(stress.kind == "command");
        CHECK_FALSE(stress.preselected);
        CHECK(stress.args == import.tests[0].binary.args);
        CHECK(stress.ctest == import.tests[0].rules);
        REQUIRE(stress.cases.size() == 1);
        CHECK(stress.cases[0].name == "stress");
        CHECK(stress.cases[0].labels == std::vector<std::string>{"slow"});
        REQUIRE(notes.size() == 1);
        CHECK(notes[0].rfind("CTest test `stress` is a GoogleTest binary run whole: its ", 0) == 0);
        CHECK(notes[0].find("listing exited with code 3") != std::string::npos);
        CHECK(notes[0].find("(`[ctest] run-whole = [\"stress\"]` skips the listing)") !=
              std::string::npos);
        CHECK(list.binaries[1].id == "cmd");

        // A framework the listing was to confirm stays unknown: the note names the candidates.
        import.tests[0].binary.detection =
            FrameworkDetection{"gtest", true, {"gtest", "doctest"}, 0};
        notes.clear();
        list = list_imported_tests(io, reaper, import, {}, std::chrono::seconds(5), 2, notes);
        CHECK(list.binaries[0].kind == "command");
        REQUIRE(notes.size() == 1);
        CHECK(notes[0].rfind("CTest test `stress` runs whole: cannot tell the framework of "
                             "`stress` (/bin/sh): ",
                             0) == 0);
    }
}

} // namespace ptest::runner
