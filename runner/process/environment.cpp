// Environment filtering and merging for child processes.
#include "runner/process/environment.hpp"

#include <algorithm>
#include <array>

namespace ptest::runner {

namespace {

std::string_view name_of(std::string_view entry) {
    return entry.substr(0, entry.find('='));
}

} // namespace

bool is_removed_variable(std::string_view name) {
    static constexpr std::array<std::string_view, 2> k_prefixes = {"GTEST_", "TESTBRIDGE_"};
    static constexpr std::array<std::string_view, 17> k_names = {
        "XML_OUTPUT_FILE",
        "TEST_SHARD_INDEX",
        "TEST_TOTAL_SHARDS",
        "TEST_SHARD_STATUS_FILE",
        "TEST_PREMATURE_EXIT_FILE",
        "BAZEL_TEST",
        "PTEST",
        "PTEST_RUN_ID",
        "PTEST_PROFILE",
        "PTEST_BINARY_ID",
        "PTEST_TEST_NAME",
        "PTEST_ATTEMPT",
        "PTEST_TOTAL_ATTEMPTS",
        "PTEST_WORKSPACE_ROOT",
        "PTEST_TEST_GROUP",
        "PTEST_TEST_GLOBAL_SLOT",
        "PTEST_TEST_GROUP_SLOT",
    };
    for (std::string_view prefix : k_prefixes) {
        if (name.substr(0, prefix.size()) == prefix) {
            return true;
        }
    }
    for (std::string_view removed : k_names) {
        if (name == removed) {
            return true;
        }
    }
    return false;
}

std::vector<std::string> clean_environment(const char* const* environ) {
    std::vector<std::string> env;
    for (const char* const* entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        std::string_view text(*entry);
        if (!is_removed_variable(name_of(text))) {
            env.emplace_back(text);
        }
    }
    return env;
}

std::vector<std::string> merge_environment(const std::vector<std::string>& base,
                                           const std::map<std::string, std::string>& overrides) {
    std::vector<std::string> env;
    env.reserve(base.size() + overrides.size());
    for (const std::string& entry : base) {
        if (overrides.find(std::string(name_of(entry))) == overrides.end()) {
            env.push_back(entry);
        }
    }
    for (const auto& [name, value] : overrides) {
        env.push_back(name);
        env.back() += '=';
        env.back() += value;
    }
    return env;
}

std::vector<std::string> merge_environment(const std::vector<std::string>& base,
                                           const std::map<std::string, std::string>& overrides,
                                           const std::vector<std::string>& removed) {
    std::vector<std::string> env = merge_environment(base, overrides);
    if (!removed.empty()) {
        std::erase_if(env, [&](const std::string& entry) {
            return std::find(removed.begin(), removed.end(), name_of(entry)) != removed.end();
        });
    }
    return env;
}

} // namespace ptest::runner
