// PosixLauncher: a started child is its pid (which is also its process group id) and the two
// PipeReaders that drain its stdout and stderr. Output goes from each read straight into the
// reader's BoundedCapture, with no call through the ChildProcess interface per chunk.
#include "runner/process/posix_launcher.hpp"

#include "runner/process/pipe_reader.hpp"
#include "runner/process/process_group.hpp"

#include <utility>

namespace ptest::runner {

namespace {

/// A real child: signalled through its process group, its output drained by PipeReaders.
class PosixChild final : public ChildProcess {
public:
    PosixChild(pid_t pid, std::shared_ptr<PipeReader> out, std::shared_ptr<PipeReader> err,
               base::Fd report)
        : m_pid(pid), m_stdout(std::move(out)), m_stderr(std::move(err)),
          m_report(std::move(report)) {}

    [[nodiscard]] int captured_streams() const noexcept override { return m_stdout ? 2 : 0; }

    bool signal_group(int signal) noexcept override { return runner::signal_group(m_pid, signal); }
    [[nodiscard]] int pid() const noexcept override { return static_cast<int>(m_pid); }

    void close_output() override {
        if (m_stdout && !m_stdout->at_eof()) {
            m_stdout->close();
        }
        if (m_stderr && !m_stderr->at_eof()) {
            m_stderr->close();
        }
    }

    base::CapturedOutput take_stdout() override {
        return m_stdout ? m_stdout->capture().take() : base::CapturedOutput{};
    }

    base::CapturedOutput take_stderr() override {
        return m_stderr ? m_stderr->capture().take() : base::CapturedOutput{};
    }

    std::optional<std::string> take_report() override {
        std::optional<std::string> text = read_report(m_report);
        m_report.reset();
        return text;
    }

private:
    pid_t m_pid;
    std::shared_ptr<PipeReader> m_stdout; ///< Null when not capturing, as is m_stderr.
    std::shared_ptr<PipeReader> m_stderr;
    base::Fd m_report; ///< The report file; empty when started without one.
};

} // namespace

LaunchResult PosixLauncher::launch(const SpawnRequest& request, std::uint64_t capture_limit,
                                   ChildCallbacks callbacks) {
    SpawnResult spawned = spawn_process(request);
    if (!spawned.ok()) {
        return {nullptr, spawned.error};
    }
    std::shared_ptr<PipeReader> out;
    std::shared_ptr<PipeReader> err;
    if (spawned.child.stdout_read.valid()) {
        out =
            std::make_shared<PipeReader>(m_io, std::move(spawned.child.stdout_read), capture_limit);
        err =
            std::make_shared<PipeReader>(m_io, std::move(spawned.child.stderr_read), capture_limit);
        out->start(callbacks.on_output_closed);
        err->start(std::move(callbacks.on_output_closed));
    }
    m_reaper.watch(spawned.child.pid, std::move(callbacks.on_exit));
    return {std::make_unique<PosixChild>(spawned.child.pid, std::move(out), std::move(err),
                                         std::move(spawned.child.report)),
            0};
}

} // namespace ptest::runner
