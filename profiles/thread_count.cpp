// Parsing, printing and resolving of thread counts (see thread_count.hpp and profile.hpp).
#include "profiles/thread_count.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

namespace ptest::profiles {

namespace {

constexpr std::string_view k_num_cpus = "num-cpus";
constexpr std::string_view k_num_test_threads = "num-test-threads";

std::int32_t to_int32(std::int64_t value, const toml::node& node, ParseContext& context,
                      std::string_view path) {
    if (value < std::numeric_limits<std::int32_t>::min() ||
        value > std::numeric_limits<std::int32_t>::max()) {
        context.fail(node, path, "the number " + std::to_string(value) + " is out of range");
    }
    return static_cast<std::int32_t>(value);
}

} // namespace

ThreadCount parse_test_threads(const toml::node& node, ParseContext& context,
                               std::string_view path) {
    if (node.is_integer()) {
        const std::int32_t value =
            to_int32(context.expect_integer(node, path), node, context, path);
        if (value == 0) {
            context.fail(node, path, "expected a non-zero integer or \"num-cpus\", found 0");
        }
        return ThreadCount{ThreadCount::Kind::count, value};
    }
    if (node.is_string() && context.expect_string(node, path) == k_num_cpus) {
        return ThreadCount{ThreadCount::Kind::num_cpus, 0};
        // cppcheck-suppress missingReturn ; ParseContext::fail is [[noreturn]].
    }
    const std::string found = node.is_string() ? "\"" + context.expect_string(node, path) + "\""
                                               : std::string(describe_type(node));
    context.fail(node, path, "expected a non-zero integer or \"num-cpus\", found " + found);
}

ThreadCount parse_threads_required(const toml::node& node, ParseContext& context,
                                   std::string_view path) {
    if (node.is_integer()) {
        const std::int32_t value =
            to_int32(context.expect_integer(node, path), node, context, path);
        if (value <= 0) {
            context.fail(node, path,
                         "expected a positive integer, \"num-cpus\" or \"num-test-threads\", "
                         "found " +
                             std::to_string(value));
        }
        return ThreadCount{ThreadCount::Kind::count, value};
    }
    if (node.is_string()) {
        const std::string text = context.expect_string(node, path);
        if (text == k_num_cpus) {
            return ThreadCount{ThreadCount::Kind::num_cpus, 0};
        }
        if (text == k_num_test_threads) {
            return ThreadCount{ThreadCount::Kind::num_test_threads, 0};
        }
        context.fail(node, path,
                     "expected a positive integer, \"num-cpus\" or \"num-test-threads\", found \"" +
                         text + "\"");
        // cppcheck-suppress missingReturn ; ParseContext::fail is [[noreturn]].
    }
    context.fail(node, path,
                 "expected a positive integer, \"num-cpus\" or \"num-test-threads\", found " +
                     std::string(describe_type(node)));
}

ThreadCount parse_test_threads(std::string_view text) {
    if (text == k_num_cpus) {
        return ThreadCount{ThreadCount::Kind::num_cpus, 0};
    }
    std::int32_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value == 0) {
        throw Error(ExitCode::usage, "invalid test-threads `" + std::string(text) +
                                         "`: expected a non-zero integer or `num-cpus`");
    }
    return ThreadCount{ThreadCount::Kind::count, value};
}

std::string format_thread_count(const ThreadCount& count) {
    switch (count.kind) {
    case ThreadCount::Kind::count:
        return std::to_string(count.value);
    case ThreadCount::Kind::num_cpus:
        return "\"num-cpus\"";
    case ThreadCount::Kind::num_test_threads:
        return "\"num-test-threads\"";
    }
    return "?";
}

int resolve_thread_count(const ThreadCount& count, int cpus, int test_threads) {
    int resolved = 1;
    switch (count.kind) {
    case ThreadCount::Kind::count:
        resolved = count.value > 0 ? count.value : cpus + count.value;
        break;
    case ThreadCount::Kind::num_cpus:
        resolved = cpus;
        break;
    case ThreadCount::Kind::num_test_threads:
        resolved = test_threads;
        break;
    }
    return std::max(resolved, 1);
}

} // namespace ptest::profiles
