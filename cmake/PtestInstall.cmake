# What `cmake --install` puts under the prefix besides the executable: the man page, the
# documentation, and the CMake package (ptestConfig.cmake, its version file and
# PtestDiscoverTests.cmake) that makes `find_package(ptest)` work.
include(CMakePackageConfigHelpers)

install(FILES "${PROJECT_SOURCE_DIR}/docs/ptest.1" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
file(GLOB ptest_docs CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/docs/*.md")
install(FILES "${PROJECT_SOURCE_DIR}/README.md" ${ptest_docs} DESTINATION "${CMAKE_INSTALL_DOCDIR}")
# The NDJSON stream's schema (docs/ndjson.md), beside the page that describes it.
install(FILES "${PROJECT_SOURCE_DIR}/docs/ndjson-schema.json" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

set(ptest_package_dir "${CMAKE_INSTALL_LIBDIR}/cmake/ptest")
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/ptestConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/package/ptestConfig.cmake"
                              INSTALL_DESTINATION "${ptest_package_dir}"
                              PATH_VARS CMAKE_INSTALL_BINDIR)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/package/ptestConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/package/ptestConfig.cmake"
              "${PROJECT_BINARY_DIR}/package/ptestConfigVersion.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/PtestDiscoverTests.cmake"
        DESTINATION "${ptest_package_dir}")
