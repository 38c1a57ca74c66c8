// Writing a ptest archive (see archive_builder.hpp).
#include "runner/archive/archive_builder.hpp"

#include "base/error.hpp"

#include "runner/archive/archive_io.hpp"
#include "runner/archive/interrupt_flag.hpp"
#include "runner/archive/shared_libraries.hpp"

#include <glob.h>

#include <algorithm>
#include <set>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

/// `path` relative to `root`, as an archive member under `workspace/`.
std::string member_of(const fs::path& path, const fs::path& root) {
    if (!is_inside(path, root)) {
        throw Error(ExitCode::setup_error,
                    "`" + path.string() + "` is outside the workspace root `" + root.string() +
                        "`, so an archive cannot place it; run `ptest archive` with a "
                        "--workspace that holds it");
    }
    return (fs::path(k_workspace_member) / fs::absolute(path).lexically_normal().lexically_relative(
                                               fs::absolute(root).lexically_normal()))
        .generic_string();
}

/// Every regular file below `folder`, sorted.
std::vector<fs::path> files_below(const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

std::vector<fs::path> expand_includes(const fs::path& root,
                                      const std::vector<std::string>& patterns,
                                      std::vector<std::string>& warnings) {
    std::vector<fs::path> files;
    for (const std::string& pattern : patterns) {
        const std::string full = (root / pattern).string();
        glob_t matches{};
        const int status = ::glob(full.c_str(), GLOB_NOSORT, nullptr, &matches);
        std::vector<fs::path> found;
        for (std::size_t i = 0; status == 0 && i < matches.gl_pathc; ++i) {
            found.emplace_back(matches.gl_pathv[i]);
        }
        ::globfree(&matches);
        std::sort(found.begin(), found.end());
        if (found.empty()) {
            warnings.push_back("archive.include `" + pattern + "` names no file in `" +
                               root.string() + "`; nothing added for it");
        }
        for (const fs::path& path : found) {
            if (!is_inside(path, root)) {
                throw Error(ExitCode::setup_error, "archive.include `" + pattern + "` names `" +
                                                       path.string() +
                                                       "`, outside the workspace root");
            }
            std::error_code ec;
            if (fs::is_directory(path, ec)) {
                std::vector<fs::path> below = files_below(path);
                files.insert(files.end(), below.begin(), below.end());
            } else if (fs::is_regular_file(path, ec)) {
                files.push_back(path);
            }
        }
    }
    return files;
}

std::size_t write_archive(const ArchiveRequest& request, const fs::path& output) {
    ArchiveWriter writer(output);
    writer.add_text(k_manifest_member, format_manifest(request.manifest));
    if (!request.ctest_output.empty()) {
        writer.add_text(k_ctest_member, request.ctest_output);
    }
    std::set<std::string> added;
    for (const fs::path& folder : request.folders) {
        if (fs::absolute(folder).lexically_normal() ==
            fs::absolute(request.root).lexically_normal()) {
            continue; // The workspace folder itself always exists.
        }
        const std::string member = member_of(folder, request.root);
        if (added.insert(member).second) {
            writer.add_directory(member);
        }
    }
    std::size_t count = 0;
    // Ctrl-C stops between files; the writer's destructor then removes the unfinished archive.
    const InterruptFlag interrupt;
    for (const fs::path& file : request.files) {
        if (interrupt.raised()) {
            throw Error(ExitCode::archive_creation_failed,
                        "interrupted while writing the archive `" + output.string() + "`");
        }
        const std::string member = member_of(file, request.root);
        if (added.insert(member).second) {
            writer.add_file(file, member);
            ++count;
        }
    }
    writer.commit();
    return count;
}

} // namespace ptest::runner
