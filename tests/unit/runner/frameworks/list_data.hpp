// Access to the captured framework outputs in tests/data/list, shared by the adapter tests.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ptest::runner::test_data {

/// The bytes of `tests/data/list/<name>`; an empty string for a capture that had no output
/// (empty captures are not checked in). Throws when a named file that must exist is missing.
inline std::string read_list_data(const std::string& name, bool may_be_absent = false) {
    std::string path = std::string(PTEST_SOURCE_DIR) + "/tests/data/list/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (may_be_absent) {
            return {};
        }
        throw std::runtime_error("missing test data file " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace ptest::runner::test_data
