// Parsing and printing of script command lines (see script_command.hpp).
#include "profiles/script_command.hpp"

#include "base/error.hpp"

#include <cstdio>

namespace ptest::profiles {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Inside double quotes, a backslash escapes only these (POSIX 2.2.3).
bool escapable_in_double_quotes(char c) {
    return c == '"' || c == '\\' || c == '$' || c == '`' || c == '\n';
}

[[noreturn]] void fail_split(const std::string& reason) {
    throw Error(ExitCode::setup_error, reason);
}

// The words of an array command: every element a string.
std::vector<std::string> array_words(const toml::array& array, ParseContext& context,
                                     std::string_view path) {
    std::vector<std::string> words;
    for (std::size_t i = 0; i < array.size(); ++i) {
        words.push_back(context.expect_string(*array.get(i),
                                              std::string(path) + "[" + std::to_string(i) + "]"));
    }
    return words;
}

// The words of a string or array command, without the emptiness check.
std::vector<std::string> command_words(const toml::node& node, ParseContext& context,
                                       std::string_view path) {
    if (const auto* array = node.as_array()) {
        return array_words(*array, context, path);
    }
    const std::string text = context.expect_string(node, path);
    return context.at(node, path, [&] { return split_shell_words(text); });
}

// nextest's `{ command-line = ..., relative-to = ... }`.
std::vector<std::string> table_words(const toml::table& table, ParseContext& context,
                                     std::string_view path) {
    context.check_keys(table, path, {"command-line", "relative-to"});
    if (const toml::node* relative_to = table.get("relative-to")) {
        const std::string relative_path = join_key(path, "relative-to");
        const std::string where = context.expect_string(*relative_to, relative_path);
        if (where == "target") {
            context.fail(*relative_to, relative_path,
                         "`target` is not supported: ptest has no target directory; write the "
                         "program's path relative to the workspace root");
        }
        if (where != "none" && where != "workspace-root") {
            context.fail(*relative_to, relative_path,
                         "expected \"none\" or \"workspace-root\", found \"" + where + "\"");
        }
    }
    const toml::node* line = table.get("command-line");
    if (line == nullptr) {
        context.fail(table, path, "missing required key `command-line`");
    }
    return command_words(*line, context, join_key(path, "command-line"));
}

} // namespace

std::vector<std::string> split_shell_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (is_blank(c)) {
            if (in_word) {
                words.push_back(std::move(word));
                word.clear();
                in_word = false;
            }
            continue;
        }
        if (c == '\\') {
            if (i + 1 == text.size()) {
                fail_split("the command ends with a lone backslash");
            }
            ++i;
            if (text[i] != '\n') {
                word += text[i];
                in_word = true;
            }
            continue;
        }
        in_word = true;
        if (c == '\'') {
            const std::size_t end = text.find('\'', i + 1);
            if (end == std::string_view::npos) {
                fail_split("unterminated single quote in the command");
            }
            word.append(text.substr(i + 1, end - i - 1));
            i = end;
            continue;
        }
        if (c != '"') {
            word += c;
            continue;
        }
        for (++i;; ++i) {
            if (i >= text.size()) {
                fail_split("unterminated double quote in the command");
            }
            if (text[i] == '"') {
                break;
            }
            if (text[i] == '\\' && i + 1 < text.size() && escapable_in_double_quotes(text[i + 1])) {
                ++i;
                if (text[i] == '\n') {
                    continue;
                }
            }
            word += text[i];
        }
    }
    if (in_word) {
        words.push_back(std::move(word));
    }
    return words;
}

std::vector<std::string> parse_script_command(const toml::node& node, ParseContext& context,
                                              std::string_view path, bool allow_table) {
    std::vector<std::string> words;
    if (const auto* table = node.as_table(); table != nullptr && allow_table) {
        words = table_words(*table, context, path);
    } else if (node.is_string() || node.is_array()) {
        words = command_words(node, context, path);
    } else {
        context.fail(node, path,
                     std::string(allow_table ? "expected a string, an array of strings or a table"
                                             : "expected a string or an array of strings") +
                         ", found " + std::string(describe_type(node)));
    }
    if (words.empty() || words.front().empty()) {
        context.fail(node, path, "the command is empty: name a program to run");
    }
    return words;
}

std::string toml_quote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (static_cast<unsigned char>(c) < 0x20U || c == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned char>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + '"';
}

std::string format_command(const std::vector<std::string>& argv) {
    std::string out = "[";
    for (std::size_t i = 0; i < argv.size(); ++i) {
        out += (i == 0 ? "" : ", ") + toml_quote(argv[i]);
    }
    return out + "]";
}

} // namespace ptest::profiles
