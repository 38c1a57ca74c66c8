# Script mode helper for EmbedFile.cmake.
file(READ "${INPUT}" content)
set(delim "ptest_embed")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\n#pragma once\n#include <string_view>\n"
     "inline constexpr std::string_view ${SYMBOL} = R\"${delim}(${content})${delim}\";\n")
