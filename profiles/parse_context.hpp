// The state shared by every element parser while one configuration file is read: the file's name
// and text (for `file:line:col` diagnostics with a caret), the warnings collected so far, and typed
// accessors that turn a wrong TOML type into an error pointing at the value.
#pragma once

#include "base/error.hpp"

#include "profiles/config.hpp"
#include "profiles/profile.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ptest::profiles {

/// `path.key`, or `key` when `path` is empty.
std::string join_key(std::string_view path, std::string_view key);

/// The TOML type of `node` with its article, as error messages spell it: `a string`, `an integer`.
std::string_view describe_type(const toml::node& node);

/// Reading context of one configuration file. Not thread-safe; lives for one `Config::parse`.
class ParseContext {
public:
    /// `file_name` is used in messages; `text` must outlive the context. With `built_in`, origins
    /// read `built-in` instead of `file:line`.
    ParseContext(std::string file_name, std::string_view text, bool built_in);

    /// The name used in messages.
    [[nodiscard]] const std::string& file_name() const { return m_file_name; }

    /// Throw `ptest::Error` (setup_error): `file:line:col: message`, the line and a caret.
    [[noreturn]] void fail(const toml::source_region& where, std::string_view message) const;

    /// Throw at `node`'s position with ``message`` prefixed by `` `path`: ``.
    [[noreturn]] void fail(const toml::node& node, std::string_view path,
                           std::string_view message) const;

    /// Record `file:line:col: warning: ignoring unknown configuration key `path``, followed by
    /// ``; did you mean `k`?`` when one of `known` (the keys the table has) is close to the key.
    void warn_unknown_key(const toml::key& key, std::string_view path,
                          const std::vector<std::string>& known = {});

    /// Record `file:line:col: warning: message` at `where`.
    void warn(const toml::source_region& where, std::string_view message);

    /// The file's whole text.
    [[nodiscard]] std::string_view text() const { return m_text; }

    /// Warn about every key of `table` that is not in `known`, suggesting the closest of `known`;
    /// `path` is the table's own key path.
    void check_keys(const toml::table& table, std::string_view path,
                    std::initializer_list<std::string_view> known);

    /// The collected warnings, ordered by position in the file; the context's list is emptied.
    [[nodiscard]] std::vector<std::string> take_warnings();

    /// `where`'s file, line and column.
    [[nodiscard]] SourcePos position(const toml::source_region& where) const;

    /// Where a value came from, for `show-config`: `built-in` or `file:line`.
    [[nodiscard]] std::string origin(const toml::source_region& where) const;

    /// The node as a string, or an error ``expected a string, found …``.
    [[nodiscard]] std::string expect_string(const toml::node& node, std::string_view path) const;

    /// The node as an integer, or an error ``expected an integer, found …``.
    [[nodiscard]] std::int64_t expect_integer(const toml::node& node, std::string_view path) const;

    /// The node as a non-negative integer that fits 32 bits, or an error.
    [[nodiscard]] std::uint32_t expect_count(const toml::node& node, std::string_view path) const;

    /// The node as a boolean, or an error ``expected a boolean, found …``.
    [[nodiscard]] bool expect_bool(const toml::node& node, std::string_view path) const;

    /// The node as a table, or an error ``expected a table, found …``.
    [[nodiscard]] const toml::table& expect_table(const toml::node& node,
                                                  std::string_view path) const;

    /// The node as a humantime duration string, or an error at the value.
    [[nodiscard]] Duration expect_duration(const toml::node& node, std::string_view path) const;

    /// Run `parse` (a pure parser that throws `ptest::Error`) and re-throw its error at `node`.
    template <class F>
    auto at(const toml::node& node, std::string_view path, F&& parse) const -> decltype(parse()) {
        try {
            return std::forward<F>(parse)();
        } catch (const Error& error) {
            fail(node, path, error.what());
        }
    }

private:
    std::string m_file_name;
    std::string_view m_text;
    bool m_built_in;
    std::vector<std::pair<std::uint64_t, std::string>> m_warnings;
};

/// Parse `node` as a table of environment variables (`env = { NAME = "value" }`): every value a
/// string, every name non-empty and without `=`. Throws a positioned setup error otherwise.
std::map<std::string, std::string> parse_env_table(const toml::node& node, ParseContext& context,
                                                   std::string_view path);

} // namespace ptest::profiles
