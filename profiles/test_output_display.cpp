// Parsing and printing of `TestOutputDisplay` (see test_output_display.hpp).
#include "profiles/test_output_display.hpp"

#include "base/enum_table.hpp"

#include <string>

namespace ptest::profiles {

TestOutputDisplay parse_test_output_display(std::string_view text) {
    return base::parse_enum(k_test_output_displays, text, "output display");
}

TestOutputDisplay parse_test_output_display(const toml::node& node, ParseContext& context,
                                            std::string_view path) {
    const std::string text = context.expect_string(node, path);
    return context.at(node, path, [&] { return parse_test_output_display(text); });
}

std::string_view to_string(TestOutputDisplay value) {
    return base::enum_name(k_test_output_displays, value);
}

} // namespace ptest::profiles
