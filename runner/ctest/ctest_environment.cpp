// ENVIRONMENT_MODIFICATION as ctest applies it: operations on one variable build on each other in
// order, starting from the variable's value once ENVIRONMENT is applied.
#include "runner/ctest/ctest_environment.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

namespace ptest::runner {
namespace {

/// The pending value of each modified variable; nullopt means unset.
using Pending = std::map<std::string, std::optional<std::string>>;

/// `NAME=value` entries as a map (entries without `=` are not variables and are skipped).
std::map<std::string, std::string> to_map(const std::vector<std::string>& entries) {
    std::map<std::string, std::string> map;
    for (const std::string& entry : entries) {
        std::size_t eq = entry.find('=');
        if (eq != std::string::npos) {
            map.emplace(entry.substr(0, eq), entry.substr(eq + 1));
        }
    }
    return map;
}

/// Join `value` to `list` with `separator`, at the end or at the front; an empty list takes
/// `value` alone.
void join_list(std::string& list, char separator, const std::string& value, bool at_front) {
    if (list.empty()) {
        list = value;
    } else if (at_front) {
        list = value + separator + list;
    } else {
        list += separator;
        list += value;
    }
}

/// The string operations: the new value from the variable's current one, or nullopt for an
/// operation that is not one of them.
std::optional<std::string> string_operation(std::string_view op, std::string value,
                                            const std::string& operand) {
    if (op == "string_append") {
        value += operand;
    } else if (op == "string_prepend") {
        value.insert(0, operand);
    } else if (op == "path_list_append" || op == "path_list_prepend") {
        join_list(value, ':', operand, op == "path_list_prepend");
    } else if (op == "cmake_list_append" || op == "cmake_list_prepend") {
        join_list(value, ';', operand, op == "cmake_list_prepend");
    } else {
        return std::nullopt;
    }
    return value;
}

/// Apply one `NAME=op:value` entry to `pending`, describing a rejected entry in `problems`.
void apply_modification(const std::string& entry, const std::map<std::string, std::string>& current,
                        Pending& pending, std::vector<std::string>& problems) {
    std::size_t eq = entry.find('=');
    if (eq == std::string::npos) {
        problems.push_back("ENVIRONMENT_MODIFICATION entry `" + entry +
                           "` has no `=` after the variable name; ignored");
        return;
    }
    std::size_t colon = entry.find(':', eq + 1);
    if (colon == std::string::npos) {
        problems.push_back("ENVIRONMENT_MODIFICATION entry `" + entry +
                           "` has no `:` after the operation; ignored");
        return;
    }
    std::string name = entry.substr(0, eq);
    std::string op = entry.substr(eq + 1, colon - eq - 1);
    std::string operand = entry.substr(colon + 1);
    if (op == "reset") {
        pending.erase(name);
        return;
    }
    if (op == "set" || op == "unset") {
        pending[name] = op == "set" ? std::optional<std::string>(operand) : std::nullopt;
        return;
    }
    std::string value;
    if (auto it = pending.find(name); it != pending.end()) {
        value = it->second.value_or("");
    } else if (auto cur = current.find(name); cur != current.end()) {
        value = cur->second;
    }
    if (std::optional<std::string> changed = string_operation(op, std::move(value), operand)) {
        pending[name] = std::move(changed);
    } else {
        problems.push_back("ENVIRONMENT_MODIFICATION entry `" + entry +
                           "` has an unknown operation `" + op + "`; ignored");
    }
}

} // namespace

EnvironmentChanges apply_ctest_environment(const std::vector<std::string>& base,
                                           const std::vector<std::string>& environment,
                                           const std::vector<std::string>& modifications,
                                           std::vector<std::string>& problems) {
    std::map<std::string, std::string> current = to_map(base);
    EnvironmentChanges changes;
    for (const std::string& entry : environment) {
        std::size_t eq = entry.find('=');
        if (eq == std::string::npos || eq == 0) {
            problems.push_back("ENVIRONMENT entry `" + entry + "` has no `NAME=`; ignored");
            continue;
        }
        current[entry.substr(0, eq)] = entry.substr(eq + 1);
        changes.set[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    Pending pending;
    for (const std::string& entry : modifications) {
        apply_modification(entry, current, pending, problems);
    }
    for (const auto& [name, value] : pending) {
        if (value) {
            changes.set[name] = *value;
        } else {
            changes.set.erase(name);
            changes.unset.push_back(name);
        }
    }
    return changes;
}

} // namespace ptest::runner
