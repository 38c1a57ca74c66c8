// FakeLauncher and its scripted children. Everything a real child would report asynchronously
// (its exit, the end of its output) is posted to the loop; what the attempt asks for directly
// (`close_output`) happens at once, as it does with real pipes.
#include "fake_launcher.hpp"

#include <boost/asio/post.hpp>

#include <csignal>
#include <utility>

namespace ptest::runner::test_support {

/// The ChildProcess an attempt owns: a handle on the shared FakeChild.
class FakeChildProcess final : public ChildProcess {
public:
    explicit FakeChildProcess(std::shared_ptr<FakeChild> child) : m_child(std::move(child)) {}

    [[nodiscard]] int captured_streams() const noexcept override {
        return m_child->request.capture ? 2 : 0;
    }
    bool signal_group(int signal) noexcept override { return m_child->signal_group(signal); }
    void close_output() override { m_child->close_streams(true); }
    base::CapturedOutput take_stdout() override { return m_child->m_stdout.take(); }
    base::CapturedOutput take_stderr() override { return m_child->m_stderr.take(); }
    std::optional<std::string> take_report() override {
        // Like a real report file: written only when asked for, and empty reads as none.
        if (!m_child->request.report || !m_child->exit || m_child->script.report.empty()) {
            return std::nullopt;
        }
        return std::exchange(m_child->script.report, std::string());
    }

private:
    std::shared_ptr<FakeChild> m_child;
};

FakeChild::FakeChild(boost::asio::io_context& io, ManualClock& clock, SpawnRequest request_,
                     std::uint64_t capture_limit)
    : request(std::move(request_)), started(clock.now()), m_io(io), m_clock(clock),
      m_stdout(capture_limit), m_stderr(capture_limit) {
    // Keep the whole environment: the shared part belongs to the caller and may go first.
    if (request.base_env != nullptr) {
        request.env.insert(request.env.begin(), request.base_env->begin(), request.base_env->end());
        request.base_env = nullptr;
    }
}

std::string FakeChild::env(const std::string& name) const {
    const std::string prefix = name + "=";
    for (const std::string& entry : request.env) {
        if (entry.compare(0, prefix.size(), prefix) == 0) {
            return entry.substr(prefix.size());
        }
    }
    return {};
}

void FakeChild::start(ChildCallbacks callbacks) {
    m_callbacks = std::move(callbacks);
    running = true;
    if (request.capture) {
        m_open_streams = 2;
        m_unreported_streams = 2;
        m_stdout.append(script.stdout_text);
        m_stderr.append(script.stderr_text);
    }
    if (script.ends_after) {
        arm_end(*script.ends_after);
    }
}

void FakeChild::arm_end(base::Duration after) {
    if (!m_end_timer) {
        m_end_timer = m_clock.make_timer();
    }
    m_end_timer->expires_after(after);
    m_end_timer->async_wait([weak = weak_from_this()](bool aborted) {
        auto self = weak.lock();
        if (aborted || !self) {
            return;
        }
        self->end(self->script.dies_of ? ExitStatus{true, *self->script.dies_of}
                                       : ExitStatus{false, self->script.exit_code});
    });
}

void FakeChild::end(ExitStatus status) {
    if (!running) {
        return;
    }
    running = false;
    stopped = false;
    exit = status;
    if (m_end_timer) {
        m_end_timer->cancel();
    }
    if (script.output_held_for) {
        holder_running = true;
        m_holder_timer = m_clock.make_timer();
        m_holder_timer->expires_after(*script.output_held_for);
        m_holder_timer->async_wait([weak = weak_from_this()](bool aborted) {
            if (auto self = weak.lock(); self && !aborted) {
                self->holder_ends(true);
            }
        });
    } else {
        close_streams(false);
    }
    boost::asio::post(m_io, [self = shared_from_this()] {
        auto on_exit = std::move(self->m_callbacks.on_exit);
        self->m_callbacks.on_exit = nullptr;
        if (on_exit) {
            on_exit(*self->exit);
        }
    });
}

void FakeChild::holder_ends(bool write_late_output) {
    if (!holder_running) {
        return;
    }
    holder_running = false;
    m_holder_timer->cancel();
    if (write_late_output && m_open_streams > 0) {
        m_stdout.append(script.late_stdout);
    }
    close_streams(false);
}

void FakeChild::close_streams(bool now) {
    const int closing = m_open_streams;
    m_open_streams = 0;
    for (int i = 0; i < closing; ++i) {
        if (now) {
            report_closed();
        } else {
            boost::asio::post(m_io, [self = shared_from_this()] { self->report_closed(); });
        }
    }
}

void FakeChild::report_closed() {
    auto on_closed = m_callbacks.on_output_closed;
    if (--m_unreported_streams == 0) {
        m_callbacks.on_output_closed = nullptr; // Release the attempt it holds.
    }
    if (on_closed) {
        on_closed();
    }
}

bool FakeChild::signal_group(int signal) {
    signals.push_back(signal);
    if (!running && !holder_running) {
        return false; // The group is gone.
    }
    if (signal == SIGSTOP) {
        if (running && !stopped) {
            stopped = true;
            if (m_end_timer && script.ends_after) {
                m_left_when_stopped = m_end_timer->expiry() - m_clock.now();
                m_end_timer->cancel();
            }
        }
        return true;
    }
    if (signal == SIGCONT) {
        if (stopped) {
            stopped = false;
            if (m_end_timer && script.ends_after) {
                arm_end(m_left_when_stopped);
            }
            std::vector<int> held = std::move(m_held_signals);
            m_held_signals.clear();
            for (int pending : held) {
                end(ExitStatus{true, pending});
                holder_ends(false);
            }
        }
        return true;
    }
    if (signal != SIGKILL && script.ignored_signals.count(signal) > 0) {
        return true;
    }
    if (signal != SIGKILL && stopped) {
        m_held_signals.push_back(signal); // A stopped process acts on it once continued.
        return true;
    }
    // The signal ends the child and its descendant alike: they share the group.
    end(ExitStatus{true, signal});
    holder_ends(false);
    return true;
}

LaunchResult FakeLauncher::launch(const SpawnRequest& request, std::uint64_t capture_limit,
                                  ChildCallbacks callbacks) {
    auto child = std::make_shared<FakeChild>(m_io, m_clock, request, capture_limit);
    child->script = script(*child);
    children.push_back(child);
    if (child->script.start_error != 0) {
        return {nullptr, child->script.start_error};
    }
    child->start(std::move(callbacks));
    return {std::make_unique<FakeChildProcess>(child), 0};
}

} // namespace ptest::runner::test_support
