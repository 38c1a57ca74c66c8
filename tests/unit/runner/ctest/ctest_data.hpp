// Access to the captured ctest output in tests/data/ctest, shared by the CTest import tests.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace ptest::runner::test_data {

/// The bytes of `tests/data/ctest/<name>`. Throws when the file is missing.
inline std::string read_ctest_data(const std::string& name) {
    std::string path = std::string(PTEST_SOURCE_DIR) + "/tests/data/ctest/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("missing test data file " + path);
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace ptest::runner::test_data
