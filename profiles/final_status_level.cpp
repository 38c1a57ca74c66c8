// Parsing and printing of `FinalStatusLevel` (see final_status_level.hpp).
#include "profiles/final_status_level.hpp"

#include "base/enum_table.hpp"

#include <string>

namespace ptest::profiles {

FinalStatusLevel parse_final_status_level(std::string_view text) {
    return base::parse_enum(k_final_status_levels, text, "final status level");
}

FinalStatusLevel parse_final_status_level(const toml::node& node, ParseContext& context,
                                          std::string_view path) {
    const std::string text = context.expect_string(node, path);
    return context.at(node, path, [&] { return parse_final_status_level(text); });
}

std::string_view to_string(FinalStatusLevel value) {
    return base::enum_name(k_final_status_levels, value);
}

} // namespace ptest::profiles
