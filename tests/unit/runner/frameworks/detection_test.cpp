// Tests of detection on synthetic executables: how each framework's markers are weighed, when the
// bulk of a framework's symbols settles it, when its listing must confirm it, and when the user
// must name the kind.
#include "runner/frameworks/detection.hpp"
#include "runner/frameworks/registry.hpp"

#include <doctest/doctest.h>

#include <string>

namespace ptest::runner {

namespace {

/// Bytes that look like an ELF file holding each of `strings`, NUL-terminated.
std::string executable_with(std::initializer_list<std::string_view> strings) {
    std::string bytes("\x7f"
                      "ELF\x02\x01\x01",
                      7);
    bytes += std::string(64, '\0');
    for (std::string_view text : strings) {
        bytes += text;
        bytes += '\0';
    }
    return bytes;
}

/// Every runner and symbol marker of the framework named `kind`, as a mere mention would hold
/// them: once each.
std::string every_marker_of(std::string_view kind) {
    std::string bytes;
    const FrameworkAdapter& adapter = framework_adapter(kind);
    for (std::string_view marker : adapter.runner_markers()) {
        bytes += marker;
        bytes += '\0';
    }
    for (std::string_view marker : adapter.symbol_markers()) {
        bytes += marker;
        bytes += '\0';
    }
    return bytes;
}

/// The symbols a binary linking the framework holds in bulk: `count` mangled names in its
/// namespace `name_space` (such as `N7doctest`).
std::string symbols_of(std::string_view name_space, int count) {
    std::string bytes;
    for (int i = 0; i < count; ++i) {
        bytes += "_Z";
        bytes += name_space;
        bytes += "6detail" + std::to_string(i) + "E";
        bytes += '\0';
    }
    return bytes;
}

} // namespace

TEST_SUITE("runner::detection") {
    TEST_CASE("bytes with one framework's markers are that framework, without a listing") {
        FrameworkDetection gtest = weigh_frameworks(executable_with({"--gtest_list_tests"}));
        CHECK(gtest.kind == "gtest");
        CHECK_FALSE(gtest.unconfirmed);
        CHECK(gtest.candidates == std::vector<std::string>{"gtest"});
        // Symbols alone decide too: the runner may live in a shared library.
        CHECK(weigh_frameworks(executable_with({"_ZN7doctest7Context3runEv"})).kind == "doctest");
    }

    TEST_CASE("no framework's markers is no test binary and no candidate") {
        FrameworkDetection none = weigh_frameworks(executable_with({"Usage: tool [--list]"}));
        CHECK(none.kind.empty());
        CHECK(none.candidates.empty());
        CHECK(weigh_frameworks("").candidates.empty());
    }

    TEST_CASE("a framework ahead by its markers and its symbols needs no confirmation") {
        // A GoogleTest binary whose test mentions Catch2's list option and doctest's banner.
        std::string bytes =
            executable_with({"--gtest_list_tests", "--gtest_filter", "GTEST_SHARD_INDEX",
                             "--list-test-names-only", "doctest version is"}) +
            symbols_of("N7testing8internal", 20);
        FrameworkDetection detection = weigh_frameworks(bytes);
        CHECK(detection.kind == "gtest");
        CHECK_FALSE(detection.unconfirmed);
        CHECK(detection.candidates.front() == "gtest");
        CHECK(detection.candidates.size() == 3);
    }

    TEST_CASE("distinct markers count, not repeated ones") {
        // Catch2's list option mentioned many times still weighs one marker against GoogleTest's
        // three runner strings; the symbols are even, so the weight decides and is confirmed.
        std::string bytes =
            executable_with({"--gtest_list_tests", "--gtest_filter", "GTEST_SHARD_INDEX"});
        for (int i = 0; i < 50; ++i) {
            bytes += std::string("--list-test-names-only") + '\0';
        }
        FrameworkDetection detection = weigh_frameworks(bytes);
        CHECK(detection.kind == "gtest");
        CHECK(detection.unconfirmed);
    }

    TEST_CASE("every framework's markers in the data: the bulk of symbols names the candidate, "
              "which its listing must confirm") {
        // ptest's own unit tests: a doctest binary holding every framework's strings as data.
        std::string bytes = every_marker_of("gtest") + every_marker_of("catch2") +
                            every_marker_of("doctest") + symbols_of("N7doctest", 30);
        FrameworkDetection detection = weigh_frameworks(executable_with({}) + bytes);
        CHECK(detection.kind == "doctest");
        CHECK(detection.unconfirmed);
        CHECK(detection.candidates.front() == "doctest");
        CHECK(detection.candidates.size() == 3);
    }

    TEST_CASE("marker weights ahead but symbols behind: the bulk is confirmed, not the weight") {
        std::string bytes = executable_with({"--gtest_list_tests"}) + every_marker_of("doctest") +
                            symbols_of("N7testing8internal", 40);
        FrameworkDetection detection = weigh_frameworks(bytes);
        CHECK(detection.kind == "gtest");
        CHECK(detection.unconfirmed);
    }

    TEST_CASE("a candidate without runner strings is never listed: the user names the kind") {
        // GoogleTest linked as a shared library (its symbols only) in a binary whose data holds
        // doctest's runner strings: no listing flag is safe to try.
        std::string bytes = executable_with({"list-test-cases", "doctest version is"}) +
                            symbols_of("N7testing8internal", 40);
        FrameworkDetection detection = weigh_frameworks(bytes);
        CHECK(detection.kind.empty());
        CHECK(detection.candidates == std::vector<std::string>{"gtest", "doctest"});
    }

    TEST_CASE("even markers and even symbols leave the framework undecided") {
        std::string bytes =
            executable_with({}) + every_marker_of("gtest") + every_marker_of("doctest");
        FrameworkDetection detection = weigh_frameworks(bytes);
        CHECK(detection.kind.empty());
        CHECK(detection.candidates.size() == 2);
        CHECK(undecided_framework_message(detection, "`t` (/b/t)", "") ==
              "cannot tell the framework of `t` (/b/t): it carries the markers of GoogleTest and "
              "doctest, none clearly ahead; set its `kind` to \"gtest\" or \"doctest\"");
    }

    TEST_CASE("an unconfirmed framework whose listing failed is named with the listing's problem") {
        FrameworkDetection detection;
        detection.kind = "doctest";
        detection.unconfirmed = true;
        detection.candidates = {"doctest", "gtest", "catch2"};
        CHECK(undecided_framework_message(detection, "`t` (/b/t)", "no XML") ==
              "cannot tell the framework of `t` (/b/t): it carries the markers of doctest, "
              "GoogleTest and Catch2, and its doctest listing did not confirm it (no XML); set its "
              "`kind` to \"doctest\", \"gtest\" or \"catch2\"");
    }

    TEST_CASE("a configured kind is not weighed, but its version is still read") {
        std::string bytes = executable_with({"--gtest_list_tests", "Catch2TestRun"});
        FrameworkDetection catch2 = detect_binary_bytes(bytes, "catch2");
        CHECK(catch2.kind == "catch2");
        CHECK_FALSE(catch2.unconfirmed);
        CHECK(catch2.candidates.empty());
        CHECK(catch2.framework_version == 3);
        CHECK(detect_binary_bytes(bytes, "").kind == "gtest");
        CHECK(detect_binary_bytes(bytes, "").framework_version == 0);
        CHECK(detect_binary_bytes(executable_with({"--libidentify", "Catch2TestRun"}), "")
                  .framework_version == 3);
    }
}

} // namespace ptest::runner
