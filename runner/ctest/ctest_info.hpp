// The tests a CMake build tree registers with CTest, as `ctest --show-only=json-v1` describes them
// (CMake's documented "ctestInfo" object, major version 1). ptest reads only this output, never
// CTestTestfile.cmake, so whatever CMake code registered the tests, ptest sees what ctest would
// run.
#pragma once

#include "base/json.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

namespace json = base::json;

/// One test property (`name` as CTest spells it, `value` as json-v1 encodes it: a string, a
/// number, a boolean, an array of strings, or an object for a few properties). The value is
/// nlohmann's, read directly.
struct CTestProperty {
    std::string name;
    json::Value value;
};

/// One registered test.
struct CTestTest {
    std::string name;
    /// The command line, program first, as ctest resolves it. Empty when ctest finds no
    /// executable for it (not built, or `NOT_AVAILABLE` in this configuration).
    std::vector<std::string> command;
    std::vector<CTestProperty> properties; ///< In ctest's order (sorted by name).

    /// The property `name`, or nullptr.
    [[nodiscard]] const json::Value* property(std::string_view name) const;
};

/// Parse the output of `ctest --show-only=json-v1`: the whole output as one document, else the
/// first `ctestInfo` object found in it, so that whatever the project's ctest configuration prints
/// before or after the document (CTestCustom.cmake's `execute_process`, scripts) is passed over.
/// Throws `ptest::Error` (test_list_creation_failed) for output holding no such object (naming the
/// line and column where reading it as one document failed), or for a document that is not a
/// version 1 `ctestInfo` object, naming the member at fault.
std::vector<CTestTest> parse_ctest_info(std::string_view text);

/// A property value as a list of strings: an array of strings as is, a string or a number as a
/// one-element list (its text: `77`, `5.5`), `true`/`false` as `"ON"`/`"OFF"`.
std::vector<std::string> property_strings(const json::Value& value);

/// A property value as CMake reads a boolean: true, a non-zero number, or a string CMake calls
/// true (`1`, `ON`, `YES`, `TRUE`, `Y`, or a number other than 0; case-insensitive).
bool property_bool(const json::Value& value);

} // namespace ptest::runner
