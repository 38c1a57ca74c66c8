// The production ProcessLauncher: spawn_process (posix_spawn into a new process group), a
// PipeReader per captured stream and the ChildReaper for the exit, all on one io_context.
#pragma once

#include "runner/process/child_reaper.hpp"
#include "runner/process/process_launcher.hpp"

#include <boost/asio/io_context.hpp>

namespace ptest::runner {

/// Starts real test processes. `io` and `reaper` must outlive the launcher and its children.
class PosixLauncher final : public ProcessLauncher {
public:
    PosixLauncher(boost::asio::io_context& io, ChildReaper& reaper) : m_io(io), m_reaper(reaper) {}

    LaunchResult launch(const SpawnRequest& request, std::uint64_t capture_limit,
                        ChildCallbacks callbacks) override;

private:
    boost::asio::io_context& m_io;
    ChildReaper& m_reaper;
};

} // namespace ptest::runner
