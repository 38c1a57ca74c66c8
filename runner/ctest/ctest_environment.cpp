// ENVIRONMENT_MODIFICATION as ctest applies it: operations on one variable build on each other in
// order, starting from the variable's value once ENVIRONMENT is applied.
#include "runner/ctest/ctest_environment.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string_view>

namespace ptest::runner {

EnvironmentChanges apply_ctest_environment(const std::vector<std::string>& base,
                                           const std::vector<std::string>& environment,
                                           const std::vector<std::string>& modifications,
                                           std::vector<std::string>& problems) {
    std::map<std::string, std::string> current;
    for (const std::string& entry : base) {
        std::size_t eq = entry.find('=');
        if (eq != std::string::npos) {
            current.emplace(entry.substr(0, eq), entry.substr(eq + 1));
        }
    }
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

    // The pending value of each modified variable; nullopt means unset.
    std::map<std::string, std::optional<std::string>> pending;
    auto apply = [&](const std::string& name, const std::function<void(std::string&)>& op) {
        std::string value;
        if (auto it = pending.find(name); it != pending.end()) {
            value = it->second.value_or("");
        } else if (auto cur = current.find(name); cur != current.end()) {
            value = cur->second;
        }
        op(value);
        pending[name] = value;
    };
    auto append = [](char sep, const std::string& value) {
        return [sep, value](std::string& out) {
            if (!out.empty()) {
                out += sep;
            }
            out += value;
        };
    };
    auto prepend = [](char sep, const std::string& value) {
        return [sep, value](std::string& out) {
            if (!out.empty()) {
                out.insert(out.begin(), sep);
            }
            out.insert(0, value);
        };
    };
    for (const std::string& entry : modifications) {
        std::size_t eq = entry.find('=');
        if (eq == std::string::npos) {
            problems.push_back("ENVIRONMENT_MODIFICATION entry `" + entry +
                               "` has no `=` after the variable name; ignored");
            continue;
        }
        std::size_t colon = entry.find(':', eq + 1);
        if (colon == std::string::npos) {
            problems.push_back("ENVIRONMENT_MODIFICATION entry `" + entry +
                               "` has no `:` after the operation; ignored");
            continue;
        }
        std::string name = entry.substr(0, eq);
        std::string op = entry.substr(eq + 1, colon - eq - 1);
        std::string value = entry.substr(colon + 1);
        if (op == "reset") {
            pending.erase(name);
        } else if (op == "set") {
            pending[name] = value;
        } else if (op == "unset") {
            pending[name] = std::nullopt;
        } else if (op == "string_append") {
            apply(name, [&](std::string& out) { out += value; });
        } else if (op == "string_prepend") {
            apply(name, [&](std::string& out) { out.insert(0, value); });
        } else if (op == "path_list_append") {
            apply(name, append(':', value));
        } else if (op == "path_list_prepend") {
            apply(name, prepend(':', value));
        } else if (op == "cmake_list_append") {
            apply(name, append(';', value));
        } else if (op == "cmake_list_prepend") {
            apply(name, prepend(';', value));
        } else {
            problems.push_back("ENVIRONMENT_MODIFICATION entry `" + entry +
                               "` has an unknown operation `" + op + "`; ignored");
        }
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
