// Printing the defaults and resolved profiles for `ptest show-config` (see show_config.hpp).
#include "profiles/show_config.hpp"

#include "profiles/default_config_toml.hpp"
#include "profiles/duration.hpp"
#include "profiles/fail_fast.hpp"
#include "profiles/final_status_level.hpp"
#include "profiles/junit_config.hpp"
#include "profiles/leak_timeout.hpp"
#include "profiles/profile_layer.hpp"
#include "profiles/retry_policy.hpp"
#include "profiles/slow_timeout.hpp"
#include "profiles/status_level.hpp"
#include "profiles/test_output_display.hpp"
#include "profiles/thread_count.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace ptest::profiles {

namespace {

template <class E>
std::string quoted(E value) {
    return "\"" + std::string(to_string(value)) + "\"";
}

} // namespace

std::string_view show_defaults() {
    return k_default_config_toml;
}

std::string format_profile_value(const Profile& profile, std::string_view key) {
    if (key == "default-filter") {
        std::string out = "\"";
        for (const char c : profile.default_filter.text()) {
            if (c == '"' || c == '\\') {
                out += '\\';
            }
            out += c == '\n' ? ' ' : c;
        }
        return out + '"';
    }
    if (key == "retries") {
        return format_retry_policy(profile.retries);
    }
    if (key == "test-threads") {
        return format_thread_count(profile.test_threads);
    }
    if (key == "threads-required") {
        return format_thread_count(profile.threads_required);
    }
    if (key == "status-level") {
        return quoted(profile.status_level);
    }
    if (key == "final-status-level") {
        return quoted(profile.final_status_level);
    }
    if (key == "failure-output") {
        return quoted(profile.failure_output);
    }
    if (key == "success-output") {
        return quoted(profile.success_output);
    }
    if (key == "fail-fast") {
        return format_fail_fast(profile.fail_fast);
    }
    if (key == "slow-timeout") {
        return format_slow_timeout(profile.slow_timeout);
    }
    if (key == "leak-timeout") {
        return format_leak_timeout(profile.leak_timeout);
    }
    if (key == "list-timeout") {
        return "\"" + format_duration(profile.list_timeout) + "\"";
    }
    if (key == "output-capture-limit") {
        return std::to_string(profile.output_capture_limit);
    }
    return format_junit_value(profile.junit, key);
}

std::string format_profile(const Profile& profile) {
    std::vector<std::pair<std::string, std::string>> lines;
    std::size_t width = 0;
    for (const std::string_view key : profile_keys()) {
        std::string line = std::string(key) + " = " + format_profile_value(profile, key);
        const auto source = profile.sources.find(std::string(key));
        std::string origin = source != profile.sources.end() ? source->second : "built-in";
        width = std::max(width, line.size());
        lines.emplace_back(std::move(line), std::move(origin));
    }
    std::string out = "[profile." + profile.name + "]\n";
    for (const auto& [line, origin] : lines) {
        out.append(line).append(width - line.size() + 2, ' ').append("# ").append(origin);
        out += '\n';
    }
    return out;
}

std::string show_profile(const Config& config, const std::string& name, const ProfileOverrides& env,
                         const ProfileOverrides& cli) {
    Profile profile = config.resolve(name);
    apply(profile, env, "environment");
    apply(profile, cli, "command line");
    return format_profile(profile);
}

} // namespace ptest::profiles
