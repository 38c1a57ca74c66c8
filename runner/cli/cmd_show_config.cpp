// `ptest show-config`: the built-in defaults as the commented TOML ptest embeds, one resolved
// profile with where each value came from, or the test groups and which tests fall into each.

#include "profiles/show_config.hpp"
#include "profiles/thread_count.hpp"
#include "runner/cli/children_guard.hpp"
#include "runner/cli/commands.hpp"
#include "runner/cli/diagnostics.hpp"
#include "runner/list/lister.hpp"
#include "runner/plan/settings.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <map>
#include <vector>

namespace ptest::cli {

namespace {

/// `show-config test-groups`: every `[test-groups]` group with its limit, then, per override that
/// puts tests into it, the selected tests it puts there, by binary.
int show_test_groups(const ShowConfigArgs& args) {
    const ChildrenGuard children;
    Session session(args.common, ProfileArgs{});
    session.list_and_select(args.common);
    const profiles::Profile& profile = session.profile();
    const int cpus = cpu_count();
    const int threads = profiles::resolve_thread_count(profile.test_threads, cpus);
    // Group -> the override that put tests there -> binary id -> test names (in run order).
    using ByBinary = std::vector<std::pair<std::string, std::vector<std::string>>>;
    std::map<std::string, std::vector<std::pair<const profiles::TestOverride*, ByBinary>>> groups;
    for (const runner::TestRef& test : session.selection().run) {
        const runner::ResolvedSettings resolved =
            runner::resolve_settings(test, profile, cpus, threads);
        const profiles::TestOverride* by = resolved.origins.test_group;
        if (by == nullptr || resolved.settings.test_group == runner::k_global_group) {
            continue;
        }
        auto& overrides = groups[resolved.settings.test_group];
        auto entry = std::find_if(overrides.begin(), overrides.end(),
                                  [&](const auto& e) { return e.first == by; });
        if (entry == overrides.end()) {
            overrides.emplace_back(by, ByBinary{});
            entry = std::prev(overrides.end());
        }
        ByBinary& binaries = entry->second;
        if (binaries.empty() || binaries.back().first != test.binary->id) {
            binaries.emplace_back(test.binary->id, std::vector<std::string>{});
        }
        binaries.back().second.push_back(test.test->name);
    }
    const std::map<std::string, int> limits = runner::group_max_threads(profile, cpus);
    std::string out;
    for (const auto& [name, group] : profile.test_groups) {
        out += "group: " + name + " (max threads = " + std::to_string(limits.at(name)) + ")\n";
        const auto found = groups.find(name);
        if (found == groups.end()) {
            out += "  (no tests)\n";
            continue;
        }
        for (const auto& [by, binaries] : found->second) {
            out += "  * override for profile `" + by->profile + "` with filter '" +
                   by->filter.text() + "' (" + by->origin + "):\n";
            for (const auto& [binary, names] : binaries) {
                out += "      " + binary + ":\n";
                for (const std::string& test_name : names) {
                    out += "          " + test_name + "\n";
                }
            }
        }
    }
    if (profile.test_groups.empty()) {
        out += "no test groups: declare them under [test-groups] and assign tests with "
               "`test-group` in [[profile.NAME.overrides]]\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

} // namespace

int show_config_command(const ShowConfigArgs& args) {
    const ShowConfigTopic topic = parse_show_config_topic(args.what);
    if (topic == ShowConfigTopic::defaults) {
        std::string_view text = profiles::show_defaults();
        std::fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    if (topic == ShowConfigTopic::test_groups) {
        return show_test_groups(args);
    }
    std::optional<std::filesystem::path> root;
    if (args.common.workspace) {
        root = std::filesystem::absolute(*args.common.workspace);
    }
    auto workspace = profiles::find_workspace_root(std::filesystem::current_path(), root);
    profiles::Config config = profiles::load_config(workspace);
    if (topic == ShowConfigTopic::profile_names) {
        // For the shell completions: names only, and no warnings to clutter a prompt.
        std::string out;
        for (const std::string& profile : config.profile_names()) {
            out += profile + "\n";
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
        return 0;
    }
    // The file's warnings come first, as a compiler's do: they may explain an error that follows.
    for (const std::string& warning : config.warnings()) {
        print_diagnostic(warning);
    }
    runner::check_binary_kinds(config.binaries());
    std::string name = args.name.value_or(args.common.profile.value_or(""));
    if (name.empty()) {
        const char* env = std::getenv("PTEST_PROFILE");
        name = env != nullptr && *env != '\0' ? env : "default";
    }
    std::string text = profiles::show_profile(
        config, name, profiles::read_env_overrides(profiles::system_getenv()), {});
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
}

} // namespace ptest::cli
