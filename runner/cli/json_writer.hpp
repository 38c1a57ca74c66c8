// A minimal JSON writer for `--message-format json`: strings escaped per RFC 8259, with invalid
// UTF-8 replaced so the document always parses.
#pragma once

#include <string>
#include <string_view>

namespace ptest::cli {

/// `text` as a JSON string literal, quotes included.
std::string json_string(std::string_view text);

} // namespace ptest::cli
