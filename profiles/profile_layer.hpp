// One `[profile.NAME]` table as parsed from one file: the settings it writes (each checked when the
// file is read, each remembering where it was written) and the profile it inherits from. Resolving
// a profile applies its layers in order onto a `Profile`.
#pragma once

#include "profiles/parse_context.hpp"
#include "profiles/profile.hpp"
#include "profiles/profile_keys.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::profiles {

/// One setting written by a layer: its key (`retries`, `junit.path`), where it was written
/// (`built-in` or `file:line`) and the assignment it makes.
struct Assignment {
    std::string key;
    std::string origin;
    Setter apply;
};

/// A parsed `[profile.NAME]` table.
struct ProfileLayer {
    std::string name;
    std::optional<std::string> inherits; ///< The `inherits = "…"` value, if any.
    toml::source_region inherits_where;  ///< Where `inherits` was written, for errors.
    std::vector<Assignment> assignments; ///< In key order.
    std::vector<TestOverride> overrides; ///< `[[profile.NAME.overrides]]`, in file order.
    std::vector<ScriptRule> scripts;     ///< `[[profile.NAME.scripts]]`, in file order.

    /// Apply every assignment to `profile`, recording each key's origin in `profile.sources`.
    void apply_to(Profile& profile) const;
};

/// Parse the table `node` (key path `path`, such as `profile.ci`) as the layer `name`. Throws
/// `ptest::Error` at the first bad value; unknown keys become warnings in `context`. Overrides may
/// name the `test_groups` the file declares, and script rules the `scripts` it defines.
ProfileLayer parse_profile_layer(const std::string& name, const toml::node& node,
                                 ParseContext& context, std::string_view path,
                                 const std::map<std::string, TestGroupConfig>& test_groups = {},
                                 const ScriptsConfig& scripts = {});

} // namespace ptest::profiles
