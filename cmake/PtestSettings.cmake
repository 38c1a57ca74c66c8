# INTERFACE targets that carry ptest's compile settings; ptest's own targets link them privately,
# so third-party code and fixtures are never built with our warning flags.
add_library(ptest_settings INTERFACE)
target_include_directories(ptest_settings INTERFACE "${PROJECT_SOURCE_DIR}")
target_compile_features(ptest_settings INTERFACE cxx_std_20)

add_library(ptest_warnings INTERFACE)
target_compile_options(ptest_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                                -Wold-style-cast -Wcast-align -Woverloaded-virtual)
if(PTEST_WERROR)
  target_compile_options(ptest_warnings INTERFACE -Werror)
endif()
# GCC 12 at -O3 reports -Wrestrict on ordinary std::string concatenation inside libstdc++
# (GCC bug 105329): a false positive that would fail every Release build with -Werror.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(ptest_warnings INTERFACE -Wno-restrict)
endif()
if(PTEST_SANITIZE)
  target_compile_options(ptest_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(ptest_settings INTERFACE -fsanitize=address,undefined)
endif()
if(PTEST_CLANG_TIDY)
  find_program(CLANG_TIDY_EXE NAMES clang-tidy REQUIRED)
  set(PTEST_CLANG_TIDY_COMMAND "${CLANG_TIDY_EXE}")
endif()

# ptest_add_library(NAME DIR...): a static library of every .cpp below the given folders.
function(ptest_add_library name)
  set(sources)
  foreach(dir IN LISTS ARGN)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.cpp")
    list(APPEND sources ${found})
  endforeach()
  add_library(${name} STATIC ${sources})
  target_link_libraries(${name} PUBLIC ptest_settings PRIVATE ptest_warnings)
  if(PTEST_CLANG_TIDY)
    set_target_properties(${name} PROPERTIES CXX_CLANG_TIDY "${PTEST_CLANG_TIDY_COMMAND}")
  endif()
endfunction()
