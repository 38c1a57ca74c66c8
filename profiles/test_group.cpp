// Parsing of `[test-groups]` (see test_group.hpp).
#include "profiles/test_group.hpp"

#include "profiles/thread_count.hpp"

namespace ptest::profiles {

namespace {

bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-';
}

} // namespace

std::string test_group_name_problem(std::string_view name) {
    if (name == k_global_test_group) {
        return "`@global` is the built-in group of every test and cannot be defined";
    }
    if (name.starts_with("@tool:")) {
        return "group names beginning with `@tool:` are reserved for tool configuration files";
    }
    bool valid = !name.empty() && is_name_start(name.front());
    for (const char c : name) {
        valid = valid && is_name_char(c);
    }
    if (!valid) {
        return "invalid test group name `" + std::string(name) +
               "`: use letters, digits, `_` and `-`, starting with a letter or `_`";
    }
    return {};
}

std::map<std::string, TestGroupConfig> parse_test_groups(const toml::node& node,
                                                         ParseContext& context) {
    std::map<std::string, TestGroupConfig> groups;
    for (const auto& [name, value] : context.expect_table(node, "test-groups")) {
        const std::string path = join_key("test-groups", name.str());
        if (const std::string problem = test_group_name_problem(name.str()); !problem.empty()) {
            std::string message = "`" + path + "`: ";
            message += problem;
            context.fail(name.source(), message);
        }
        const toml::table& table = context.expect_table(value, path);
        context.check_keys(table, path, {"max-threads"});
        const toml::node* max_threads = table.get("max-threads");
        if (max_threads == nullptr) {
            context.fail(value.source(), "`" + path + "`: missing `max-threads`");
        }
        TestGroupConfig group;
        group.max_threads =
            parse_test_threads(*max_threads, context, join_key(path, "max-threads"));
        group.origin = context.origin(value.source());
        groups.emplace(std::string(name.str()), group);
    }
    return groups;
}

} // namespace ptest::profiles
