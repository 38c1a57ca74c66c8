// Prefix rewriting of recorded paths (see path_remap.hpp).
#include "runner/archive/path_remap.hpp"

namespace ptest::runner {

namespace {

/// Whether `c` may continue a path component (so `/old/ws` does not end before it).
bool continues_name(char c) {
    return c != '/' && c != ':' && c != ';' && c != '=' && c != ' ' && c != '"' && c != '\'' &&
           c != ',' && c != '\n' && c != '\t';
}

} // namespace

void PathRemap::add(std::string from, std::string to) {
    while (from.size() > 1 && from.back() == '/') {
        from.pop_back();
    }
    m_rules.emplace_back(std::move(from), std::move(to));
}

std::string PathRemap::apply(std::string_view text) const {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        bool replaced = false;
        // A path starts the text or follows a separator.
        if (i == 0 || !continues_name(text[i - 1]) || text[i - 1] == '/') {
            for (const auto& [from, to] : m_rules) {
                if (text.compare(i, from.size(), from) == 0 &&
                    (i + from.size() == text.size() || !continues_name(text[i + from.size()]))) {
                    out += to;
                    i += from.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) {
            out += text[i++];
        }
    }
    return out;
}

void PathRemap::apply_json(base::json::Value& value) const {
    if (value.is_string()) {
        value = apply(value.get_ref<const std::string&>());
    } else if (value.is_array() || value.is_object()) {
        for (base::json::Value& item : value) {
            apply_json(item);
        }
    }
}

} // namespace ptest::runner
