// Checking `nextest-version` against ptest's compatibility version (see nextest_version.hpp).
#include "profiles/nextest_version.hpp"

#include <string>

namespace ptest::profiles {

std::optional<Version> parse_version(std::string_view text) {
    Version version{};
    std::size_t field = 0;
    std::size_t digits = 0;
    for (const char c : text) {
        if (c == '.' && digits > 0 && field < 2) {
            ++field;
            digits = 0;
        } else if (c >= '0' && c <= '9' && digits < 9) {
            version[field] = version[field] * 10 + static_cast<unsigned long>(c - '0');
            ++digits;
        } else {
            return std::nullopt;
        }
    }
    if (field != 2 || digits == 0) {
        return std::nullopt;
    }
    return version;
}

namespace {

// The version at `node`, checked against the compatibility version: `required` says whether it
// is required (an error when above) or recommended (a warning).
void check_one(const toml::node& node, ParseContext& context, const std::string& path,
               bool required) {
    const std::string text = context.expect_string(node, path);
    const std::optional<Version> version = parse_version(text);
    if (!version) {
        context.fail(node, path,
                     "expected a version such as \"0.9.50\" (MAJOR.MINOR.PATCH), found \"" + text +
                         "\"");
    }
    if (*version <= *parse_version(k_nextest_compat_version)) {
        return;
    }
    const std::string compat(k_nextest_compat_version);
    if (required) {
        context.fail(node, path,
                     "this configuration requires nextest " + text +
                         ", but ptest reads configuration as nextest " + compat +
                         " does (its compatibility version); keys added after " + compat +
                         " would be ignored, so ptest stops here");
    }
    context.warn(node.source(), "`" + path + "`: nextest " + text +
                                    " is recommended, but ptest reads configuration as nextest " +
                                    compat +
                                    " does (its compatibility version); newer keys are ignored "
                                    "with a warning");
}

} // namespace

void parse_nextest_version(const toml::node& node, ParseContext& context) {
    const std::string path = "nextest-version";
    if (node.is_string()) {
        check_one(node, context, path, true);
        return;
    }
    if (!node.is_table()) {
        context.fail(node, path,
                     "expected a version string or a table with `required` and `recommended`, "
                     "found " +
                         std::string(describe_type(node)));
    }
    const toml::table& table = *node.as_table();
    context.check_keys(table, path, {"required", "recommended"});
    if (const toml::node* required = table.get("required")) {
        check_one(*required, context, join_key(path, "required"), true);
    }
    if (const toml::node* recommended = table.get("recommended")) {
        check_one(*recommended, context, join_key(path, "recommended"), false);
    }
}

} // namespace ptest::profiles
