// Parsing and printing of `global-timeout` (see global_timeout.hpp).
#include "profiles/global_timeout.hpp"

#include "profiles/duration.hpp"

namespace ptest::profiles {

Duration parse_global_timeout(const toml::node& node, ParseContext& context,
                              std::string_view path) {
    const Duration timeout = context.expect_duration(node, path);
    if (timeout <= Duration::zero()) {
        context.fail(node, path, "expected a duration above zero, such as \"2h\"");
    }
    return timeout;
}

std::string format_global_timeout(const std::optional<Duration>& timeout) {
    return timeout ? "\"" + format_duration(*timeout) + "\"" : std::string("(none)");
}

} // namespace ptest::profiles
