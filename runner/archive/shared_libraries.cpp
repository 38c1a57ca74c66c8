// The loader's view of a binary's shared libraries (see shared_libraries.hpp).
#include "runner/archive/shared_libraries.hpp"

#include "base/error.hpp"

#include "runner/ctest/ctest_import.hpp"
#include "runner/process/command.hpp"

#include <algorithm>
#include <set>
#include <sstream>

namespace ptest::runner {

namespace fs = std::filesystem;

std::vector<LoadedLibrary> parse_ldd_output(std::string_view text) {
    std::vector<LoadedLibrary> libraries;
    std::istringstream lines{std::string(text)};
    std::string line;
    while (std::getline(lines, line)) {
        const std::size_t arrow = line.find(" => ");
        if (arrow == std::string::npos) {
            continue;
        }
        LoadedLibrary library;
        const std::size_t start = line.find_first_not_of(" \t");
        library.name = line.substr(start, arrow - start);
        std::string rest = line.substr(arrow + 4);
        if (rest.rfind("not found", 0) == 0) {
            libraries.push_back(std::move(library));
            continue;
        }
        // `/path/libx.so (0x00007f...)`: the path ends before the load address.
        const std::size_t address = rest.rfind(" (0x");
        rest = rest.substr(0, address);
        if (!rest.empty() && rest.front() == '/') {
            library.path = rest;
            libraries.push_back(std::move(library));
        }
    }
    return libraries;
}

bool is_inside(const fs::path& path, const fs::path& root) {
    const fs::path p = fs::absolute(path).lexically_normal();
    const fs::path r = fs::absolute(root).lexically_normal();
    const fs::path relative = p.lexically_relative(r);
    return !relative.empty() && *relative.begin() != "..";
}

std::vector<fs::path> workspace_libraries(boost::asio::io_context& io, ChildReaper& reaper,
                                          const std::vector<fs::path>& binaries,
                                          const fs::path& root, const std::vector<std::string>& env,
                                          std::chrono::nanoseconds timeout) {
    std::vector<fs::path> found;
    std::set<fs::path> seen;
    const fs::path ldd = resolve_program("ldd", root, env);
    for (const fs::path& binary : binaries) {
        SpawnRequest request;
        request.program = ldd;
        request.args = {binary.string()};
        request.cwd = root;
        request.env = env;
        std::optional<CommandOutput> output;
        run_command(io, reaper, request, timeout, std::uint64_t{1} << 24U,
                    [&](CommandOutput out) { output = std::move(out); });
        while (!output) {
            io.run_one();
        }
        if (output->exec_error != 0) {
            throw Error(ExitCode::archive_creation_failed,
                        "cannot run `ldd` to find the shared libraries of `" + binary.string() +
                            "`");
        }
        // A static executable or a script: ldd exits non-zero and lists nothing.
        for (const LoadedLibrary& library : parse_ldd_output(output->stdout_text)) {
            if (!library.path) {
                throw Error(ExitCode::archive_creation_failed,
                            "`" + binary.string() + "` needs the shared library `" + library.name +
                                "`, which the dynamic loader cannot find; build it, or set "
                                "LD_LIBRARY_PATH to its folder");
            }
            // The loader's path, made canonical, tells a library of the tree from a system one
            // reached through a link.
            std::error_code ignored;
            const fs::path canonical = fs::weakly_canonical(*library.path, ignored);
            const fs::path inside = is_inside(*library.path, root) ? *library.path : canonical;
            if (is_inside(inside, root) && seen.insert(inside).second) {
                found.push_back(inside.lexically_normal());
            }
        }
    }
    return found;
}

} // namespace ptest::runner
