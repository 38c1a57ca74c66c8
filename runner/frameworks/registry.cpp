// The registry: the list of adapters and everything that iterates it.
#include "runner/frameworks/registry.hpp"

#include "base/error.hpp"

#include "runner/frameworks/boost_test.hpp"
#include "runner/frameworks/catch2.hpp"
#include "runner/frameworks/catch2_v3.hpp"
#include "runner/frameworks/command.hpp"
#include "runner/frameworks/detection.hpp"
#include "runner/frameworks/doctest.hpp"
#include "runner/frameworks/gtest.hpp"

#include <array>
#include <stdexcept>

namespace ptest::runner {

namespace {

/// Registry order is detection precedence.
const std::array<const FrameworkAdapter*, 5>& all_adapters() {
    static const std::array<const FrameworkAdapter*, 5> adapters{
        &gtest_adapter(), &catch2_adapter(), &doctest_adapter(), &boost_test_adapter(),
        &command_adapter()};
    return adapters;
}

bool contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

bool holds_any(std::string_view bytes, std::span<const std::string_view> markers) {
    for (std::string_view marker : markers) {
        if (contains(bytes, marker)) {
            return true;
        }
    }
    return false;
}

} // namespace

std::span<const FrameworkAdapter* const> framework_adapters() {
    return all_adapters();
}

const FrameworkAdapter* find_framework(std::string_view config_name) {
    for (const FrameworkAdapter* adapter : all_adapters()) {
        if (adapter->config_name() == config_name) {
            return adapter;
        }
    }
    return nullptr;
}

const FrameworkAdapter& framework_adapter(std::string_view config_name) {
    const FrameworkAdapter* adapter = find_framework(config_name);
    if (adapter == nullptr) {
        throw std::logic_error("internal error: a test binary has no framework");
    }
    return *adapter;
}

std::string_view parse_framework_kind(std::string_view text) {
    if (text == k_detect_spelling) {
        return {};
    }
    if (const FrameworkAdapter* adapter = find_framework(text)) {
        return adapter->config_name();
    }
    std::string names(k_detect_spelling);
    for (const FrameworkAdapter* adapter : all_adapters()) {
        names += ", ";
        names += adapter->config_name();
    }
    throw Error(ExitCode::usage,
                "unknown binary kind `" + std::string(text) + "` (valid values: " + names + ")");
}

std::string_view whole_command_framework() {
    for (const FrameworkAdapter* adapter : all_adapters()) {
        if (adapter->runs_whole()) {
            return adapter->config_name();
        }
    }
    throw std::logic_error("internal error: no adapter runs a command whole");
}

std::string_view detect_framework(std::string_view binary_bytes) {
    FrameworkDetection detection = weigh_frameworks(binary_bytes);
    if (detection.kind.empty()) {
        return {};
    }
    return framework_adapter(detection.kind).config_name();
}

std::string detectable_framework_names() {
    std::vector<std::string_view> names;
    for (const FrameworkAdapter* adapter : all_adapters()) {
        if (!adapter->runner_markers().empty() || !adapter->symbol_markers().empty()) {
            names.push_back(adapter->display_name());
        }
    }
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            text += i + 1 == names.size() ? " or " : ", ";
        }
        text += names[i];
    }
    return text;
}

std::vector<std::string> case_arguments(const TestBinary& binary, const TestCase& test) {
    if (binary.preselected) {
        return {};
    }
    return framework_adapter(binary).run_arguments(test);
}

const FrameworkAdapter& framework_adapter(const TestBinary& binary) {
    const FrameworkAdapter& adapter = framework_adapter(binary.kind);
    if (&adapter == &catch2_adapter() && binary.framework_version == 3) {
        return catch2_v3_adapter();
    }
    return adapter;
}

bool framework_has_versions(const TestBinary& binary) {
    return find_framework(binary.kind) == &catch2_adapter();
}

int detect_framework_version(const TestBinary& binary, std::string_view binary_bytes) {
    if (framework_has_versions(binary) && holds_any(binary_bytes, catch2_v3_markers())) {
        return 3;
    }
    return 0;
}

} // namespace ptest::runner
