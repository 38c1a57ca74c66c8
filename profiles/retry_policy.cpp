// Parsing and printing of the `retries` setting (see retry_policy.hpp).
#include "profiles/retry_policy.hpp"

#include "base/enum_table.hpp"

#include "profiles/duration.hpp"

#include <charconv>

namespace ptest::profiles {

RetryPolicy parse_retry_policy(const toml::node& node, ParseContext& context,
                               std::string_view path) {
    RetryPolicy policy;
    if (node.is_integer()) {
        policy.count = context.expect_count(node, path);
        return policy;
    }
    if (!node.is_table()) {
        context.fail(node, path,
                     "expected an integer or a table, found " + std::string(describe_type(node)));
    }
    const toml::table& table = *node.as_table();
    context.check_keys(table, path, {"backoff", "count", "delay", "max-delay", "jitter"});
    const toml::node* backoff = table.get("backoff");
    if (backoff == nullptr) {
        context.fail(node, path,
                     "missing required key `backoff` (valid values: fixed, exponential)");
    }
    const std::string backoff_path = join_key(path, "backoff");
    const std::string backoff_text = context.expect_string(*backoff, backoff_path);
    policy.backoff = context.at(*backoff, backoff_path, [&] {
        return base::parse_enum(k_backoffs, backoff_text, "backoff");
    });
    const toml::node* count = table.get("count");
    if (count == nullptr) {
        context.fail(node, path, "missing required key `count`");
    }
    policy.count = context.expect_count(*count, join_key(path, "count"));
    const toml::node* delay = table.get("delay");
    if (delay != nullptr) {
        policy.delay = context.expect_duration(*delay, join_key(path, "delay"));
    }
    if (const toml::node* jitter = table.get("jitter")) {
        policy.jitter = context.expect_bool(*jitter, join_key(path, "jitter"));
    }
    const toml::node* max_delay = table.get("max-delay");
    if (policy.backoff == Backoff::exponential) {
        if (delay == nullptr || policy.delay == Duration::zero()) {
            context.fail(delay != nullptr ? *delay : node,
                         delay != nullptr ? join_key(path, "delay") : std::string(path),
                         "exponential backoff needs a non-zero `delay`");
        }
        if (max_delay != nullptr) {
            const std::string max_path = join_key(path, "max-delay");
            policy.max_delay = context.expect_duration(*max_delay, max_path);
            if (*policy.max_delay < policy.delay) {
                context.fail(*max_delay, max_path,
                             "`max-delay` (" + format_duration(*policy.max_delay) +
                                 ") is less than `delay` (" + format_duration(policy.delay) + ")");
            }
        }
    } else if (max_delay != nullptr) {
        context.fail(*max_delay, join_key(path, "max-delay"),
                     "`max-delay` is only valid with backoff = \"exponential\"");
    }
    return policy;
}

std::uint32_t parse_retry_count(std::string_view text) {
    std::uint32_t count = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, count);
    if (text.empty() || ec != std::errc() || ptr != end) {
        throw Error(ExitCode::usage, "invalid retry count `" + std::string(text) +
                                         "`: expected a non-negative integer");
    }
    return count;
}

std::string format_retry_policy(const RetryPolicy& policy) {
    if (policy.backoff == Backoff::fixed && policy.delay == Duration::zero() && !policy.jitter) {
        return std::to_string(policy.count);
    }
    std::string out = "{ backoff = \"" + std::string(base::enum_name(k_backoffs, policy.backoff)) +
                      "\", count = " + std::to_string(policy.count) + ", delay = \"" +
                      format_duration(policy.delay) + "\"";
    if (policy.max_delay) {
        out += ", max-delay = \"" + format_duration(*policy.max_delay) + "\"";
    }
    out += std::string(", jitter = ") + (policy.jitter ? "true" : "false") + " }";
    return out;
}

} // namespace ptest::profiles
