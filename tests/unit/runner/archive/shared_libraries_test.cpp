// Tests of reading the dynamic loader's view of a binary's libraries (`ldd`'s output).
#include "runner/archive/shared_libraries.hpp"

#include <doctest/doctest.h>

using namespace ptest::runner;

TEST_SUITE("runner::shared_libraries") {
    TEST_CASE("each needed library is read with where the loader found it, or not found") {
        const auto libraries = parse_ldd_output(
            "\tlinux-vdso.so.1 (0x00007ffd3a9f2000)\n"
            "\tlibgreet.so => /home/dev/project/build/lib/libgreet.so (0x00007f1a2b3c4000)\n"
            "\tlibmissing.so.2 => not found\n"
            "\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f1a2b000000)\n"
            "\t/lib64/ld-linux-x86-64.so.2 (0x00007f1a2b5d6000)\n");
        REQUIRE(libraries.size() == 3);
        CHECK(libraries[0].name == "libgreet.so");
        CHECK(libraries[0].path ==
              std::filesystem::path("/home/dev/project/build/lib/libgreet.so"));
        CHECK(libraries[1].name == "libmissing.so.2");
        CHECK_FALSE(libraries[1].path);
        CHECK(libraries[2].path == std::filesystem::path("/lib/x86_64-linux-gnu/libstdc++.so.6"));
    }

    TEST_CASE("a static executable lists nothing") {
        CHECK(parse_ldd_output("\tnot a dynamic executable\n").empty());
    }

    TEST_CASE("a path is inside a root when it is the root or below it, by whole components") {
        CHECK(is_inside("/w/build/lib.so", "/w"));
        CHECK(is_inside("/w/build/../lib.so", "/w"));
        CHECK_FALSE(is_inside("/wx/lib.so", "/w"));
        CHECK_FALSE(is_inside("/w/../etc/passwd", "/w"));
        CHECK(is_inside("/w", "/w"));
    }
}
