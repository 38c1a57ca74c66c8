// Size budget and XML rendering of a `JunitDocument`. pugixml escapes (step 6) but does not
// sanitise, so only sanitised strings reach it. Inside attempt elements, whose text is followed
// by `system-out`/`system-err` children, empty text nodes are placed between the children: pugixml
// does not indent after a text node, so no whitespace is added to the attempt's text.
#include "junit_document.hpp"

#include "base/text_sanitizer.hpp"

#include "reporter/junit/junit_outcome.hpp"

#include <pugixml.hpp>

#include <algorithm>

namespace ptest::reporter {
namespace {

class StringWriter final : public pugi::xml_writer {
public:
    explicit StringWriter(std::string& out) : m_out(out) {}
    void write(const void* data, std::size_t size) override {
        m_out.append(static_cast<const char*>(data), size);
    }

private:
    std::string& m_out;
};

/// Calls `visit` on every stored text field of `document` (const or not).
template <typename Document, typename Visit>
void for_each_field(Document& document, Visit visit) {
    for (auto& suite : document.suites) {
        for (auto& test_case : suite.cases) {
            for (auto& element : test_case.elements) {
                visit(element.text);
                if (element.system_out) {
                    visit(*element.system_out);
                }
                if (element.system_err) {
                    visit(*element.system_err);
                }
            }
            if (test_case.system_out) {
                visit(*test_case.system_out);
            }
            if (test_case.system_err) {
                visit(*test_case.system_err);
            }
        }
    }
}

void add_text(pugi::xml_node node, const base::BoundedText& text) {
    node.append_child(pugi::node_pcdata).set_value(text.str().c_str());
}

void add_output(pugi::xml_node parent, const char* tag,
                const std::optional<base::BoundedText>& text) {
    if (text) {
        add_text(parent.append_child(tag), *text);
    }
}

[[nodiscard]] bool is_attempt(const JunitElement& element) {
    return element.timestamp.has_value();
}

void add_element(pugi::xml_node test_case, const JunitElement& element) {
    pugi::xml_node node = test_case.append_child(element.tag.c_str());
    if (is_attempt(element)) {
        node.append_attribute("timestamp") = format_timestamp(*element.timestamp).c_str();
        node.append_attribute("time") = format_seconds(element.time.value_or(Duration{0})).c_str();
    }
    if (!element.message.empty()) {
        node.append_attribute("message") = element.message.c_str();
    }
    if (!element.type.empty()) {
        node.append_attribute("type") = element.type.c_str();
    }
    const bool has_outputs = element.system_out || element.system_err;
    if (element.text.size() == 0 && !has_outputs) {
        return; // Self-closing.
    }
    add_text(node, element.text);
    if (element.system_out) {
        add_output(node, "system-out", element.system_out);
        node.append_child(pugi::node_pcdata); // Keeps pugixml from indenting the next child.
    }
    if (element.system_err) {
        add_output(node, "system-err", element.system_err);
        node.append_child(pugi::node_pcdata);
    }
}

struct Counts {
    std::size_t tests = 0;
    std::size_t skipped = 0;
    std::size_t failures = 0;
    std::size_t errors = 0;

    void add(const JunitCase& test_case) {
        ++tests;
        if (test_case.elements.empty()) {
            return;
        }
        const std::string& tag = test_case.elements.front().tag;
        skipped += tag == "skipped" ? 1 : 0;
        failures += tag == "failure" ? 1 : 0;
        errors += tag == "error" ? 1 : 0;
    }
};

void set_count(pugi::xml_node node, const char* name, std::size_t value) {
    node.append_attribute(name) = static_cast<unsigned long long>(value);
}

} // namespace

std::size_t stored_text_size(const JunitDocument& document) {
    std::size_t total = 0;
    for_each_field(document, [&](const base::BoundedText& text) { total += text.size(); });
    return total;
}

bool apply_size_budget(JunitDocument& document, const SizeBudget& budget) {
    if (stored_text_size(document) <= budget.file_bytes) {
        return true;
    }
    for (JunitSuite& suite : document.suites) {
        for (JunitCase& test_case : suite.cases) {
            if (!test_case.success_output) {
                continue;
            }
            for (std::optional<base::BoundedText>* output :
                 {&test_case.system_out, &test_case.system_err}) {
                if (*output) {
                    **output = base::BoundedText{std::string(k_output_omitted), 0, {}};
                }
            }
        }
    }
    std::size_t cap = budget.field_cap;
    while (stored_text_size(document) > budget.file_bytes && cap > budget.min_field_cap) {
        cap = std::max(cap / 2, budget.min_field_cap);
        for_each_field(document,
                       [cap](base::BoundedText& text) { text = base::bound_text(text, cap); });
    }
    return stored_text_size(document) <= budget.file_bytes;
}

std::string render_junit_xml(const JunitDocument& document) {
    pugi::xml_document xml;
    pugi::xml_node declaration = xml.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";

    pugi::xml_node root = xml.append_child("testsuites");
    Counts total;
    for (const JunitSuite& suite : document.suites) {
        for (const JunitCase& test_case : suite.cases) {
            total.add(test_case);
        }
    }
    root.append_attribute("name") = document.name.c_str();
    set_count(root, "tests", total.tests);
    set_count(root, "skipped", total.skipped);
    set_count(root, "failures", total.failures);
    set_count(root, "errors", total.errors);
    root.append_attribute("uuid") = document.uuid.c_str();
    root.append_attribute("timestamp") = format_timestamp(document.timestamp).c_str();
    root.append_attribute("time") = format_seconds(document.time).c_str();

    for (const JunitSuite& suite : document.suites) {
        Counts counts;
        for (const JunitCase& test_case : suite.cases) {
            counts.add(test_case);
        }
        pugi::xml_node suite_node = root.append_child("testsuite");
        suite_node.append_attribute("name") = suite.name.c_str();
        set_count(suite_node, "tests", counts.tests);
        set_count(suite_node, "skipped", counts.skipped);
        set_count(suite_node, "errors", counts.errors);
        set_count(suite_node, "failures", counts.failures);
        suite_node.append_attribute("timestamp") = format_timestamp(suite.timestamp).c_str();
        suite_node.append_attribute("time") = format_seconds(suite.time).c_str();
        for (const JunitCase& test_case : suite.cases) {
            pugi::xml_node case_node = suite_node.append_child("testcase");
            case_node.append_attribute("name") = test_case.name.c_str();
            case_node.append_attribute("classname") = test_case.classname.c_str();
            if (test_case.timestamp) {
                case_node.append_attribute("timestamp") =
                    format_timestamp(*test_case.timestamp).c_str();
            }
            case_node.append_attribute("time") = format_seconds(test_case.time).c_str();
            if (!test_case.file.empty()) {
                case_node.append_attribute("file") = test_case.file.c_str();
                if (test_case.line > 0) {
                    case_node.append_attribute("line") = test_case.line;
                }
            }
            if (!test_case.properties.empty()) {
                pugi::xml_node properties = case_node.append_child("properties");
                for (const auto& [name, value] : test_case.properties) {
                    pugi::xml_node property = properties.append_child("property");
                    property.append_attribute("name") = name.c_str();
                    property.append_attribute("value") = value.c_str();
                }
            }
            for (const JunitElement& element : test_case.elements) {
                add_element(case_node, element);
            }
            add_output(case_node, "system-out", test_case.system_out);
            add_output(case_node, "system-err", test_case.system_err);
        }
    }

    std::string out;
    StringWriter writer(out);
    xml.save(writer, "    ", pugi::format_indent, pugi::encoding_utf8);
    return out;
}

} // namespace ptest::reporter
