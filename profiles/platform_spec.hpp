// nextest's `platform` setting, which limits an override or a script rule to some platforms: a
// Rust `cfg(...)` expression (`cfg(unix)`, `cfg(target_os = "linux")`, `cfg(not(...))`,
// `cfg(all(...))`, `cfg(any(...))`) or a target triple, or the table `{ host = ..., target = ...
// }`. ptest runs its tests on the machine it runs on, so every form is evaluated for that host;
// this file holds the host's description, the expression parser and evaluator, and the TOML
// reading.
#pragma once

#include "profiles/parse_context.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::profiles {

/// A platform as `cfg(...)` expressions see it, with the values Rust gives these keys.
struct HostPlatform {
    std::string triple;        ///< `x86_64-unknown-linux-gnu`.
    std::string arch;          ///< `target_arch`: `x86_64`, `aarch64`, ...
    std::string os;            ///< `target_os`: `linux`, `macos`, `windows`, ...
    std::string family;        ///< `target_family`: `unix` or `windows`.
    std::string env;           ///< `target_env`: `gnu`, `musl`, `msvc` or empty.
    std::string vendor;        ///< `target_vendor`: `unknown`, `apple`, `pc`.
    std::string pointer_width; ///< `target_pointer_width`: `64` or `32`.
    std::string endian;        ///< `target_endian`: `little` or `big`.

    /// The machine ptest was built for (and so runs on), from the compiler's predefined macros.
    static const HostPlatform& current();
};

/// The outcome of evaluating one platform string.
struct PlatformResult {
    bool matches = false; ///< Whether the platform is the host.
    /// Empty when the string is well formed; else the reason, for an error at `error_offset`.
    std::string error;
    std::size_t error_offset = 0; ///< The byte of the string the error points at.
    /// Names ptest has no value for on the host (`target_feature`, or a misspelt key), each
    /// evaluated as false; the caller warns about them.
    std::vector<std::string> unknown_names;
};

/// Evaluate `text`, a `cfg(...)` expression or a target triple, for `host`. A triple matches when
/// it equals the host's. Never throws: a malformed string is reported in the result.
PlatformResult evaluate_platform(std::string_view text, const HostPlatform& host);

/// The names `cfg(...)` knows a value for (`unix`, `windows`, `target_os`, ...), for "did you
/// mean" suggestions.
const std::vector<std::string>& known_cfg_names();

/// Read the `platform` value `node` (at key path `path`): a string, or a table with `host` and/or
/// `target` strings (both evaluated for the host, both must match). Returns whether it matches
/// `host`. Throws a positioned setup error, with a caret at the offending character, on a
/// malformed value; warns about names ptest has no value for.
bool parse_platform(const toml::node& node, ParseContext& context, std::string_view path,
                    const HostPlatform& host = HostPlatform::current());

} // namespace ptest::profiles
