// Helpers shared by the profiles unit tests: parse inline TOML as the file `test.toml`, resolve a
// profile from it, or capture the exact error text it raises.
#pragma once

#include "base/error.hpp"

#include "profiles/config.hpp"

#include <string>
#include <string_view>

namespace ptest::profiles::testing {

/// Parse `toml` as `test.toml` and resolve `name`.
inline Profile resolve_toml(std::string_view toml, const std::string& name = "default") {
    return Config::parse(toml, "test.toml").resolve(name);
}

/// `[profile.default]` followed by `line`, resolved as the default profile.
inline Profile resolve_default(std::string_view line) {
    return resolve_toml("[profile.default]\n" + std::string(line) + "\n");
}

/// The message of the `ptest::Error` that parsing `toml` raises, or `<no error>`. The exit code
/// must be `setup_error`; anything else yields `<wrong exit code>`.
inline std::string parse_error(std::string_view toml) {
    try {
        (void)Config::parse(toml, "test.toml");
    } catch (const Error& error) {
        if (error.code() != ExitCode::setup_error) {
            return "<wrong exit code>";
        }
        return error.what();
    }
    return "<no error>";
}

/// The error of `[profile.default]` followed by `line`.
inline std::string default_error(std::string_view line) {
    return parse_error("[profile.default]\n" + std::string(line) + "\n");
}

/// The message of the `ptest::Error` that `f` throws, or `<no error>`.
template <class F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const Error& error) {
        return error.what();
    }
    return "<no error>";
}

} // namespace ptest::profiles::testing
