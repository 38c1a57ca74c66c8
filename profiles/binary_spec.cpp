// Parsing of the `[[binary]]` tables (see binary_spec.hpp).
#include "profiles/binary_spec.hpp"

#include "profiles/config_error.hpp"

#include <map>
#include <string>

namespace ptest::profiles {

namespace {

BinarySpec parse_binary(const toml::node& node, ParseContext& context, const std::string& path) {
    const toml::table& table = context.expect_table(node, path);
    context.check_keys(table, path, {"path", "id", "kind", "cwd", "env", "args"});
    BinarySpec spec;
    spec.where = context.position(node.source());
    const toml::node* binary_path = table.get("path");
    if (binary_path == nullptr) {
        context.fail(node, path, "missing required key `path`");
    }
    spec.path = context.expect_string(*binary_path, join_key(path, "path"));
    if (spec.path.empty()) {
        context.fail(*binary_path, join_key(path, "path"), "expected a non-empty string");
    }
    if (const toml::node* id = table.get("id")) {
        spec.id = context.expect_string(*id, join_key(path, "id"));
        if (spec.id->empty()) {
            context.fail(*id, join_key(path, "id"), "expected a non-empty string");
        }
    }
    if (const toml::node* kind = table.get("kind")) {
        WrittenValue written;
        written.key = join_key(path, "kind");
        written.text = context.expect_string(*kind, written.key);
        written.where = context.position(kind->source());
        written.source_line = std::string(source_line(context.text(), written.where.line));
        spec.kind = std::move(written);
    }
    if (const toml::node* cwd = table.get("cwd")) {
        spec.cwd = context.expect_string(*cwd, join_key(path, "cwd"));
    }
    if (const toml::node* env = table.get("env")) {
        const std::string env_path = join_key(path, "env");
        for (const auto& [name, value] : context.expect_table(*env, env_path)) {
            spec.env[std::string(name.str())] =
                context.expect_string(value, join_key(env_path, name.str()));
        }
    }
    if (const toml::node* args = table.get("args")) {
        const std::string args_path = join_key(path, "args");
        const toml::array* array = args->as_array();
        if (array == nullptr) {
            context.fail(*args, args_path,
                         "expected an array of strings, found " +
                             std::string(describe_type(*args)));
        }
        std::size_t index = 0;
        // cppcheck-suppress nullPointerRedundantCheck ; ParseContext::fail is [[noreturn]].
        for (const toml::node& arg : *array) {
            spec.args.push_back(
                context.expect_string(arg, args_path + "[" + std::to_string(index) + "]"));
            ++index;
        }
    }
    return spec;
}

} // namespace

std::vector<BinarySpec> parse_binaries(const toml::node& node, ParseContext& context) {
    const toml::array* array = node.as_array();
    if (array == nullptr) {
        context.fail(node, "binary",
                     "expected an array of tables (`[[binary]]`), found " +
                         std::string(describe_type(node)));
    }
    std::vector<BinarySpec> binaries;
    std::map<std::string, std::size_t> ids;
    // cppcheck-suppress nullPointerRedundantCheck ; ParseContext::fail is [[noreturn]].
    for (std::size_t index = 0; index < array->size(); ++index) {
        const toml::node& element = *array->get(index);
        const std::string path = "binary[" + std::to_string(index) + "]";
        BinarySpec spec = parse_binary(element, context, path);
        if (spec.id) {
            const auto [it, inserted] = ids.emplace(*spec.id, index);
            if (!inserted) {
                const toml::node& id = *element.as_table()->get("id");
                context.fail(id, join_key(path, "id"),
                             "duplicate binary id `" + *spec.id + "`: used by `" +
                                 binaries[it->second].path + "` (binary[" +
                                 std::to_string(it->second) + "]) and `" + spec.path + "` (" +
                                 path + ")");
            }
        }
        binaries.push_back(std::move(spec));
    }
    return binaries;
}

} // namespace ptest::profiles
