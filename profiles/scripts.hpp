// Setup and teardown scripts (issue 16): the `[scripts.setup.NAME]` and `[scripts.teardown.NAME]`
// tables that define them, and the `[[profile.NAME.scripts]]` rules that attach them to the tests a
// filter selects. Setup scripts are nextest's (including its deprecated `[script.NAME]` spelling);
// teardown scripts and health checks are ptest's own. Plain data: the loader fills it, the runner
// (runner/services) runs it.
#pragma once

#include "profiles/filterset/filterset.hpp"
#include "profiles/timeouts.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ptest::profiles {

enum class ScriptKind { setup, teardown };

/// A script's `health`: how ptest knows the service a setup script started is ready. Exactly one
/// of `tcp`, `http` and `command` is written in the table.
struct HealthCheck {
    enum class Kind {
        tcp,    ///< `tcp = "HOST:PORT"`: a TCP connection is accepted.
        http,   ///< `http = "http://HOST[:PORT]/PATH"`: a GET answers with a 2xx status.
        command ///< `command = "..."` or `[argv...]`: the command exits 0.
    };
    Kind kind = Kind::tcp;
    /// For `tcp`: `HOST:PORT`; for `http`: the URL, as written.
    std::string target;
    /// For `command`: the argv (a string is split by POSIX shell word rules, not run by a shell).
    std::vector<std::string> argv;
    /// Time between two probes (`interval`, default 500ms).
    Duration interval = std::chrono::milliseconds(500);
    /// How long the service has to become healthy, from the end of the setup script (`timeout`,
    /// default 30s).
    Duration timeout = std::chrono::seconds(30);
};

/// One script definition: `[scripts.setup.NAME]` or `[scripts.teardown.NAME]`.
struct ScriptConfig {
    std::string name;
    ScriptKind kind = ScriptKind::setup;
    /// `command`: a string split by POSIX shell word rules (not run by a shell), or an argv list.
    /// A relative program is resolved against the workspace root when it contains a `/`, on PATH
    /// otherwise; the script runs in the workspace root.
    std::vector<std::string> command;
    /// `env`: extra environment variables for the script.
    std::map<std::string, std::string> env;
    /// `slow-timeout`: absent means the script is never marked slow nor terminated (as nextest).
    std::optional<SlowTimeout> slow_timeout;
    /// `leak-timeout`: how long the script's stdout/stderr may stay open after it exits. A setup
    /// script that starts a service in the background must redirect the service's output.
    LeakTimeout leak_timeout;
    /// `capture-stdout` / `capture-stderr`: false passes the stream through to ptest's own.
    bool capture_stdout = false;
    bool capture_stderr = false;
    /// `health` (setup scripts only).
    std::optional<HealthCheck> health;
    std::string origin; ///< `file:line` of the table, for `show-config` and messages.
};

/// One `[[profile.NAME.scripts]]` rule: for the selected tests `filter` matches, run `setup`
/// before them (in order) and `teardown` after the run. `setup`/`teardown` are a name or a list.
struct ScriptRule {
    std::string profile;               ///< The profile whose list it is in.
    std::string origin;                ///< `file:line` of the table.
    Filterset filter;                  ///< `filter` (an override filter); `all()` when absent.
    std::vector<std::string> setup;    ///< Names of `[scripts.setup.*]`, checked at load time.
    std::vector<std::string> teardown; ///< Names of `[scripts.teardown.*]`, checked at load time.
};

/// Everything about scripts that applies under one resolved profile.
struct ScriptsConfig {
    /// Every script the file defines, by name (setup and teardown names are separate spaces).
    std::map<std::string, ScriptConfig> setup;
    std::map<std::string, ScriptConfig> teardown;
    /// The rules of the profile, then of each profile it inherits from, `default`'s last (as for
    /// overrides).
    std::vector<ScriptRule> rules;
};

} // namespace ptest::profiles
