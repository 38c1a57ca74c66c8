// Helpers for the Scheduler tests: a quiet profile, a run of gtest_behaviour cases on a fresh loop
// that records every event, /proc probes of a test process, and stdout/stderr redirection for
// --no-capture runs.
#pragma once

#include "../process/child_helpers.hpp"
#include "recording_sink.hpp"

#include "runner/process/environment.hpp"
#include "runner/schedule/scheduler.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace ptest::runner::test_support {

/// A profile with no fail-fast, no retries and generous timeouts, for tests to adjust.
inline profiles::Profile quiet_profile() {
    profiles::Profile profile;
    profile.fail_fast.max_fail = std::nullopt;
    return profile;
}

/// The state letter of /proc/PID/stat (`R`, `S`, `T`, `Z`, ...), or '?' when unreadable.
inline char process_state(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    std::getline(in, text);
    auto close = text.rfind(')');
    return close == std::string::npos || close + 2 >= text.size() ? '?' : text[close + 2];
}

/// True when `pid` is stopped (SIGSTOP), as a paused test should be.
inline bool is_stopped(pid_t pid) {
    return process_state(pid) == 'T';
}

/// True when the SigIgn mask of /proc/PID/status has SIGTERM set.
inline bool ignores_sigterm(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("SigIgn:", 0) == 0) {
            std::uint64_t mask = std::stoull(line.substr(7), nullptr, 16);
            return (mask & (1ULL << (SIGTERM - 1))) != 0;
        }
    }
    return false;
}

/// Points file descriptors 1 and 2 at /dev/null for its lifetime (for --no-capture children).
class RedirectedToDevNull {
public:
    RedirectedToDevNull() {
        std::fflush(nullptr);
        m_saved_out = ::dup(1);
        m_saved_err = ::dup(2);
        int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::close(null);
    }
    RedirectedToDevNull(const RedirectedToDevNull&) = delete;
    RedirectedToDevNull& operator=(const RedirectedToDevNull&) = delete;
    ~RedirectedToDevNull() {
        std::fflush(nullptr);
        ::dup2(m_saved_out, 1);
        ::dup2(m_saved_err, 2);
        ::close(m_saved_out);
        ::close(m_saved_err);
    }

private:
    int m_saved_out = -1;
    int m_saved_err = -1;
};

/// What one run emitted.
struct RunRecord {
    std::vector<reporter::Event> events;
    bool finished = false;
    bool cancelled = false;
    std::uint32_t not_run = 0;
    double seconds = 0;
};

/// Sees each event as it is emitted, and may act on the scheduler (posting to the loop acts
/// after the emitter has returned).
using React = std::function<void(Scheduler&, boost::asio::io_context&, const reporter::Event&)>;

/// Changes the settings of some planned tests before the run.
using Adjust = std::function<void(std::vector<PlannedTest>&, RunOptions&)>;

/// Run `names` of gtest_behaviour with `profile` on `threads` workers.
inline RunRecord run(const profiles::Profile& profile, const std::vector<std::string>& names,
                     int threads = 1, const React& react = {}, bool no_capture = false,
                     const Adjust& adjust = {}) {
    ScratchDir scratch;
    TestList list;
    list.binaries.push_back(gtest_behaviour(names));
    std::vector<TestRef> refs;
    for (const TestCase& test : list.binaries[0].cases) {
        refs.push_back({&list.binaries[0], &test});
    }
    std::vector<PlannedTest> planned = plan_with_profile(refs, profile, threads, threads);
    RunOptions options;
    options.profile = profile;
    options.test_threads = threads;
    options.no_capture = no_capture;
    options.run_id = "00000000-0000-4000-8000-000000000000";
    options.workspace_root = PTEST_SOURCE_DIR;
    options.temp_dir = scratch.path();
    options.base_env = clean_environment(environ);
    if (adjust) {
        adjust(planned, options);
    }

    boost::asio::io_context io;
    ChildReaper reaper(io);
    RecordingSink sink;
    Scheduler scheduler(io, reaper, sink, options, planned, {});
    RunRecord record;
    sink.on_event = [&](const reporter::Event& event) {
        if (react) {
            react(scheduler, io, event);
        }
    };
    scheduler.on_finished([&] {
        record.finished = true;
        io.stop();
    });
    auto start = std::chrono::steady_clock::now();
    scheduler.start();
    io.run_for(std::chrono::seconds(20));
    record.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    record.events = std::move(sink.events);
    record.cancelled = scheduler.cancelled();
    record.not_run = scheduler.not_run();
    return record;
}

} // namespace ptest::runner::test_support
