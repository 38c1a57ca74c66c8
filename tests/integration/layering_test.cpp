// scripts/check-layering, the guard of the layers (base <- profiles <- reporter <- runner), run
// on small trees written for the purpose: it passes on includes that point down and fails, naming
// the file and line, on one that points up, one that leaves the OS seam, and a folder cycle.
#include "harness.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ptest::itest;

namespace {

/// A tree with the four layers and one file in each that includes the layer below it.
void write_good_tree(const TempDir& dir) {
    write_file(dir / "base/fd.hpp", "#pragma once\n#include <utility>\n");
    write_file(dir / "profiles/profile.hpp", "#pragma once\n#include \"base/fd.hpp\"\n");
    write_file(dir / "reporter/events.hpp", "#pragma once\n#include \"profiles/profile.hpp\"\n");
    write_file(dir / "runner/process/spawn.hpp", "#pragma once\n#include \"base/fd.hpp\"\n");
    write_file(dir / "runner/list/lister.cpp",
               "#include \"runner/process/spawn.hpp\"\n#include \"reporter/events.hpp\"\n");
}

Result check(const TempDir& dir) {
    const fs::path python = find_program("python3");
    REQUIRE_MESSAGE(!python.empty(), "python3 is not on PATH");
    return run(python,
               {(source_dir() / "scripts/check-layering").string(), "--root", dir.path().string()});
}

} // namespace

TEST_SUITE("integration::layering") {
    TEST_CASE("includes that point down pass") {
        TempDir dir;
        write_good_tree(dir);
        Result result = check(dir);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 0);
    }

    TEST_CASE("a lower layer that includes a higher one fails with the file and line") {
        TempDir dir;
        write_good_tree(dir);
        write_file(dir / "base/text.cpp", "#include <string>\n#include \"reporter/events.hpp\"\n");
        Result result = check(dir);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        CHECK(contains(result.out, "base/text.cpp:2: base/ is below reporter/: it may not include "
                                   "reporter/events.hpp"));
    }

    TEST_CASE("the OS seam may include only base/") {
        TempDir dir;
        write_good_tree(dir);
        write_file(dir / "runner/process/capture.hpp", "#include \"profiles/profile.hpp\"\n");
        Result result = check(dir);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        CHECK(contains(result.out, "runner/process/capture.hpp:1: runner/process/ may include "
                                   "only base/ and runner/process/, not profiles/profile.hpp"));
    }

    TEST_CASE("a runner sub-folder that includes a later one fails") {
        TempDir dir;
        write_good_tree(dir);
        write_file(dir / "runner/list/test_list.hpp", "#include \"runner/schedule/attempt.hpp\"\n");
        Result result = check(dir);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        CHECK(contains(result.out, "runner/list/test_list.hpp:1: runner/list/ is below "
                                   "runner/schedule/: it may not include"));
    }

    TEST_CASE("a cycle between sub-folders of one layer fails and is named") {
        TempDir dir;
        write_good_tree(dir);
        write_file(dir / "profiles/filterset/node.hpp", "#include \"profiles/profile.hpp\"\n");
        write_file(dir / "profiles/profile.hpp", "#include \"profiles/filterset/node.hpp\"\n");
        Result result = check(dir);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 1);
        CHECK(contains(result.out, "include cycle between folders: profiles -> "
                                   "profiles/filterset -> profiles"));
    }
}
