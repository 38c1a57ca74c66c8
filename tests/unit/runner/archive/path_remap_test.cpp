// Tests of PathRemap: recorded absolute paths rewritten to where an archive was extracted.
#include "runner/archive/path_remap.hpp"

#include <doctest/doctest.h>

using ptest::runner::PathRemap;

TEST_SUITE("runner::PathRemap") {
    TEST_CASE("a path under the old root moves to the new root, the first matching rule wins") {
        PathRemap remap;
        remap.add("/old/ws/build", "/tmp/x/workspace/build");
        remap.add("/old/ws", "/new/ws");
        CHECK(remap.apply("/old/ws/build/test") == "/tmp/x/workspace/build/test");
        CHECK(remap.apply("/old/ws/data") == "/new/ws/data");
        CHECK(remap.apply("/old/ws") == "/new/ws");
    }

    TEST_CASE("only whole path components are rewritten") {
        PathRemap remap;
        remap.add("/old/ws/", "/new");
        CHECK(remap.apply("/old/wsx/data") == "/old/wsx/data");
        CHECK(remap.apply("/elsewhere/old/ws/data") == "/elsewhere/old/ws/data");
        CHECK(remap.apply("PATH=/old/ws/bin:/usr/bin") == "PATH=/new/bin:/usr/bin");
        CHECK(remap.apply("--data=/old/ws;/old/ws/x") == "--data=/new;/new/x");
    }

    TEST_CASE("every string of a JSON document is rewritten, member names are not") {
        PathRemap remap;
        remap.add("/old", "/new");
        ptest::base::json::Value value = {{"/old", {"/old/a", 1, {{"k", "/old/b"}}}}};
        remap.apply_json(value);
        CHECK(ptest::base::json::dump(value) == R"({"/old":["/new/a",1,{"k":"/new/b"}]})");
    }
}
