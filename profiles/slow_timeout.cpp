// Parsing and printing of the `slow-timeout` setting (see slow_timeout.hpp).
#include "profiles/slow_timeout.hpp"

#include "profiles/duration.hpp"

namespace ptest::profiles {

SlowTimeout parse_slow_timeout(const toml::node& node, ParseContext& context,
                               std::string_view path) {
    SlowTimeout timeout;
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
    context.check_keys(table, path, {"period", "terminate-after", "grace-period"});
    const toml::node* period = table.get("period");
    if (period == nullptr) {
        context.fail(node, path, "missing required key `period`");
    }
    timeout.period = context.expect_duration(*period, join_key(path, "period"));
    if (const toml::node* after = table.get("terminate-after")) {
        const std::string after_path = join_key(path, "terminate-after");
        const std::uint32_t count = context.expect_count(*after, after_path);
        if (count == 0) {
            context.fail(*after, after_path, "expected a positive integer, found 0");
        }
        timeout.terminate_after = count;
    }
    if (const toml::node* grace = table.get("grace-period")) {
        timeout.grace_period = context.expect_duration(*grace, join_key(path, "grace-period"));
    }
    return timeout;
}

std::string format_slow_timeout(const SlowTimeout& timeout) {
    std::string out = "{ period = \"" + format_duration(timeout.period) + "\"";
    if (timeout.terminate_after) {
        out += ", terminate-after = " + std::to_string(*timeout.terminate_after);
    }
    out += ", grace-period = \"" + format_duration(timeout.grace_period) + "\" }";
    return out;
}

} // namespace ptest::profiles
