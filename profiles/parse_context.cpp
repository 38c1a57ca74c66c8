// Shared state and typed accessors for the element parsers (see parse_context.hpp).
#include "profiles/parse_context.hpp"

#include "base/spellcheck.hpp"

#include "profiles/config_error.hpp"
#include "profiles/duration.hpp"

#include <algorithm>
#include <limits>

namespace ptest::profiles {

std::string join_key(std::string_view path, std::string_view key) {
    if (path.empty()) {
        return std::string(key);
    }
    return std::string(path) + '.' + std::string(key);
}

std::string_view describe_type(const toml::node& node) {
    switch (node.type()) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a float";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

ParseContext::ParseContext(std::string file_name, std::string_view text, bool built_in)
    : m_file_name(std::move(file_name)), m_text(text), m_built_in(built_in) {}

void ParseContext::fail(const toml::source_region& where, std::string_view message) const {
    throw config_error(m_file_name, m_text, where.begin.line, where.begin.column, message);
}

void ParseContext::fail(const toml::node& node, std::string_view path,
                        std::string_view message) const {
    fail(node.source(), "`" + std::string(path) + "`: " + std::string(message));
}

void ParseContext::warn_unknown_key(const toml::key& key, std::string_view path,
                                    const std::vector<std::string>& known) {
    std::string message = "ignoring unknown configuration key `" + std::string(path) + "`";
    if (const auto suggestion = base::closest_match(key.str(), known)) {
        message += "; did you mean `" + *suggestion + "`?";
    }
    warn(key.source(), message);
}

void ParseContext::warn(const toml::source_region& where, std::string_view message) {
    const toml::source_position begin = where.begin;
    std::string text = format_source_diagnostic(m_file_name, {}, begin.line, begin.column,
                                                "warning: " + std::string(message));
    const auto packed = (static_cast<std::uint64_t>(begin.line) << 32U) | begin.column;
    m_warnings.emplace_back(packed, std::move(text));
}

void ParseContext::check_keys(const toml::table& table, std::string_view path,
                              std::initializer_list<std::string_view> known) {
    const std::vector<std::string> names(known.begin(), known.end());
    for (const auto& [key, value] : table) {
        if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
            warn_unknown_key(key, join_key(path, key.str()), names);
        }
    }
}

std::vector<std::string> ParseContext::take_warnings() {
    std::stable_sort(m_warnings.begin(), m_warnings.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    out.reserve(m_warnings.size());
    for (auto& [position, text] : m_warnings) {
        out.push_back(std::move(text));
    }
    m_warnings.clear();
    return out;
}

SourcePos ParseContext::position(const toml::source_region& where) const {
    return SourcePos{m_file_name, where.begin.line, where.begin.column};
}

std::string ParseContext::origin(const toml::source_region& where) const {
    if (m_built_in) {
        return "built-in";
    }
    return m_file_name + ':' + std::to_string(where.begin.line);
}

std::string ParseContext::expect_string(const toml::node& node, std::string_view path) const {
    if (const auto* value = node.as_string()) {
        return value->get();
    }
    fail(node, path, "expected a string, found " + std::string(describe_type(node)));
}

std::int64_t ParseContext::expect_integer(const toml::node& node, std::string_view path) const {
    if (const auto* value = node.as_integer()) {
        return value->get();
    }
    fail(node, path, "expected an integer, found " + std::string(describe_type(node)));
}

std::uint32_t ParseContext::expect_count(const toml::node& node, std::string_view path) const {
    const std::int64_t value = expect_integer(node, path);
    if (value < 0 || value > std::numeric_limits<std::uint32_t>::max()) {
        fail(node, path, "expected a non-negative integer, found " + std::to_string(value));
    }
    return static_cast<std::uint32_t>(value);
}

bool ParseContext::expect_bool(const toml::node& node, std::string_view path) const {
    if (const auto* value = node.as_boolean()) {
        return value->get();
    }
    fail(node, path, "expected a boolean, found " + std::string(describe_type(node)));
}

const toml::table& ParseContext::expect_table(const toml::node& node, std::string_view path) const {
    if (const auto* value = node.as_table()) {
        return *value;
    }
    fail(node, path, "expected a table, found " + std::string(describe_type(node)));
}

Duration ParseContext::expect_duration(const toml::node& node, std::string_view path) const {
    if (!node.is_string()) {
        fail(node, path,
             "expected a duration string such as \"60s\", found " +
                 std::string(describe_type(node)));
    }
    const std::string text = expect_string(node, path);
    return at(node, path, [&] { return parse_duration(text); });
}

std::map<std::string, std::string> parse_env_table(const toml::node& node, ParseContext& context,
                                                   std::string_view path) {
    std::map<std::string, std::string> env;
    for (const auto& [name, value] : context.expect_table(node, path)) {
        if (name.str().empty() || name.str().find('=') != std::string_view::npos) {
            context.fail(name.source(), "`" + join_key(path, name.str()) +
                                            "`: an environment variable name must be non-empty "
                                            "and without `=`");
        }
        env[std::string(name.str())] = context.expect_string(value, join_key(path, name.str()));
    }
    return env;
}

} // namespace ptest::profiles
