// The `platform` setting evaluated for the host (see platform_spec.hpp). The expression grammar is
// Rust's: `cfg(PRED)` where PRED is a name (`unix`), `name = "value"`, or `all(...)`, `any(...)`
// and `not(PRED)`; a name the host has no value for is false, as rustc treats an unset cfg.
#include "profiles/platform_spec.hpp"

#include "base/spellcheck.hpp"

#include "profiles/config_error.hpp"

#include <climits>

#include <algorithm>
#include <utility>

namespace ptest::profiles {

namespace {

// The pieces of the host triple, from the compiler's predefined macros.
HostPlatform detect_host() {
    HostPlatform host;
#if defined(__x86_64__) || defined(_M_X64)
    host.arch = "x86_64";
#elif defined(__aarch64__) || defined(_M_ARM64)
    host.arch = "aarch64";
#elif defined(__i386__) || defined(_M_IX86)
    host.arch = "x86";
#elif defined(__arm__)
    host.arch = "arm";
#elif defined(__riscv) && __riscv_xlen == 64
    host.arch = "riscv64";
#elif defined(__powerpc64__)
    host.arch = "powerpc64";
#elif defined(__s390x__)
    host.arch = "s390x";
#else
    host.arch = "unknown";
#endif
    host.pointer_width = std::to_string(sizeof(void*) * CHAR_BIT);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    host.endian = "big";
#else
    host.endian = "little";
#endif
    std::string triple_arch = host.arch == "x86" ? "i686" : host.arch;
    if (host.arch == "riscv64") {
        triple_arch = "riscv64gc";
    } else if (host.arch == "powerpc64" && host.endian == "little") {
        triple_arch = "powerpc64le";
    }
#if defined(_WIN32)
    host.os = "windows";
    host.family = "windows";
    host.vendor = "pc";
    host.env = "msvc";
    host.triple = triple_arch + "-pc-windows-msvc";
#elif defined(__APPLE__)
    host.os = "macos";
    host.family = "unix";
    host.vendor = "apple";
    host.triple = triple_arch + "-apple-darwin";
#elif defined(__FreeBSD__)
    host.os = "freebsd";
    host.family = "unix";
    host.vendor = "unknown";
    host.triple = triple_arch + "-unknown-freebsd";
#else
    host.os = "linux";
    host.family = "unix";
    host.vendor = "unknown";
#if defined(__GLIBC__)
    host.env = "gnu";
#else
    host.env = "musl";
#endif
    const std::string abi = host.arch == "arm" ? host.env + "eabihf" : host.env;
    host.triple = triple_arch + "-unknown-linux-" + abi;
#endif
    return host;
}

// The host's value for `key = "..."`, or null when ptest has none.
const std::string* value_of(const HostPlatform& host, std::string_view key) {
    static constexpr std::pair<std::string_view, std::string HostPlatform::*> k_keys[] = {
        {"target_arch", &HostPlatform::arch},
        {"target_os", &HostPlatform::os},
        {"target_family", &HostPlatform::family},
        {"target_env", &HostPlatform::env},
        {"target_vendor", &HostPlatform::vendor},
        {"target_pointer_width", &HostPlatform::pointer_width},
        {"target_endian", &HostPlatform::endian},
    };
    for (const auto& [name, member] : k_keys) {
        if (name == key) {
            return &(host.*member);
        }
    }
    return nullptr;
}

// A recursive-descent reader of one `cfg(...)` expression. Errors stop it at the first one.
class CfgReader {
public:
    CfgReader(std::string_view text, const HostPlatform& host, PlatformResult& result)
        : m_text(text), m_host(host), m_result(result) {}

    // The whole string: `cfg(PRED)` and nothing after it.
    bool read_expression() {
        m_pos = 3; // After `cfg`, which the caller has seen.
        if (!expect('(')) {
            return false;
        }
        const bool value = read_predicate();
        if (failed() || !expect(')')) {
            return false;
        }
        skip_space();
        if (m_pos != m_text.size()) {
            fail("unexpected text after the closing `)` of `cfg(...)`");
        }
        return value;
    }

    [[nodiscard]] bool failed() const { return !m_result.error.empty(); }

private:
    void fail(std::string message) {
        if (!failed()) {
            m_result.error = std::move(message);
            m_result.error_offset = std::min(m_pos, m_text.size());
        }
    }

    void skip_space() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t')) {
            ++m_pos;
        }
    }

    bool peek(char c) {
        skip_space();
        return m_pos < m_text.size() && m_text[m_pos] == c;
    }

    bool expect(char c) {
        if (!peek(c)) {
            fail(std::string("expected `") + c + "`");
            return false;
        }
        ++m_pos;
        return true;
    }

