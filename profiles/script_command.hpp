// A script's command line as the configuration writes it: a string split into words by POSIX shell
// rules (quotes and backslashes, no expansion and no shell), a list of words, or nextest's table
// `{ command-line = ..., relative-to = ... }`. Used by `[scripts.*.NAME]` and by `health.command`.
#pragma once

#include "profiles/parse_context.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ptest::profiles {

/// Split `text` into words as a POSIX shell does, without expanding anything: blanks separate
/// words; inside single quotes every character is literal; inside double quotes a backslash escapes
/// only `"`, `\`, `$`, a backquote and a newline; outside quotes a backslash escapes any character
/// (and a backslash before a newline joins the lines). Quotes join with the text around them
/// (`a'b c'` is one word). Throws `ptest::Error` (`ExitCode::setup_error`) on an unterminated quote
/// or a trailing backslash.
std::vector<std::string> split_shell_words(std::string_view text);

/// Parse the command `node` at key path `path`: a string (split by `split_shell_words`), an array
/// of strings, or, when `allow_table`, nextest's `{ command-line = string | array, relative-to =
/// "none" | "workspace-root" }` (both mean the program is found as ptest always finds it;
/// `"target"` is an error, ptest has no target directory). Throws a positioned setup error on a
/// wrong type, a bad string, or a command with no words.
std::vector<std::string> parse_script_command(const toml::node& node, ParseContext& context,
                                              std::string_view path, bool allow_table);

/// `argv` as a TOML array of basic strings: `["pg_ctl", "-D", "/tmp/x"]`.
std::string format_command(const std::vector<std::string>& argv);

/// `text` as a TOML basic string, with quotes, backslashes and control characters escaped.
std::string toml_quote(std::string_view text);

} // namespace ptest::profiles
