// The CTest mapping entry point: the rules themselves are the adapters'.
#include "runner/ctest/ctest_mapping.hpp"

#include "runner/frameworks/registry.hpp"

namespace ptest::runner {

CommandMapping map_ctest_command(std::string_view kind, const std::vector<std::string>& args) {
    const FrameworkAdapter* adapter = find_framework(kind);
    if (adapter == nullptr) {
        return {CTestMapping::command, "", ""};
    }
    return adapter->map_ctest_command(args);
}

} // namespace ptest::runner
