// Filter expressions: errors, evaluation and printing (see filterset.hpp); the parser is in
// filter_parser.cpp.
#include "profiles/filterset/filterset.hpp"

#include "profiles/filterset/filter_node.hpp"

#include <algorithm>

namespace ptest::profiles {

namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

bool evaluate(const FilterNode& node, const FilterQuery& query) {
    using Op = FilterNode::Op;
    switch (node.op) {
    case Op::all:
        return true;
    case Op::none:
        return false;
    case Op::default_set:
        return query.is_default;
    case Op::test:
        return node.matcher->matches(query.test_name);
    case Op::binary:
        return node.matcher->matches(query.binary_name);
    case Op::binary_id:
        return node.matcher->matches(query.binary_id);
    case Op::kind:
        return node.matcher->matches(query.kind);
    case Op::label:
        return std::any_of(query.labels.begin(), query.labels.end(),
                           [&](const std::string& label) { return node.matcher->matches(label); });
    case Op::group:
        return node.matcher->matches(query.group);
    case Op::not_:
        return !evaluate(*node.left, query);
    case Op::and_:
        return evaluate(*node.left, query) && evaluate(*node.right, query);
    case Op::or_:
        return evaluate(*node.left, query) || evaluate(*node.right, query);
    }
    return false;
}

/// `evaluate` knowing only the binary: nullopt where the answer depends on the test (Kleene's
/// three-valued logic: `false and unknown` is false, `true or unknown` is true).
std::optional<bool> evaluate_binary(const FilterNode& node, const FilterQuery& query) {
    using Op = FilterNode::Op;
    switch (node.op) {
    case Op::all:
    case Op::none:
    case Op::binary:
    case Op::binary_id:
    case Op::kind:
        return evaluate(node, query);
    case Op::default_set:
    case Op::test:
    case Op::label:
    case Op::group:
        return std::nullopt;
    case Op::not_: {
        std::optional<bool> inner = evaluate_binary(*node.left, query);
        return inner ? std::optional<bool>(!*inner) : std::nullopt;
    }
    case Op::and_:
    case Op::or_: {
        const bool decisive = node.op == Op::or_; // The value that decides alone.
        std::optional<bool> left = evaluate_binary(*node.left, query);
        std::optional<bool> right = evaluate_binary(*node.right, query);
        if (left == decisive || right == decisive) {
            return decisive;
        }
        return left && right ? std::optional<bool>(!decisive) : std::nullopt;
    }
    }
    return std::nullopt;
}

void describe_node(const FilterNode& node, std::string& out) {
    using Op = FilterNode::Op;
    switch (node.op) {
    case Op::not_:
        out += "not ";
        describe_node(*node.left, out);
        return;
    case Op::and_:
    case Op::or_:
        out += '(';
        describe_node(*node.left, out);
        out += node.op == Op::and_ ? " and " : " or ";
        describe_node(*node.right, out);
        out += ')';
        return;
    default:
        break;
    }
    out += predicate_name(node.op);
    out += '(';
    if (node.matcher) {
        out += node.matcher->describe();
    }
    out += ')';
}

} // namespace

FilterParseError::FilterParseError(std::string expression, std::size_t offset, std::size_t length,
                                   std::string reason)
    : Error(ExitCode::invalid_filter, format_filter_error(expression, offset, length, reason)),
      m_expression(std::move(expression)), m_offset(offset), m_length(length),
      m_reason(std::move(reason)) {}

std::string format_filter_error(std::string_view expression, std::size_t offset, std::size_t length,
                                std::string_view reason) {
    offset = std::min(offset, expression.size());
    // Show the one line of a multi-line expression (a TOML multi-line string) holding the error.
    const std::size_t line_start =
        offset == 0 ? 0 : (expression.rfind('\n', offset - 1) + 1); // npos + 1 == 0
    std::size_t line_end = expression.find('\n', offset);
    if (line_end == std::string_view::npos) {
        line_end = expression.size();
    }
    std::string_view line = expression.substr(line_start, line_end - line_start);
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    std::string caret = "  ";
    for (std::size_t i = line_start; i < offset && i - line_start < line.size(); ++i) {
        if (!is_continuation(expression[i])) {
            caret += expression[i] == '\t' ? '\t' : ' ';
        }
    }
    std::size_t marks = 0;
    for (std::size_t i = offset; i < std::min(offset + length, line_start + line.size()); ++i) {
        if (!is_continuation(expression[i])) {
            ++marks;
        }
    }
    caret.append(std::max<std::size_t>(marks, 1), '^');
    return "invalid filter expression\n  " + std::string(line) + "\n" + caret + " " +
           std::string(reason);
}

Filterset Filterset::parse(std::string_view text, FiltersetKind kind) {
    Filterset set;
    set.m_text = std::string(text);
    set.m_root = parse_filter(text, kind, set.m_uses_group);
    return set;
}

bool Filterset::matches(const FilterQuery& query) const {
    return m_root == nullptr || evaluate(*m_root, query);
}

std::optional<bool> Filterset::matches_binary(const FilterQuery& query) const {
    return m_root == nullptr ? std::optional<bool>(true) : evaluate_binary(*m_root, query);
}

std::string Filterset::describe() const {
    if (m_root == nullptr) {
        return "all()";
    }
    std::string out;
    describe_node(*m_root, out);
    return out;
}

} // namespace ptest::profiles
