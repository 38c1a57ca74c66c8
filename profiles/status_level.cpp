// Parsing and printing of `StatusLevel` (see status_level.hpp).
#include "profiles/status_level.hpp"

#include "base/enum_table.hpp"

#include <string>

namespace ptest::profiles {

StatusLevel parse_status_level(std::string_view text) {
    return base::parse_enum(k_status_levels, text, "status level");
}

StatusLevel parse_status_level(const toml::node& node, ParseContext& context,
                               std::string_view path) {
    const std::string text = context.expect_string(node, path);
    return context.at(node, path, [&] { return parse_status_level(text); });
}

std::string_view to_string(StatusLevel value) {
    return base::enum_name(k_status_levels, value);
}

} // namespace ptest::profiles
