// Rewriting the absolute paths an archive recorded on the machine that made it (the workspace
// root, the build tree) into where they are after extraction. Pure.
#pragma once

#include "base/json.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ptest::runner {

/// Ordered prefix rewrites: the first rule whose old path a path starts with wins, so a build
/// tree inside the workspace is listed before the workspace.
class PathRemap {
public:
    /// Rewrite `from` (an absolute path, no trailing slash) to `to`.
    void add(std::string from, std::string to);

    /// `text` with every occurrence of a rule's old path that ends at a path boundary (the end,
    /// `/`, or a separator such as `:`, `;`, `=`, a space or a quote) replaced by its new path:
    /// `/old/ws/build/x` becomes `/new/build/x`, `PATH=/old/ws/bin:/usr/bin` keeps `/usr/bin`, and
    /// `/old/wsx` is left alone.
    [[nodiscard]] std::string apply(std::string_view text) const;

    /// Apply `apply` to every string (not the member names) in `value`, recursively.
    void apply_json(base::json::Value& value) const;

private:
    std::vector<std::pair<std::string, std::string>> m_rules;
};

} // namespace ptest::runner
