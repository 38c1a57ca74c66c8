// Parsing and printing of the `leak-timeout` setting (see leak_timeout.hpp).
#include "profiles/leak_timeout.hpp"

#include "base/enum_table.hpp"

#include "profiles/duration.hpp"

namespace ptest::profiles {

LeakTimeout parse_leak_timeout(const toml::node& node, ParseContext& context,
                               std::string_view path) {
    LeakTimeout timeout;
    if (node.is_string()) {
        timeout.period = context.expect_duration(node, path);
        return timeout;
    }
    if (!node.is_table()) {
        context.fail(node, path,
                     "expected a duration string or a table, found " +
                         std::string(describe_type(node)));
    }
    const toml::table& table = *node.as_table();
    context.check_keys(table, path, {"period", "result"});
    const toml::node* period = table.get("period");
    if (period == nullptr) {
        context.fail(node, path, "missing required key `period`");
    }
    timeout.period = context.expect_duration(*period, join_key(path, "period"));
    if (const toml::node* result = table.get("result")) {
        const std::string result_path = join_key(path, "result");
        const std::string text = context.expect_string(*result, result_path);
        timeout.result = context.at(*result, result_path, [&] {
            return base::parse_enum(k_leak_results, text, "leak result");
        });
    }
    return timeout;
}

std::string format_leak_timeout(const LeakTimeout& timeout) {
    return "{ period = \"" + format_duration(timeout.period) + "\", result = \"" +
           std::string(base::enum_name(k_leak_results, timeout.result)) + "\" }";
}

} // namespace ptest::profiles
