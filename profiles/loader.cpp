// Finding a workspace and its configuration file, and reading it (see config.hpp): the workspace
// root is the nearest folder with `.config/ptest.toml` or `.config/nextest.toml`, and ptest.toml
// wins when both exist.
#include "base/error.hpp"

#include "profiles/config.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ptest::profiles {

namespace {

namespace fs = std::filesystem;

constexpr const char* k_config_names[] = {".config/ptest.toml", ".config/nextest.toml"};

bool is_file(const fs::path& path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

// The name messages use for `path`: relative to the current directory when it is below it.
std::string display_name(const fs::path& path) {
    std::error_code error;
    const fs::path cwd = fs::current_path(error);
    if (!error && path.is_absolute()) {
        const fs::path relative = path.lexically_relative(cwd);
        if (!relative.empty() && *relative.begin() != "..") {
            return relative.string();
        }
    }
    return path.string();
}

} // namespace

fs::path find_workspace_root(const fs::path& start, const std::optional<fs::path>& explicit_root) {
    if (explicit_root) {
        return *explicit_root;
    }
    std::error_code error;
    fs::path current = fs::absolute(start, error);
    if (error) {
        return start;
    }
    current = current.lexically_normal();
    while (true) {
        for (const char* name : k_config_names) {
            if (is_file(current / name)) {
                return current;
            }
        }
        const fs::path parent = current.parent_path();
        if (parent == current || parent.empty()) {
            return start;
        }
        current = parent;
    }
}

std::optional<fs::path> find_config_file(const fs::path& workspace_root) {
    for (const char* name : k_config_names) {
        const fs::path candidate = workspace_root / name;
        if (is_file(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

Config load_config(const fs::path& workspace_root) {
    const std::optional<fs::path> file = find_config_file(workspace_root);
    if (!file) {
        return Config::defaults_only();
    }
    std::ifstream in(*file, std::ios::binary);
    std::ostringstream text;
    if (in) {
        text << in.rdbuf();
    }
    if (!in || in.bad()) {
        const int saved = errno;
        throw Error(ExitCode::setup_error, "cannot read configuration file `" +
                                               display_name(*file) + "`: " + std::strerror(saved));
    }
    return Config::parse(text.str(), display_name(*file));
}

} // namespace ptest::profiles
