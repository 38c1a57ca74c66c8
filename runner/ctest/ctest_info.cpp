// Reading the ctestInfo object: check its kind and version, then take each test's name, command
// and properties. Members the format may add later are ignored.
#include "runner/ctest/ctest_info.hpp"

#include "base/error.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>

namespace ptest::runner {

namespace {

[[noreturn]] void fail(const std::string& message) {
    throw Error(ExitCode::test_list_creation_failed,
                "could not read `ctest --show-only=json-v1` output: " + message);
}

/// The member `key` of `object`, or nullptr (also when `object` is no object).
const json::Value* find(const json::Value& object, std::string_view key) {
    if (!object.is_object()) {
        return nullptr;
    }
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

const json::Value& member(const json::Value& object, std::string_view key,
                          const std::string& where) {
    const json::Value* value = find(object, key);
    if (value == nullptr) {
        fail(where + " has no `" + std::string(key) + "` member");
    }
    return *value;
}

CTestTest parse_test(const json::Value& value, std::size_t index) {
    const std::string where = "tests[" + std::to_string(index) + "]";
    if (!value.is_object()) {
        fail(where + " is " + std::string(value.type_name()) + ", expected an object");
    }
    CTestTest test;
    const json::Value& name = member(value, "name", where);
    if (!name.is_string()) {
        fail(where + ".name is " + std::string(name.type_name()) + ", expected a string");
    }
    test.name = name.get<std::string>();
    if (const json::Value* command = find(value, "command")) {
        if (!command->is_array()) {
            fail(where + ".command is " + std::string(command->type_name()) +
                 ", expected an array");
        }
        for (const json::Value& arg : *command) {
            if (!arg.is_string()) {
                fail(where + ".command holds " + std::string(arg.type_name()) +
                     ", expected strings");
            }
            test.command.push_back(arg.get<std::string>());
        }
    }
    if (const json::Value* properties = find(value, "properties")) {
        if (!properties->is_array()) {
            fail(where + ".properties is " + std::string(properties->type_name()) +
                 ", expected an array");
        }
        for (const json::Value& property : *properties) {
            const json::Value* property_name = find(property, "name");
            const json::Value* property_value = find(property, "value");
            if (property_name == nullptr || !property_name->is_string() ||
                property_value == nullptr) {
                fail(where + ".properties holds an entry without a string `name` and a `value`");
            }
            test.properties.push_back({property_name->get<std::string>(), *property_value});
        }
    }
    return test;
}

/// At most this many places are tried as the start of ctest's document in output around it.
constexpr std::size_t k_max_starts = 256;

/// One past the `}` that closes the object opened at `start`, counting brackets outside strings;
/// npos when it never closes.
std::size_t object_end(std::string_view text, std::size_t start) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

/// Where ctest's document may start: every `{` that is the first character of its line (ctest
/// begins its document on a line of its own), then every other `{` (after output that did not end
/// its line), at most `k_max_starts` in all.
std::vector<std::size_t> document_starts(std::string_view text) {
    std::vector<std::size_t> line_starts;
    std::vector<std::size_t> others;
    for (std::size_t at = text.find('{'); at != std::string_view::npos && at < text.size();
         at = text.find('{', at + 1)) {
        (at == 0 || text[at - 1] == '\n' ? line_starts : others).push_back(at);
        if (line_starts.size() + others.size() >= k_max_starts) {
            break;
        }
    }
    line_starts.insert(line_starts.end(), others.begin(), others.end());
    return line_starts;
}

bool is_ctest_info(const json::Value& value) {
    const json::Value* kind = find(value, "kind");
    return kind != nullptr && kind->is_string() && kind->get<std::string>() == "ctestInfo";
}

/// The ctestInfo object in `text` among what else the project's ctest configuration printed
/// (a CTestCustom.cmake's `execute_process`, a script's output), if there is one.
std::optional<json::Value> find_ctest_document(std::string_view text) {
    for (std::size_t start : document_starts(text)) {
        std::size_t end = object_end(text, start);
        if (end == std::string_view::npos) {
            continue;
        }
        base::json::ParseResult parsed = base::json::parse(text.substr(start, end - start));
        if (parsed.value && is_ctest_info(*parsed.value)) {
            return std::move(parsed.value);
        }
    }
    return std::nullopt;
}

} // namespace

const json::Value* CTestTest::property(std::string_view property_name) const {
    for (const CTestProperty& property : properties) {
        if (property.name == property_name) {
            return &property.value;
        }
    }
    return nullptr;
}

std::vector<CTestTest> parse_ctest_info(std::string_view text) {
    base::json::ParseResult parsed = base::json::parse(text);
    if (parsed.error) {
        parsed.value = find_ctest_document(text);
        if (!parsed.value) {
            fail("no ctestInfo JSON document in it (read as one document: line " +
                 std::to_string(parsed.error->line) + ", column " +
                 std::to_string(parsed.error->column) + ": " + parsed.error->message + ")");
        }
    }
    const json::Value& root = *parsed.value;
    if (!root.is_object()) {
        fail("the document is " + std::string(root.type_name()) + ", expected an object");
    }
    const json::Value& kind = member(root, "kind", "the document");
    if (!kind.is_string() || kind.get<std::string>() != "ctestInfo") {
        fail("`kind` is not \"ctestInfo\"");
    }
    const json::Value& version = member(root, "version", "the document");
    const json::Value* major = find(version, "major");
    if (major == nullptr || !major->is_number() || major->get<double>() != 1) {
        fail("unsupported format version (ptest reads major version 1)");
    }
    const json::Value& tests = member(root, "tests", "the document");
    if (!tests.is_array()) {
        fail("`tests` is " + std::string(tests.type_name()) + ", expected an array");
    }
    std::vector<CTestTest> result;
    result.reserve(tests.size());
    for (std::size_t i = 0; i < tests.size(); ++i) {
        result.push_back(parse_test(tests[i], i));
    }
    return result;
}

std::vector<std::string> property_strings(const json::Value& value) {
    if (value.is_array()) {
        std::vector<std::string> out;
        for (const json::Value& item : value) {
            std::vector<std::string> inner = property_strings(item);
            out.insert(out.end(), inner.begin(), inner.end());
        }
        return out;
    }
    if (value.is_string()) {
        return {value.get<std::string>()};
    }
    if (value.is_number()) {
        // nlohmann keeps the value, not the literal: integers print as written, and a float as
        // the shortest text that reads back the same (`5.5`), which is what ctest writes.
        return {base::json::dump(value)};
    }
    if (value.is_boolean()) {
        return {value.get<bool>() ? "ON" : "OFF"};
    }
    return {};
}

bool property_bool(const json::Value& value) {
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number()) {
        return value.get<double>() != 0;
    }
    if (!value.is_string()) {
        return false;
    }
    std::string text = value.get<std::string>();
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (text == "1" || text == "ON" || text == "YES" || text == "TRUE" || text == "Y") {
        return true;
    }
    double number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    return ec == std::errc() && end == text.data() + text.size() && number != 0;
}

} // namespace ptest::runner
