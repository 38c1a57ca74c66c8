// ScriptRunner: the setup sequence, health checks, the teardown sequence and the final kill (see
// script_runner.hpp).
#include "runner/services/script_runner.hpp"

#include "base/signal_names.hpp"

#include "runner/ctest/ctest_import.hpp"
#include "runner/process/environment.hpp"
#include "runner/services/script_plan.hpp"

#include <boost/asio/post.hpp>

#include <csignal>
#include <fstream>

namespace ptest::runner {

namespace {

constexpr reporter::Duration k_default_grace = std::chrono::seconds(10);

reporter::Duration grace_of(const profiles::ScriptConfig* config) {
    return config != nullptr && config->slow_timeout ? config->slow_timeout->grace_period
                                                     : k_default_grace;
}

} // namespace

ScriptRunner::ScriptRunner(const ProcessLoop& loop, reporter::EventSink& sink,
                           const profiles::ScriptsConfig& config,
                           const std::vector<PlannedTest>& tests, ScriptRunOptions options)
    : m_loop(loop), m_sink(sink), m_config(config), m_options(std::move(options)) {
    m_active = active_rules(m_config, tests, m_options.default_filter);
    m_setups = setup_order(m_config, m_active);
}

ScriptRunner::~ScriptRunner() {
    kill_leftovers();
}

void ScriptRunner::kill_leftovers() noexcept {
    for (const std::unique_ptr<ChildProcess>& group : m_groups) {
        group->signal_group(SIGKILL);
    }
}

void ScriptRunner::before_tests(std::function<void(bool ok)> done) {
    m_before_done = std::move(done);
    boost::asio::post(m_loop.io, [this] { next_setup(); });
}

void ScriptRunner::next_setup() {
    if (m_interrupts > 0) {
        finish_setup(false);
        return;
    }
    while (m_rule_pos < m_active.size()) {
        const profiles::ScriptRule& rule = m_config.rules[m_active[m_rule_pos]];
        if (m_name_pos == 0) {
            m_reached.push_back(m_active[m_rule_pos]);
        }
        while (m_name_pos < rule.setup.size()) {
            const std::string& name = rule.setup[m_name_pos++];
            if (!m_ran.contains(name)) {
                start_setup(name);
                return;
            }
        }
        ++m_rule_pos;
        m_name_pos = 0;
    }
    finish_setup(true);
}

void ScriptRunner::start_setup(const std::string& name) {
    m_ran[name]; // Started: its rule's teardown runs, and no other rule starts it again.
    const auto found = m_config.setup.find(name);
    if (found == m_config.setup.end() || found->second.command.empty()) {
        report_unstartable(profiles::ScriptKind::setup, name,
                           found == m_config.setup.end()
                               ? "no [scripts.setup." + name + "] is defined"
                               : "[scripts.setup." + name + "] has no command");
        finish_setup(false);
        return;
    }
    const profiles::ScriptConfig& config = found->second;
    const auto index = static_cast<std::uint32_t>(m_ran.size());
    const std::filesystem::path env_file =
        m_options.temp_dir / ("setup-" + std::to_string(index) + ".env");
    std::ofstream{env_file}; // Empty, so a script may append to it as nextest's scripts do.
    ScriptSpec spec;
    spec.config = &config;
    spec.request = request_for(config, config.command, env_file);
    spec.capture_limit = m_options.capture_limit;
    spec.env_file = env_file;
    m_sink.report(reporter::ScriptStarted{profiles::ScriptKind::setup, name,
                                          script_command_text(config), index,
                                          static_cast<std::uint32_t>(m_setups.size())});
    m_current =
        std::make_shared<ScriptProcess>(m_loop, std::move(spec), [this](ScriptOutcome outcome) {
            on_setup_done(std::move(outcome));
        });
    m_current->start();
}

void ScriptRunner::on_setup_done(ScriptOutcome outcome) {
    m_current.reset();
    if (outcome.group) {
        m_groups.push_back(std::move(outcome.group));
    }
    const std::string name = outcome.result.name;
    const auto index = static_cast<std::uint32_t>(m_ran.size());
    const auto total = static_cast<std::uint32_t>(m_setups.size());
    m_sink.report(reporter::ScriptFinished{outcome.result, index, total});
    if (!outcome.result.is_success()) {
        finish_setup(false);
        return;
    }
    for (const auto& [key, value] : outcome.env) {
        m_exported[key] = value;
    }
    m_ran[name] = std::move(outcome.env);
    const profiles::ScriptConfig& config = m_config.setup.at(name);
    if (!config.health || m_interrupts > 0) {
        next_setup();
        return;
    }
    const profiles::HealthCheck& check = *config.health;
    SpawnRequest probe;
    if (check.kind == profiles::HealthCheck::Kind::command && !check.argv.empty()) {
        probe = request_for(config, check.argv, {});
    }
    reporter::ScriptResult script = std::move(outcome.result);
    m_health = std::make_shared<HealthChecker>(
        m_loop, check, std::move(probe),
        [this, script = std::move(script)](HealthVerdict verdict) mutable {
            on_health_done(std::move(script), std::move(verdict));
        });
    m_health->start();
}

void ScriptRunner::on_health_done(reporter::ScriptResult script, HealthVerdict verdict) {
    const profiles::HealthCheck& check = *m_config.setup.at(script.name).health;
    reporter::ScriptHealthChecked event;
    event.name = script.name;
    event.check = describe_health_check(check);
    event.passed = verdict.passed;
    event.reason = verdict.reason;
    event.timeout = check.timeout;
    event.elapsed = verdict.elapsed;
    event.probes = verdict.probes;
    event.start_time = script.start_time +
                       std::chrono::duration_cast<reporter::WallClock::duration>(script.duration);
    event.stdout_output = std::move(script.stdout_output);
    event.stderr_output = std::move(script.stderr_output);
    // Post: the checker is still on the stack.
    boost::asio::post(m_loop.io, [this, event = std::move(event)]() mutable {
        m_health.reset();
        const bool passed = event.passed;
        m_sink.report(std::move(event));
        if (passed) {
            next_setup();
        } else {
            finish_setup(false);
        }
    });
}

void ScriptRunner::finish_setup(bool ok) {
    auto done = std::move(m_before_done);
    m_before_done = nullptr;
    if (done) {
        boost::asio::post(m_loop.io, [done = std::move(done), ok] { done(ok); });
    }
}

void ScriptRunner::after_tests(std::function<void()> done) {
    m_after_done = std::move(done);
    m_in_teardown = true;
    m_interrupts = 0;
    m_teardowns = teardown_order(m_config, m_reached);
    boost::asio::post(m_loop.io, [this] { next_teardown(); });
}

void ScriptRunner::next_teardown() {
    while (m_teardown_pos < m_teardowns.size()) {
        const std::string& name = m_teardowns[m_teardown_pos++];
        const auto found = m_config.teardown.find(name);
        if (found == m_config.teardown.end() || found->second.command.empty()) {
            report_unstartable(profiles::ScriptKind::teardown, name,
                               found == m_config.teardown.end()
                                   ? "no [scripts.teardown." + name + "] is defined"
                                   : "[scripts.teardown." + name + "] has no command");
            m_teardown_failed = true;
            continue;
        }
        const profiles::ScriptConfig& config = found->second;
        ScriptSpec spec;
        spec.config = &config;
        spec.request = request_for(config, config.command, {});
        spec.capture_limit = m_options.capture_limit;
        const auto index = static_cast<std::uint32_t>(m_teardown_pos);
        const auto total = static_cast<std::uint32_t>(m_teardowns.size());
        m_sink.report(reporter::ScriptStarted{profiles::ScriptKind::teardown, name,
                                              script_command_text(config), index, total});
        m_current = std::make_shared<ScriptProcess>(
            m_loop, std::move(spec), [this, index, total](ScriptOutcome outcome) {
                m_current.reset();
                if (outcome.group) {
                    m_groups.push_back(std::move(outcome.group));
                }
                m_teardown_failed = m_teardown_failed || !outcome.result.is_success();
                m_sink.report(reporter::ScriptFinished{std::move(outcome.result), index, total});
                next_teardown();
            });
        m_current->start();
        return;
    }
    // Every teardown ran: a service one of them did not stop goes now, never orphaned.
    kill_leftovers();
    auto done = std::move(m_after_done);
    m_after_done = nullptr;
    if (done) {
        done();
    }
}

void ScriptRunner::report_unstartable(profiles::ScriptKind kind, const std::string& name,
                                      const std::string& reason) {
    reporter::ScriptResult result;
    result.kind = kind;
    result.name = name;
    result.status = reporter::ScriptStatus::exec_fail;
    result.reason = reason;
    result.start_time = m_loop.clock.wall_now();
    m_sink.report(reporter::ScriptFinished{std::move(result), 1, 1});
}

void ScriptRunner::interrupt(int signal) {
    ++m_interrupts;
    if (m_in_teardown) {
        // The teardown must run: the first signal is ignored, a later one kills the script that
        // hangs, and the remaining teardown scripts still run.
        if (m_interrupts > 1 && m_current) {
            m_current->kill();
        }
        return;
    }
    if (m_current) {
        if (m_interrupts == 1) {
            m_current->cancel(signal, grace_of(nullptr));
        } else {
            m_current->kill();
        }
    }
    if (m_health) {
        m_health->cancel("stopped by " + base::signal_name(signal));
    }
}

std::map<std::string, std::string> ScriptRunner::test_env(const PlannedTest& test) const {
    std::map<std::string, std::string> env;
    for (std::size_t index : m_active) {
        const profiles::ScriptRule& rule = m_config.rules[index];
        if (!rule_matches(rule, test, m_options.default_filter)) {
            continue;
        }
        for (const std::string& name : rule.setup) {
            if (auto ran = m_ran.find(name); ran != m_ran.end()) {
                for (const auto& [key, value] : ran->second) {
                    env[key] = value;
                }
            }
        }
    }
    return env;
}

SpawnRequest ScriptRunner::request_for(const profiles::ScriptConfig& config,
                                       const std::vector<std::string>& argv,
                                       const std::filesystem::path& env_file) const {
    std::map<std::string, std::string> variables = m_exported;
    for (const auto& [key, value] : config.env) {
        variables[key] = value;
    }
    if (!env_file.empty()) {
        variables["PTEST_ENV"] = env_file.string();
        variables["NEXTEST_ENV"] = env_file.string();
    }
    SpawnRequest request;
    request.env = merge_environment(m_options.base_env, variables);
    request.program = resolve_program(argv.front(), m_options.workspace_root, request.env);
    request.args.assign(argv.begin() + 1, argv.end());
    request.cwd = m_options.workspace_root;
    request.capture = config.capture_stdout || config.capture_stderr;
    return request;
}

} // namespace ptest::runner
