// `ptest show-config`: the built-in defaults as the commented TOML ptest embeds, or one resolved
// profile with where each value came from.
#include "profiles/error.hpp"
#include "profiles/show_config.hpp"
#include "runner/cli/commands.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace ptest::cli {

int show_config_command(const ShowConfigArgs& args) {
    if (args.what == "defaults") {
        std::string_view text = profiles::show_defaults();
        std::fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    if (args.what != "profile") {
        throw Error(ExitCode::usage, "unknown show-config topic `" + args.what +
                                         "` (expected defaults or profile NAME)");
    }
    std::optional<std::filesystem::path> root;
    if (args.common.workspace) {
        root = std::filesystem::absolute(*args.common.workspace);
    }
    auto workspace = profiles::find_workspace_root(std::filesystem::current_path(), root);
    profiles::Config config = profiles::load_config(workspace);
    for (const std::string& warning : config.warnings()) {
        std::fprintf(stderr, "%s\n", warning.c_str());
    }
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
