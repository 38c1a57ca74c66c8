# Every dependency comes from a Debian 12 package (scripts/bootstrap installs them); no downloads.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(pugixml REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
# RE2 (libre2-dev) runs filter-expression regexes in linear time. Debian ships no CMake package
# for it, only a pkg-config file.
find_package(PkgConfig REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
# Archives (`ptest archive`): libarchive (libarchive-dev) writes and reads tar through its zstd
# filter, which needs libzstd (libzstd-dev) at run time; check both here.
find_package(LibArchive REQUIRED)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
if(PTEST_BUILD_TESTS)
  find_package(doctest REQUIRED)
  find_package(GTest REQUIRED)
  find_package(Catch2 REQUIRED)
  # libpq (libpq-dev), for the service example's tests against a real PostgreSQL.
  find_package(PostgreSQL REQUIRED)
endif()
