// AtomicFile publishes on commit only, never leaves a temporary file behind, and reports an
// unwritable location with the exact `ptest::Error` the command line prints.
#include "base/atomic_file.hpp"
#include "base/error.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace ptest;
using namespace ptest::base;
using ptest::base::test::read_file;
using ptest::base::test::TempDir;

namespace {

[[nodiscard]] std::size_t entries_in(const std::filesystem::path& directory) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory)) {
        ++count;
    }
    return count;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

} // namespace

TEST_SUITE("base::AtomicFile") {

    TEST_CASE("commit publishes the file and creates missing parent directories") {
        const TempDir dir;
        const std::filesystem::path target = dir.path() / "target/nextest/ci/junit.xml";
        {
            base::AtomicFile file(target);
            CHECK(file.temp_path().parent_path() == target.parent_path());
            CHECK_FALSE(std::filesystem::exists(target));
            file.write("<testsuites/>\n");
            file.commit();
        }
        CHECK(read_file(target) == "<testsuites/>\n");
        CHECK(entries_in(target.parent_path()) == 1);
    }

    TEST_CASE("destruction without commit leaves the old file untouched and no temp file behind") {
        const TempDir dir;
        const std::filesystem::path target = dir.path() / "junit.xml";
        write_text(target, "old report\n");
        std::filesystem::path temp;
        {
            base::AtomicFile file(target);
            temp = file.temp_path();
            file.write("half a new rep");
            CHECK(std::filesystem::exists(temp));
        }
        CHECK(read_file(target) == "old report\n");
        CHECK_FALSE(std::filesystem::exists(temp));
        CHECK(entries_in(dir.path()) == 1);
    }

    TEST_CASE("commit replaces an existing file") {
        const TempDir dir;
        const std::filesystem::path target = dir.path() / "junit.xml";
        write_text(target, "old\n");
        base::AtomicFile file(target);
        file.write("new\n");
        file.commit();
        CHECK(read_file(target) == "new\n");
        CHECK(entries_in(dir.path()) == 1);
    }

    TEST_CASE("a commit without syncing still replaces the file whole and leaves no temp file") {
        const TempDir dir;
        const std::filesystem::path target = dir.path() / "history.tsv";
        write_text(target, "old\n");
        {
            base::AtomicFile file(target);
            file.write("new\n");
            file.commit(Durability::rename_only);
        }
        CHECK(read_file(target) == "new\n");
        CHECK(entries_in(dir.path()) == 1);
    }

    TEST_CASE("an unwritable directory is a write_output_error naming the path and the OS error") {
        const TempDir dir;
        write_text(dir.path() / "blocker", "a file where a directory should be\n");
        const std::filesystem::path target = dir.path() / "blocker/ci/junit.xml";
        try {
            base::AtomicFile file(target);
            FAIL("AtomicFile was created under a regular file");
        } catch (const Error& error) {
            CHECK(error.code() == ExitCode::write_output_error);
            CHECK(std::string(error.what()) ==
                  "cannot write " + target.string() + ": Not a directory");
        }
    }

    TEST_CASE("check_writable creates the directories and leaves nothing behind") {
        const TempDir dir;
        const std::filesystem::path target = dir.path() / "out/junit.xml";
        base::check_writable(target);
        CHECK(std::filesystem::is_directory(dir.path() / "out"));
        CHECK(entries_in(dir.path() / "out") == 0);
    }

    TEST_CASE("check_writable rejects a path that is a directory") {
        const TempDir dir;
        CHECK_THROWS_WITH_AS(base::check_writable(dir.path()),
                             ("cannot write " + dir.path().string() + ": Is a directory").c_str(),
                             Error);
    }

    TEST_CASE("check_writable rejects an unwritable location with the exact error") {
        const TempDir dir;
        write_text(dir.path() / "blocker", "x");
        const std::filesystem::path target = dir.path() / "blocker/junit.xml";
        CHECK_THROWS_WITH_AS(base::check_writable(target),
                             ("cannot write " + target.string() + ": Not a directory").c_str(),
                             Error);
    }

} // TEST_SUITE