    static bool is_ident_char(char c, bool first) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        return letter || (!first && c >= '0' && c <= '9');
    }

    std::string_view read_ident() {
        skip_space();
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && is_ident_char(m_text[m_pos], m_pos == start)) {
            ++m_pos;
        }
        if (m_pos == start) {
            fail("expected a cfg name such as `unix` or `target_os`, `all(...)`, `any(...)` or "
                 "`not(...)`");
        }
        return m_text.substr(start, m_pos - start);
    }

    std::string read_string() {
        skip_space();
        if (m_pos >= m_text.size() || m_text[m_pos] != '"') {
            fail("expected a value in double quotes, such as \"linux\"");
            return {};
        }
        const std::size_t close = m_text.find('"', m_pos + 1);
        if (close == std::string_view::npos) {
            fail("unterminated string");
            return {};
        }
        std::string value(m_text.substr(m_pos + 1, close - m_pos - 1));
        m_pos = close + 1;
        return value;
    }

    // The arguments of `all(...)` / `any(...)` / `not(...)`, each evaluated.
    std::vector<bool> read_arguments() {
        std::vector<bool> values;
        if (!expect('(')) {
            return values;
        }
        while (!failed() && !peek(')')) {
            values.push_back(read_predicate());
            if (!failed() && !peek(')') && expect(',')) {
                continue;
            }
        }
        if (!failed()) {
            ++m_pos; // The `)` peeked at.
        }
        return values;
    }

    bool read_predicate() {
        const std::size_t start = (skip_space(), m_pos);
        const std::string_view name = read_ident();
        if (failed()) {
            return false;
        }
        if (name == "all" || name == "any" || name == "not") {
            if (!peek('(')) {
                fail("expected `(` after `" + std::string(name) + "`");
                return false;
            }
            const std::vector<bool> values = read_arguments();
            if (name == "not") {
                if (!failed() && values.size() != 1) {
                    m_pos = start;
                    fail("`not(...)` takes exactly one predicate");
                }
                return !failed() && !values[0];
            }
            if (name == "all") {
                return std::all_of(values.begin(), values.end(), [](bool v) { return v; });
            }
            return std::any_of(values.begin(), values.end(), [](bool v) { return v; });
        }
        if (peek('=')) {
            ++m_pos;
            const std::string value = read_string();
            const std::string* host_value = value_of(m_host, name);
            if (host_value == nullptr) {
                m_result.unknown_names.emplace_back(name);
                return false;
            }
            return *host_value == value;
        }
        if (name == "unix" || name == "windows") {
            return m_host.family == name;
        }
        m_result.unknown_names.emplace_back(name);
        return false;
    }

    std::string_view m_text;
    const HostPlatform& m_host;
    PlatformResult& m_result;
    std::size_t m_pos = 0;
};

bool is_triple_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

} // namespace

const HostPlatform& HostPlatform::current() {
    static const HostPlatform host = detect_host();
    return host;
}

const std::vector<std::string>& known_cfg_names() {
    static const std::vector<std::string> names{
        "unix",          "windows",    "target_arch",   "target_os",
        "target_family", "target_env", "target_vendor", "target_pointer_width",
        "target_endian", "all",        "any",           "not"};
    return names;
}

PlatformResult evaluate_platform(std::string_view text, const HostPlatform& host) {
    PlatformResult result;
    if (text.starts_with("cfg(") || text.starts_with("cfg ")) {
        CfgReader reader(text, host, result);
        result.matches = reader.read_expression() && !reader.failed();
        return result;
    }
    const auto bad =
        std::find_if(text.begin(), text.end(), [](char c) { return !is_triple_char(c); });
    if (text.empty() || bad != text.end() || text.find('-') == std::string_view::npos) {
        result.error = "expected `cfg(...)` or a target triple such as `" + host.triple + "`";
        result.error_offset = static_cast<std::size_t>(bad - text.begin());
        if (bad == text.end()) {
            result.error_offset = 0;
        }
        return result;
    }
    result.matches = text == host.triple;
    return result;
}

namespace {

// Where character `offset` of the string value `node` is written: just after its opening quote
// when the value is written as-is on one line (no escapes), else the value's own position.
toml::source_region position_in(const toml::node& node, const ParseContext& context,
                                std::string_view value, std::size_t offset) {
    toml::source_region where = node.source();
    const std::string_view line = source_line(context.text(), where.begin.line);
    const std::size_t column = where.begin.column == 0 ? 0 : where.begin.column - 1;
    // Columns count code points; the comparison below only holds for plain ASCII lines anyway.
    if (column < line.size() && (line[column] == '"' || line[column] == '\'') &&
        line.substr(column + 1).starts_with(value) && line.size() > column + 1 + value.size() &&
        line[column + 1 + value.size()] == line[column]) {
        where.begin.column += static_cast<decltype(where.begin.column)>(1 + offset);
    }
    return where;
}

bool check_one(const toml::node& node, ParseContext& context, const std::string& path,
               const HostPlatform& host) {
    const std::string text = context.expect_string(node, path);
    const PlatformResult result = evaluate_platform(text, host);
    if (!result.error.empty()) {
        context.fail(position_in(node, context, text, result.error_offset),
                     "`" + path + "`: " + result.error);
    }
    for (const std::string& name : result.unknown_names) {
        std::string message =
            "`" + path + "`: ptest has no value for `" + name + "` on this host, so it is false";
        if (const auto suggestion = base::closest_match(name, known_cfg_names())) {
            message += "; did you mean `" + *suggestion + "`?";
        }
        context.warn(node.source(), message);
    }
    return result.matches;
}

} // namespace

bool parse_platform(const toml::node& node, ParseContext& context, std::string_view path,
                    const HostPlatform& host) {
    if (node.is_string()) {
        return check_one(node, context, std::string(path), host);
    }
    if (!node.is_table()) {
        context.fail(node, path,
                     "expected a `cfg(...)` string, a target triple or a table with `host` and "
                     "`target`, found " +
                         std::string(describe_type(node)));
    }
    const toml::table& table = *node.as_table();
    context.check_keys(table, path, {"host", "target"});
    bool matches = true;
    // nextest's host and target platforms are one here: ptest builds nothing, it runs on the host.
    for (const char* key : {"host", "target"}) {
        if (const toml::node* value = table.get(key)) {
            matches = check_one(*value, context, join_key(path, key), host) && matches;
        }
    }
    return matches;
}

} // namespace ptest::profiles
