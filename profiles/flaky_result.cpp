// Parsing and printing of `FlakyResult` (see flaky_result.hpp).
#include "profiles/flaky_result.hpp"

#include <string>

namespace ptest::profiles {

FlakyResult parse_flaky_result(const toml::node& node, ParseContext& context,
                               std::string_view path) {
    const std::string text = context.expect_string(node, path);
    return context.at(node, path,
                      [&] { return base::parse_enum(k_flaky_results, text, "flaky result"); });
}

std::string_view to_string(FlakyResult value) {
    return base::enum_name(k_flaky_results, value);
}

} // namespace ptest::profiles
