// Tests of the archive manifest: what is written is read back, and a foreign or other-version
// manifest is refused with one line.
#include "base/error.hpp"

#include "runner/archive/manifest.hpp"

#include <doctest/doctest.h>

using namespace ptest::runner;

TEST_SUITE("runner::ArchiveManifest") {
    TEST_CASE("a manifest reads back as it was written") {
        ArchiveManifest manifest;
        manifest.ptest_version = "0.1.0";
        manifest.workspace_root = "/home/ci/project";
        manifest.root_is_workspace = true;
        manifest.binaries = {"bin/unit"};
        manifest.libraries = {"build/lib/libcore.so.1"};
        manifest.build_dir = "build";
        manifest.build_config = "Release";
        manifest.history = "target/ptest/history.tsv";
        manifest.declared_kinds = {{"unit", "gtest"}, {"legacy", ""}};
        manifest.default_timeout_seconds = 1500;
        const ArchiveManifest read = parse_manifest(format_manifest(manifest));
        CHECK(read.format_version == k_archive_format_version);
        CHECK(read.workspace_root == "/home/ci/project");
        CHECK(read.root_is_workspace);
        CHECK(read.binaries == manifest.binaries);
        CHECK(read.libraries == manifest.libraries);
        CHECK(read.build_dir == manifest.build_dir);
        CHECK(read.build_config == "Release");
        CHECK(read.history == manifest.history);
        CHECK(read.declared_kinds == manifest.declared_kinds);
        CHECK(read.default_timeout_seconds == 1500);
    }

    TEST_CASE("a manifest without a build tree has no CTest model") {
        ArchiveManifest manifest;
        manifest.workspace_root = "/w";
        const ArchiveManifest read = parse_manifest(format_manifest(manifest));
        CHECK_FALSE(read.build_dir);
        CHECK_FALSE(read.history);
        CHECK(read.declared_kinds.empty());
    }

    TEST_CASE("another format version is refused, naming both versions") {
        try {
            (void)parse_manifest("format-version = 7\nptest-version = \"3.0\"\n"
                                 "workspace-root = \"/w\"\n");
            FAIL("no error");
        } catch (const ptest::Error& error) {
            CHECK(error.code() == ptest::ExitCode::archive_unreadable);
            CHECK(std::string(error.what()) ==
                  "it is a ptest archive of format version 7 (made by ptest 3.0); this ptest "
                  "reads version 1");
        }
    }

    TEST_CASE("text that is no manifest is refused") {
        CHECK_THROWS_WITH(parse_manifest("not = [toml"),
                          doctest::Contains("its manifest is not valid TOML"));
        CHECK_THROWS_WITH(parse_manifest("workspace-root = \"/w\"\n"),
                          "its manifest has no `format-version`");
    }
}
