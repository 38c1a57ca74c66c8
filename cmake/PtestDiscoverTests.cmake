# ptest_discover_tests() and the `ptest` target, installed with ptest's CMake package.
#
#   ptest_discover_tests(TARGET [KIND auto|gtest|catch2|doctest|boost] [WORKING_DIRECTORY dir]
#                        [ENVIRONMENT NAME=value...] [LABELS label...] [EXTRA_ARGS arg...])
#
# registers the test executable TARGET with CTest as one test named TARGET (so plain `ctest` runs
# it whole, as add_test would), and records it for ptest in
# <top build dir>/ptest/discovered/TARGET.toml. `ptest run --build-dir <build>` reads those records
# and runs each binary case by case; it lists the cases when it runs, so nothing is discovered at
# build time (no discovery timeout, and cross-compiled trees configure). KIND names the framework
# (GoogleTest, Catch2 v2 or v3, doctest, Boost.Test). Without it, or with `KIND auto`, ptest
# detects the framework from the executable, as it does for a `[[binary]]` without `kind`; a
# binary whose framework it cannot tell runs whole, as under ctest, with a note saying why.
#
# The `ptest` target (`cmake --build <build> --target ptest`) builds every recorded test binary
# and runs `ptest run --build-dir <build> --profile ${PTEST_PROFILE}`.
include_guard(GLOBAL)

set(PTEST_PROFILE "default" CACHE STRING "The ptest profile the `ptest` build target runs")

if(NOT TARGET ptest)
  add_custom_target(ptest
    COMMAND ptest::ptest run --build-dir "${CMAKE_BINARY_DIR}" --profile "${PTEST_PROFILE}"
    WORKING_DIRECTORY "${CMAKE_BINARY_DIR}"
    COMMENT "Running the tests with ptest (profile ${PTEST_PROFILE})"
    USES_TERMINAL
    VERBATIM)
endif()

function(ptest_discover_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "KIND;WORKING_DIRECTORY" "ENVIRONMENT;LABELS;EXTRA_ARGS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ptest_discover_tests(${target}): unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "ptest_discover_tests(${target}): `${target}` is not a target")
  endif()
  # The kinds ptest's registry knows as frameworks, and `auto` (detect). Keep in step with
  # runner/frameworks/registry.cpp: a unit test compares the two.
  set(kinds auto gtest catch2 doctest boost)
  list(JOIN kinds ", " valid)
  list(FIND arg_KEYWORDS_MISSING_VALUES KIND missing)
  if(NOT missing EQUAL -1)
    message(FATAL_ERROR "ptest_discover_tests(${target}): KIND needs a value (one of ${valid})")
  endif()
  if(NOT DEFINED arg_KIND)
    set(arg_KIND auto)
  endif()
  list(FIND kinds "${arg_KIND}" known)
  if(known EQUAL -1)
    message(FATAL_ERROR
            "ptest_discover_tests(${target}): KIND `${arg_KIND}` is not one of ${valid}")
  endif()

  set(working_directory)
  if(arg_WORKING_DIRECTORY)
    set(working_directory WORKING_DIRECTORY "${arg_WORKING_DIRECTORY}")
  endif()
  add_test(NAME ${target} COMMAND ${target} ${arg_EXTRA_ARGS} ${working_directory})
  if(arg_ENVIRONMENT)
    set_property(TEST ${target} PROPERTY ENVIRONMENT ${arg_ENVIRONMENT})
  endif()
  if(arg_LABELS)
    set_property(TEST ${target} APPEND PROPERTY LABELS ${arg_LABELS})
  endif()

  # The record: which CTest test is a whole binary of which framework. The test's command,
  # environment and other properties ptest takes from ctest itself.
  get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(suffix)
  if(multi_config)
    set(suffix "-$<CONFIG>")
  endif()
  string(CONCAT record "# Written by ptest_discover_tests(); read by `ptest run --build-dir`.\n"
                "test = \"${target}\"\nkind = \"${arg_KIND}\"\n"
                "path = '$<TARGET_FILE:${target}>'\n")
  file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/ptest/discovered/${target}${suffix}.toml"
       CONTENT "${record}")
  add_dependencies(ptest ${target})
endfunction()
