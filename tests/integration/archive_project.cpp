// The CMake project of the archive tests, written and built with the real cmake.
#include "archive_project.hpp"

#include <doctest/doctest.h>

namespace ptest::itest {

fs::path program(const std::string& name) {
    fs::path found = find_program(name);
    REQUIRE_MESSAGE(!found.empty(), "`" << name << "` is not on PATH");
    return found;
}

void build_archive_project(const fs::path& ws) {
    write_file(ws / "CMakeLists.txt",
               "cmake_minimum_required(VERSION 3.22)\n"
               "project(archived CXX)\n"
               "enable_testing()\n"
               "add_library(greet SHARED greet.cpp)\n"
               "add_executable(data_test data_test.cpp)\n"
               "target_link_libraries(data_test PRIVATE greet)\n"
               "add_test(NAME data.reads COMMAND data_test input.txt)\n"
               "add_test(NAME data.missing COMMAND data_test missing.txt)\n"
               "set_tests_properties(data.reads data.missing PROPERTIES\n"
               "  WORKING_DIRECTORY \"${CMAKE_SOURCE_DIR}/data\")\n"
               "file(COPY \"" +
                   fixture("gtest_basic").string() +
                   "\" DESTINATION \"${CMAKE_BINARY_DIR}/bin\")\n"
                   "add_test(NAME gtest COMMAND \"${CMAKE_BINARY_DIR}/bin/gtest_basic\")\n");
    write_file(ws / "greet.cpp", "int greet_value() { return 42; }\n");
    write_file(ws / "data_test.cpp", "#include <fstream>\n"
                                     "int greet_value();\n"
                                     "int main(int argc, char** argv) {\n"
                                     "    std::ifstream in(argc > 1 ? argv[1] : \"\");\n"
                                     "    return in && greet_value() == 42 ? 0 : 1;\n"
                                     "}\n");
    write_file(ws / "data/input.txt", "hello\n");
    write_file(ws / ".config/ptest.toml", "[archive]\ninclude = [\"data\"]\n"
                                          "[profile.default]\nfail-fast = false\n"
                                          "[profile.default.junit]\npath = \"junit.xml\"\n");
    Result configured = run(program("cmake"), {"-S", ws.string(), "-B", (ws / "build").string()});
    INFO("cmake:\n" << configured.out << configured.err);
    REQUIRE(configured.exit_code == 0);
    Result built = run(program("cmake"), {"--build", (ws / "build").string()});
    INFO("build:\n" << built.out << built.err);
    REQUIRE(built.exit_code == 0);
}

} // namespace ptest::itest
