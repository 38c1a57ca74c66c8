// Parsing of the `[ctest]` table (see ctest_config.hpp).
#include "profiles/ctest_config.hpp"

#include <string>

namespace ptest::profiles {

CTestConfig parse_ctest_config(const toml::node& node, ParseContext& context) {
    const toml::table& table = context.expect_table(node, "ctest");
    context.check_keys(table, "ctest", {"run-whole", "rerun-alone"});
    CTestConfig config;
    if (const toml::node* run_whole = table.get("run-whole")) {
        const toml::array* array = run_whole->as_array();
        if (array == nullptr) {
            context.fail(*run_whole, "ctest.run-whole",
                         "expected an array of strings, found " +
                             std::string(describe_type(*run_whole)));
        }
        std::size_t index = 0;
        // cppcheck-suppress nullPointerRedundantCheck ; ParseContext::fail is [[noreturn]].
        for (const toml::node& glob : *array) {
            config.run_whole.push_back(
                context.expect_string(glob, "ctest.run-whole[" + std::to_string(index) + "]"));
            ++index;
        }
    }
    if (const toml::node* rerun_alone = table.get("rerun-alone")) {
        config.rerun_alone = context.expect_bool(*rerun_alone, "ctest.rerun-alone");
    }
    return config;
}

} // namespace ptest::profiles
