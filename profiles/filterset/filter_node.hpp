// The compiled tree of a filter expression, shared by the parser (which builds it) and
// `Filterset` (which evaluates and prints it). Internal to profiles/filterset.
#pragma once

#include "profiles/filterset/filterset.hpp"
#include "profiles/filterset/name_matcher.hpp"

#include <memory>
#include <optional>
#include <string_view>

namespace ptest::profiles {

/// One node: a predicate (a leaf) or an operator over one or two sub-expressions.
struct FilterNode {
    enum class Op {
        all,
        none,
        default_set,
        test,
        binary,
        binary_id,
        kind,
        label,
        group,
        not_,
        and_,
        or_,
    };

    Op op = Op::all;
    std::optional<NameMatcher> matcher; ///< For the predicates that take one.
    std::unique_ptr<FilterNode> left;   ///< `not_`, `and_`, `or_`.
    std::unique_ptr<FilterNode> right;  ///< `and_`, `or_`.
};

/// Parse `text` into a tree for `kind`. Throws `FilterParseError`. `uses_group` is set when the
/// tree holds a `group()` predicate.
std::unique_ptr<FilterNode> parse_filter(std::string_view text, FiltersetKind kind,
                                         bool& uses_group);

/// The predicate's name as written (`test`, `binary_id`, …); empty for operators.
std::string_view predicate_name(FilterNode::Op op);

} // namespace ptest::profiles
