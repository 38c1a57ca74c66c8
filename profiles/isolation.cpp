// Parsing and printing of `Isolation` (see isolation.hpp).
#include "profiles/isolation.hpp"

#include <string>

namespace ptest::profiles {

Isolation parse_isolation(std::string_view text) {
    return base::parse_enum(k_isolations, text, "isolation");
}

Isolation parse_isolation(const toml::node& node, ParseContext& context, std::string_view path) {
    const std::string text = context.expect_string(node, path);
    return context.at(node, path, [&] { return parse_isolation(text); });
}

std::string_view to_string(Isolation value) {
    return base::enum_name(k_isolations, value);
}

} // namespace ptest::profiles
