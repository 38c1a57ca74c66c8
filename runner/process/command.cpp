// run_command: a small state machine (exited + both pipes closed = done) with a kill timer.
#include "runner/process/command.hpp"

#include "runner/process/pipe_reader.hpp"
#include "runner/process/process_group.hpp"

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
        if (pid > 0) {
            signal_group(pid, SIGKILL); // Nothing it started may outlive it.
        }
        if (out) {
            auto captured = out->capture().take();
            output.stdout_text = std::move(captured.text);
            output.stdout_dropped = captured.dropped_bytes;
            output.stderr_text = err->capture().take().text;
        }
        auto callback = std::move(on_done);
        on_done = nullptr;
        callback(std::move(output));
    }

    boost::asio::steady_timer timer;
    std::function<void(CommandOutput)> on_done;
    CommandOutput output;
    std::shared_ptr<PipeReader> out;
    std::shared_ptr<PipeReader> err;
    pid_t pid = -1;
    int open_pipes = 0;
    bool exited = false;
};

} // namespace

void run_command(boost::asio::io_context& io, ChildReaper& reaper, const SpawnRequest& request,
                 std::chrono::nanoseconds timeout, std::uint64_t capture_limit,
                 std::function<void(CommandOutput)> on_done) {
    auto job = std::make_shared<CommandJob>(io, std::move(on_done));
    SpawnResult spawned = spawn_process(request);
    if (!spawned.ok()) {
        job->output.exec_error = spawned.error;
        job->exited = true;
        boost::asio::post(io, [job] { job->maybe_done(); });
        return;
    }
    job->pid = spawned.child.pid;
    if (spawned.child.stdout_read.valid()) {
        job->out =
            std::make_shared<PipeReader>(io, std::move(spawned.child.stdout_read), capture_limit);
        job->err =
            std::make_shared<PipeReader>(io, std::move(spawned.child.stderr_read), capture_limit);
        job->open_pipes = 2;
        job->out->start([job] {
            --job->open_pipes;
            job->maybe_done();
        });
        job->err->start([job] {
            --job->open_pipes;
            job->maybe_done();
        });
    }
    reaper.watch(job->pid, [job](ExitStatus status) {
        job->exited = true;
        job->output.exit = status;
        // A descendant holding the pipes must not keep the command alive: give it a moment.
        if (job->open_pipes > 0) {
            job->timer.expires_after(std::chrono::milliseconds(500));
            job->timer.async_wait([job](const boost::system::error_code& ec) {
                if (!ec) {
                    signal_group(job->pid, SIGKILL);
                    if (job->out && !job->out->at_eof()) {
                        job->out->close();
                    }
                    if (job->err && !job->err->at_eof()) {
                        job->err->close();
                    }
                }
            });
        }
        job->maybe_done();
    });
    job->timer.expires_after(timeout);
    job->timer.async_wait([job](const boost::system::error_code& ec) {
        if (!ec && !job->exited) {
            job->output.timed_out = true;
            signal_group(job->pid, SIGKILL);
        }
    });
}

} // namespace ptest::runner
