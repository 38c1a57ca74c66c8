// Filter expressions (nextest's filtersets): a small language that names a set of tests, such as
// `test(parse) & kind(gtest) - label(slow)`. They select tests on the command line (`-E`), set a
// profile's `default-filter`, and pick the tests a per-test override applies to. An expression is
// parsed and compiled once, then evaluated against plain `FilterQuery` values, so this library
// knows nothing of test binaries or processes.
#pragma once

#include "base/error.hpp"

#include "profiles/filterset/name_matcher.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ptest::profiles {

/// What one test looks like to a filter expression. Views must outlive the evaluation.
struct FilterQuery {
    std::string_view binary_id;   ///< `binary_id()`: the binary's id.
    std::string_view binary_name; ///< `binary()`: the binary's file name.
    std::string_view kind;        ///< `kind()`: the framework (`gtest`, `catch2`, `doctest`, …).
    std::string_view test_name;   ///< `test()`: the test's full name.
    std::span<const std::string> labels; ///< `label()`: Catch2 tags, doctest suite, CTest LABELS.
    std::string_view group = "@global";  ///< `group()`: the test group overrides put it in.
    bool is_default = true;              ///< `default()`: the profile's default filter matches.
};

/// Where an expression is used; each place allows a different set of predicates.
enum class FiltersetKind {
    command_line,   ///< `-E`: every predicate.
    default_filter, ///< `default-filter`: not `default()` (itself) nor `group()`.
    override_filter ///< An override's `filter`: not `group()`, which overrides decide.
};

/// A filter expression that could not be parsed. `what()` is the full message: a first line, the
/// expression, and a caret line under the error with what was expected.
class FilterParseError : public Error {
public:
    FilterParseError(std::string expression, std::size_t offset, std::size_t length,
                     std::string reason);

    /// The expression as given.
    [[nodiscard]] const std::string& expression() const noexcept { return m_expression; }
    /// Byte offset of the error in the expression, and the length of the part underlined.
    [[nodiscard]] std::size_t offset() const noexcept { return m_offset; }
    [[nodiscard]] std::size_t length() const noexcept { return m_length; }
    /// What went wrong, one lowercase line: `expected an operator or end of expression`.
    [[nodiscard]] const std::string& reason() const noexcept { return m_reason; }

private:
    std::string m_expression;
    std::size_t m_offset;
    std::size_t m_length;
    std::string m_reason;
};

/// `invalid filter expression`, then the line of `expression` holding `offset` (indented by two
/// spaces), then a caret line under `length` bytes from `offset` followed by `reason`.
std::string format_filter_error(std::string_view expression, std::size_t offset, std::size_t length,
                                std::string_view reason);

struct FilterNode;

/// A parsed and compiled filter expression. Cheap to copy (copies share the compiled tree);
/// evaluation is const and thread-safe. A default-constructed one is `all()`.
class Filterset {
public:
    /// Parse `text` for use as `kind`. Throws `FilterParseError` (`ExitCode::invalid_filter`).
    static Filterset parse(std::string_view text, FiltersetKind kind);

    /// Whether the test described by `query` is in the set.
    [[nodiscard]] bool matches(const FilterQuery& query) const;

    /// Whether some test of the binary `query` describes may be in the set, knowing only the
    /// binary (`binary_id()`, `binary()`, `kind()`): true or false when that decides it, nullopt
    /// when it depends on the tests (`test()`, `label()`, `group()`, `default()`), as for a binary
    /// whose tests could not be listed. The query's test fields are not read.
    [[nodiscard]] std::optional<bool> matches_binary(const FilterQuery& query) const;

    /// The expression as written.
    [[nodiscard]] const std::string& text() const noexcept { return m_text; }

    /// The expression fully parenthesised, with explicit matchers: `(test(~a) and not kind(=x))`.
    /// Shows how precedence grouped it.
    [[nodiscard]] std::string describe() const;

    /// Whether `group()` occurs in it (so groups must be resolved before it is evaluated).
    [[nodiscard]] bool uses_group() const noexcept { return m_uses_group; }

private:
    std::string m_text = "all()";
    std::shared_ptr<const FilterNode> m_root; ///< Null: `all()`.
    bool m_uses_group = false;
};

} // namespace ptest::profiles
