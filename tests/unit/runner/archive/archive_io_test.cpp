// Tests of the libarchive wrapper on real files: what is written is extracted as it was, the first
// member is checked before anything is written, and a refused or broken archive leaves nothing.
#include "base/error.hpp"

#include "runner/archive/archive_io.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace ptest::runner;

namespace {

/// A fresh temporary folder, removed at the end of the test.
struct Scratch {
    fs::path path;
    Scratch() {
        std::string pattern = (fs::temp_directory_path() / "ptest-archive-io-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    Scratch(const Scratch&) = delete;
    Scratch& operator=(const Scratch&) = delete;
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

/// Write an archive of a manifest, a folder and an executable file to `archive`.
void make_archive(const fs::path& dir, const fs::path& archive) {
    write(dir / "tool", "#!/bin/sh\nexit 0\n");
    fs::permissions(dir / "tool", fs::perms(0755));
    ArchiveWriter writer(archive);
    writer.add_text("manifest.toml", "version = 1\n");
    writer.add_directory("workspace/work");
    writer.add_file(dir / "tool", "workspace/bin/tool");
    writer.commit();
}

const FirstMemberCheck accept_all = [](const std::string&, const std::string&) {};

} // namespace

TEST_SUITE("runner::archive_io") {
    TEST_CASE("an archive extracts to the files, folders and modes it was written with") {
        Scratch scratch;
        make_archive(scratch.path, scratch.path / "a.tar.zst");
        std::string first;
        extract_archive(
            scratch.path / "a.tar.zst", scratch.path / "out",
            [&](const std::string& name, const std::string& text) { first = name + ":" + text; },
            nullptr);
        CHECK(first == "manifest.toml:version = 1\n");
        CHECK(slurp(scratch.path / "out/manifest.toml") == "version = 1\n");
        CHECK(fs::is_directory(scratch.path / "out/workspace/work"));
        CHECK(slurp(scratch.path / "out/workspace/bin/tool") == "#!/bin/sh\nexit 0\n");
        CHECK(::access((scratch.path / "out/workspace/bin/tool").c_str(), X_OK) == 0);
    }

    TEST_CASE("an archive that is not committed is never published") {
        Scratch scratch;
        {
            ArchiveWriter writer(scratch.path / "a.tar.zst");
            writer.add_text("manifest.toml", "x");
        }
        CHECK(fs::is_empty(scratch.path));
    }

    TEST_CASE("a first member the check refuses leaves nothing extracted") {
        Scratch scratch;
        make_archive(scratch.path, scratch.path / "a.tar.zst");
        CHECK_THROWS_WITH(extract_archive(
                              scratch.path / "a.tar.zst", scratch.path / "out",
                              [](const std::string&, const std::string&) {
                                  throw ptest::Error(ptest::ExitCode::archive_unreadable, "no");
                              },
                              nullptr),
                          "no");
        CHECK_FALSE(fs::exists(scratch.path / "out"));
        std::size_t entries = 0;
        for ([[maybe_unused]] const auto& entry : fs::directory_iterator(scratch.path)) {
            ++entries;
        }
        CHECK(entries == 2); // The tool and the archive: no temporary folder.
    }

    TEST_CASE("a truncated archive is refused as corrupt or truncated, leaving nothing") {
        Scratch scratch;
        make_archive(scratch.path, scratch.path / "a.tar.zst");
        const std::string bytes = slurp(scratch.path / "a.tar.zst");
        write(scratch.path / "cut.tar.zst", bytes.substr(0, bytes.size() / 2));
        try {
            extract_archive(scratch.path / "cut.tar.zst", scratch.path / "out", accept_all,
                            nullptr);
            FAIL("no error");
        } catch (const ptest::Error& error) {
            INFO(std::string(error.what()));
            CHECK(error.code() == ptest::ExitCode::archive_unreadable);
            CHECK(std::string(error.what()).find("it is corrupt or truncated") !=
                  std::string::npos);
        }
        CHECK_FALSE(fs::exists(scratch.path / "out"));
    }

    TEST_CASE("extraction stops when interrupted") {
        Scratch scratch;
        make_archive(scratch.path, scratch.path / "a.tar.zst");
        const volatile std::sig_atomic_t interrupted = 1;
        CHECK_THROWS_WITH(extract_archive(scratch.path / "a.tar.zst", scratch.path / "out",
                                          accept_all, &interrupted),
                          doctest::Contains("interrupted while extracting"));
        CHECK_FALSE(fs::exists(scratch.path / "out"));
    }
}
