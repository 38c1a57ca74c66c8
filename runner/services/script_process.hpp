// One run of one setup or teardown script on the event loop: start it in its own process group,
// apply its slow-timeout (terminate after the last period, SIGKILL after the grace period), wait
// for its output to close (leak-timeout), then judge it and, for a setup script, read the
// variables it wrote to its env file. The process group is handed over with the result and left
// alone: a service the script started in the background keeps running until the teardown
// stops it or the run ends (ScriptRunner kills what is left).
#pragma once

#include "profiles/scripts.hpp"
#include "reporter/events.hpp"
#include "runner/process/process_launcher.hpp"
#include "runner/process/spawn.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ptest::runner {

/// Everything needed to run one script.
struct ScriptSpec {
    const profiles::ScriptConfig* config = nullptr; ///< Must outlive the process.
    SpawnRequest request;                           ///< Program, arguments, environment, cwd.
    std::uint64_t capture_limit = 4U << 20U;
    /// For a setup script: the file named by PTEST_ENV, read after it exits 0. Empty otherwise.
    std::filesystem::path env_file;
};

/// What a script left behind: its result, the variables of its env file (a setup script that
/// passed), and its process group (null when it never started).
struct ScriptOutcome {
    reporter::ScriptResult result;
    std::vector<std::pair<std::string, std::string>> env;
    std::unique_ptr<ChildProcess> group;
};

/// The lifecycle of one script. Create with `std::make_shared`, then `start()`.
class ScriptProcess : public std::enable_shared_from_this<ScriptProcess> {
public:
    /// `loop` must outlive the process; `on_done` is called once, on the loop, never from within
    /// `start()`.
    ScriptProcess(const ProcessLoop& loop, ScriptSpec spec,
                  std::function<void(ScriptOutcome)> on_done);

    /// Launch the script.
    void start();

    /// Forward `signal` to the script's group now and SIGKILL it after `grace`; the script is
    /// reported cancelled. Nothing happens once it has exited.
    void cancel(int signal, reporter::Duration grace);

    /// SIGKILL the script's group now (it is reported cancelled).
    void kill();

private:
    void arm_slow_timer();
    void on_slow_period();
    void terminate(int signal, reporter::Duration grace);
    void on_exit(ExitStatus status);
    void on_output_closed();
    void maybe_finish();
    void finish();
    /// Judge the exit (and read the env file) into `result`.
    void judge(reporter::ScriptResult& result, ScriptOutcome& outcome) const;

    ProcessLoop m_loop;
    ScriptSpec m_spec;
    std::function<void(ScriptOutcome)> m_on_done;
    std::unique_ptr<ChildProcess> m_child;
    int m_exec_error = 0;
    int m_open_pipes = 0;
    std::optional<ExitStatus> m_exit;
    bool m_timed_out = false;
    bool m_leaked = false;
    bool m_done = false;
    std::optional<int> m_cancelled_by;
    std::uint32_t m_slow_periods = 0;
    reporter::WallClock::time_point m_start_wall;
    reporter::Clock::time_point m_start;
    std::unique_ptr<LoopTimer> m_slow_timer;
    std::unique_ptr<LoopTimer> m_grace_timer;
    std::unique_ptr<LoopTimer> m_leak_timer;
};

/// The argv of `config` joined by spaces, for people.
std::string script_command_text(const profiles::ScriptConfig& config);

} // namespace ptest::runner
