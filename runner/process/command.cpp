// run_command: a small state machine (exited + both pipes closed = done) with a kill timer, on
// the same PosixLauncher that starts the tests.
#include "runner/process/command.hpp"

#include "runner/process/posix_launcher.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <csignal>
#include <memory>

namespace ptest::runner {

namespace {

/// Shared state of one command until it completes.
struct CommandJob : std::enable_shared_from_this<CommandJob> {
    CommandJob(boost::asio::io_context& io, std::function<void(CommandOutput)> done)
        : timer(io), on_done(std::move(done)) {}

    void maybe_done() {
        if (!exited || open_pipes > 0 || !on_done) {
            return;
        }
        timer.cancel();
        if (child) {
            child->signal_group(SIGKILL); // Nothing it started may outlive it.
            base::CapturedOutput captured = child->take_stdout();
            output.stdout_text = std::move(captured.text);
            output.stdout_dropped = captured.dropped_bytes;
            output.stderr_text = child->take_stderr().text;
        }
        auto callback = std::move(on_done);
        on_done = nullptr;
        callback(std::move(output));
    }

    void on_exit(ExitStatus status) {
        exited = true;
        output.exit = status;
        // A descendant holding the pipes must not keep the command alive: give it a moment.
        if (open_pipes > 0) {
            timer.expires_after(std::chrono::milliseconds(500));
            timer.async_wait([job = shared_from_this()](const boost::system::error_code& ec) {
                if (!ec) {
                    job->child->signal_group(SIGKILL);
                    job->child->close_output();
                }
            });
        }
        maybe_done();
    }

    boost::asio::steady_timer timer;
    std::function<void(CommandOutput)> on_done;
    CommandOutput output;
    std::unique_ptr<ChildProcess> child; ///< Null when it could not start.
    int open_pipes = 0;
    bool exited = false;
};

} // namespace

void run_command(boost::asio::io_context& io, ChildReaper& reaper, const SpawnRequest& request,
                 std::chrono::nanoseconds timeout, std::uint64_t capture_limit,
                 std::function<void(CommandOutput)> on_done) {
    auto job = std::make_shared<CommandJob>(io, std::move(on_done));
    ChildCallbacks callbacks;
    callbacks.on_output_closed = [job] {
        --job->open_pipes;
        job->maybe_done();
    };
    callbacks.on_exit = [job](ExitStatus status) { job->on_exit(status); };
    PosixLauncher launcher(io, reaper);
    LaunchResult launched = launcher.launch(request, capture_limit, std::move(callbacks));
    if (!launched.ok()) {
        job->output.exec_error = launched.error;
        job->exited = true;
        boost::asio::post(io, [job] { job->maybe_done(); });
        return;
    }
    job->child = std::move(launched.child);
    job->open_pipes = job->child->captured_streams();
    job->timer.expires_after(timeout);
    job->timer.async_wait([job](const boost::system::error_code& ec) {
        if (!ec && !job->exited) {
            job->output.timed_out = true;
            job->child->signal_group(SIGKILL);
        }
    });
}

} // namespace ptest::runner
