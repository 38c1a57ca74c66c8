// Parsing and printing of the `fail-fast` setting (see fail_fast.hpp).
#include "profiles/fail_fast.hpp"

#include "base/enum_table.hpp"

#include <charconv>

namespace ptest::profiles {

namespace {

std::uint32_t parse_positive(std::string_view text, std::string_view whole) {
    std::uint32_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value == 0) {
        throw Error(ExitCode::usage, "invalid max-fail `" + std::string(whole) +
                                         "`: expected a positive integer or `all`, optionally "
                                         "followed by `:wait` or `:immediate`");
    }
    return value;
}

} // namespace

FailFast parse_fail_fast(const toml::node& node, ParseContext& context, std::string_view path) {
    FailFast fail_fast;
    if (node.is_boolean()) {
        if (!context.expect_bool(node, path)) {
            fail_fast.max_fail.reset();
        }
        return fail_fast;
    }
    if (!node.is_table()) {
        context.fail(node, path,
                     "expected a boolean or a table, found " + std::string(describe_type(node)));
    }
    const toml::table& table = *node.as_table();
    context.check_keys(table, path, {"max-fail", "terminate"});
    const toml::node* max_fail = table.get("max-fail");
    if (max_fail == nullptr) {
        context.fail(node, path, "missing required key `max-fail`");
    }
    const std::string max_path = join_key(path, "max-fail");
    if (max_fail->is_string()) {
        const std::string text = context.expect_string(*max_fail, max_path);
        if (text != "all") {
            context.fail(*max_fail, max_path,
                         "expected a positive integer or \"all\", found \"" + text + "\"");
        }
        fail_fast.max_fail.reset();
    } else if (max_fail->is_integer()) {
        const std::uint32_t count = context.expect_count(*max_fail, max_path);
        if (count == 0) {
            context.fail(*max_fail, max_path, "expected a positive integer or \"all\", found 0");
        }
        fail_fast.max_fail = count;
    } else {
        context.fail(*max_fail, max_path,
                     "expected a positive integer or \"all\", found " +
                         std::string(describe_type(*max_fail)));
    }
    if (const toml::node* terminate = table.get("terminate")) {
        const std::string terminate_path = join_key(path, "terminate");
        const std::string text = context.expect_string(*terminate, terminate_path);
        fail_fast.terminate = context.at(*terminate, terminate_path, [&] {
            return base::parse_enum(k_fail_fast_terminates, text, "terminate mode");
        });
    }
    return fail_fast;
}

FailFast parse_max_fail(std::string_view text) {
    FailFast fail_fast;
    std::string_view count = text;
    if (const std::size_t colon = text.find(':'); colon != std::string_view::npos) {
        count = text.substr(0, colon);
        const std::string_view mode = text.substr(colon + 1);
        if (mode == "wait") {
            fail_fast.terminate = FailFastTerminate::wait;
        } else if (mode == "immediate") {
            fail_fast.terminate = FailFastTerminate::immediate;
        } else {
            throw Error(ExitCode::usage, "invalid max-fail `" + std::string(text) +
                                             "`: unknown terminate mode `" + std::string(mode) +
                                             "` (valid values: wait, immediate)");
        }
    }
    if (count == "all") {
        fail_fast.max_fail.reset();
    } else {
        fail_fast.max_fail = parse_positive(count, text);
    }
    return fail_fast;
}

std::string format_fail_fast(const FailFast& fail_fast) {
    if (fail_fast.terminate == FailFastTerminate::wait) {
        if (!fail_fast.max_fail) {
            return "false";
        }
        if (*fail_fast.max_fail == 1) {
            return "true";
        }
    }
    const std::string max_fail =
        fail_fast.max_fail ? std::to_string(*fail_fast.max_fail) : std::string("\"all\"");
    return "{ max-fail = " + max_fail + ", terminate = \"" +
           std::string(base::enum_name(k_fail_fast_terminates, fail_fast.terminate)) + "\" }";
}

} // namespace ptest::profiles
