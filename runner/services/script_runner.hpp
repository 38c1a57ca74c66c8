// The setup and teardown scripts of one run, as the scheduler's run hooks (run_hooks.hpp). Before
// the tests: the setup scripts of the rules that match a selected test, one at a time in rule
// order, each once, each followed by its health check; the variables they write to their env file
// go to the tests their rules match, and to every later script. After the tests (however they
// ended, and after a failed setup): the teardown scripts of the rules the setup reached, in the
// reverse order, each once. Then whatever is left of every script's process group is killed.
#pragma once

#include "profiles/filterset/filterset.hpp"
#include "profiles/scripts.hpp"
#include "reporter/event_sink.hpp"
#include "runner/process/process_launcher.hpp"
#include "runner/schedule/planned_test.hpp"
#include "runner/schedule/run_hooks.hpp"
#include "runner/services/health_check.hpp"
#include "runner/services/script_process.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ptest::runner {

/// What scripts need from the run beyond their config.
struct ScriptRunOptions {
    std::filesystem::path workspace_root; ///< Scripts run here; relative programs resolve here.
    std::filesystem::path temp_dir;       ///< The per-run scratch directory (env files).
    std::vector<std::string> base_env;    ///< ptest's environment, cleaned, as NAME=value.
    std::uint64_t capture_limit = 4U << 20U;
    profiles::Filterset default_filter; ///< For `default()` in rule filters.
};

/// Runs one run's scripts. Single-threaded (the loop's thread); the loop, the sink and the
/// config must outlive it.
class ScriptRunner final : public RunHooks {
public:
    /// `tests` are the selected tests; a rule none of them matches runs nothing.
    ScriptRunner(const ProcessLoop& loop, reporter::EventSink& sink,
                 const profiles::ScriptsConfig& config, const std::vector<PlannedTest>& tests,
                 ScriptRunOptions options);
    /// Kills whatever is left of the scripts' process groups.
    ~ScriptRunner() override;

    void before_tests(std::function<void(bool ok)> done) override;
    [[nodiscard]] std::map<std::string, std::string>
    test_env(const PlannedTest& test) const override;
    void after_tests(std::function<void()> done) override;
    /// Before the tests: stop the running setup script (SIGKILL on a second signal) or health
    /// check; no further setup script starts. After them: the first signal is ignored (the
    /// teardown must run), a later one kills the running teardown script and the rest still run.
    void interrupt(int signal) override;

    /// True when a teardown script failed.
    [[nodiscard]] bool teardown_failed() const noexcept { return m_teardown_failed; }

    /// SIGKILL every script's process group (services a teardown did not stop).
    void kill_leftovers() noexcept;

private:
    void next_setup();
    void start_setup(const std::string& name);
    void on_setup_done(ScriptOutcome outcome);
    void on_health_done(reporter::ScriptResult script, HealthVerdict verdict);
    void finish_setup(bool ok);
    void next_teardown();
    /// Report a script that cannot even be started (no such definition, no command).
    void report_unstartable(profiles::ScriptKind kind, const std::string& name,
                            const std::string& reason);
    /// The request that starts `config`'s command (or `argv`) with the run's variables.
    [[nodiscard]] SpawnRequest request_for(const profiles::ScriptConfig& config,
                                           const std::vector<std::string>& argv,
                                           const std::filesystem::path& env_file) const;

    ProcessLoop m_loop;
    reporter::EventSink& m_sink;
    const profiles::ScriptsConfig& m_config;
    ScriptRunOptions m_options;
    std::vector<std::size_t> m_active;  ///< Rules matching a selected test, in order.
    std::vector<std::string> m_setups;  ///< Setup scripts to run, in order (for numbering).
    std::vector<std::size_t> m_reached; ///< Active rules the setup reached, in order.
    std::size_t m_rule_pos = 0;         ///< Next active rule (index into m_active).
    std::size_t m_name_pos = 0;         ///< Next setup name of that rule.
    /// Setup scripts started, with the variables each wrote (empty until it passed).
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> m_ran;
    std::map<std::string, std::string> m_exported; ///< Every variable so far: for later scripts.
    std::vector<std::string> m_teardowns;
    std::size_t m_teardown_pos = 0;
    std::vector<std::unique_ptr<ChildProcess>> m_groups; ///< Every script's process group.
    std::shared_ptr<ScriptProcess> m_current;
    std::shared_ptr<HealthChecker> m_health;
    std::function<void(bool)> m_before_done;
    std::function<void()> m_after_done;
    bool m_in_teardown = false;
    bool m_teardown_failed = false;
    int m_interrupts = 0;
};

} // namespace ptest::runner
