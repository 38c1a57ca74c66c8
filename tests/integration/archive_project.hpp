// The CMake project the archive tests build: a test program that needs its CTest working
// directory and a shared library from the build tree, and a GoogleTest fixture binary that ptest
// expands into cases. Shared by the archive test and the archive-with-shards test.
#pragma once

#include "harness.hpp"

#include <string>

namespace ptest::itest {

/// A program from PATH; the calling test fails when it is missing.
fs::path program(const std::string& name);

/// Write and build, in `ws`, a project with a shared library, a test program linked to it that
/// reads a file from its CTest working directory (`data/`, test data the config includes in
/// archives), and a copy of the `gtest_basic` fixture registered whole. Its `.config/ptest.toml`
/// turns fail-fast off and writes the JUnit file `junit.xml` in the workspace.
void build_archive_project(const fs::path& ws);

} // namespace ptest::itest
