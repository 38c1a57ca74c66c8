// Parsing of the `[archive]` table (see archive_config.hpp).
#include "profiles/archive_config.hpp"

#include <string>

namespace ptest::profiles {

ArchiveConfig parse_archive_config(const toml::node& node, ParseContext& context) {
    const toml::table& table = context.expect_table(node, "archive");
    context.check_keys(table, "archive", {"include"});
    ArchiveConfig config;
    if (const toml::node* include = table.get("include")) {
        const toml::array* array = include->as_array();
        if (array == nullptr) {
            context.fail(*include, "archive.include",
                         "expected an array of strings, found " +
                             std::string(describe_type(*include)));
        }
        std::size_t index = 0;
        // cppcheck-suppress nullPointerRedundantCheck ; ParseContext::fail is [[noreturn]].
        for (const toml::node& path : *array) {
            std::string text =
                context.expect_string(path, "archive.include[" + std::to_string(index) + "]");
            if (!text.empty() && text.front() == '/') {
                context.fail(path, "archive.include[" + std::to_string(index) + "]",
                             "expected a path relative to the workspace root, found `" + text +
                                 "`");
            }
            config.include.push_back(std::move(text));
            ++index;
        }
    }
    return config;
}

} // namespace ptest::profiles
