// Extracting an archive for a run (see extracted_archive.hpp).
#include "runner/archive/extracted_archive.hpp"

#include "base/error.hpp"

#include "runner/archive/archive_io.hpp"
#include "runner/archive/interrupt_flag.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

/// A new temporary folder under TMPDIR (or /tmp).
fs::path make_temp_folder() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/ptest-archive-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw Error(ExitCode::setup_error, "cannot create a folder to extract the archive into: " +
                                               std::string(std::strerror(errno)));
    }
    return pattern;
}

} // namespace

ExtractedArchive::ExtractedArchive(const fs::path& archive,
                                   const std::optional<fs::path>& extract_to) {
    const std::string where = "cannot extract `" + archive.string() + "`: ";
    std::error_code ec;
    if (!fs::is_regular_file(archive, ec)) {
        throw Error(ExitCode::archive_unreadable,
                    where + (fs::exists(archive, ec) ? "it is not a file" : "no such file"));
    }
    if (extract_to) {
        m_directory = fs::absolute(*extract_to).lexically_normal();
        if (fs::is_directory(m_directory, ec) && fs::is_empty(m_directory, ec)) {
            fs::remove(m_directory, ec);
        } else if (fs::exists(m_directory, ec)) {
            throw Error(ExitCode::setup_error, "--extract-to `" + extract_to->string() +
                                                   "` exists and is not an empty folder");
        }
    } else {
        m_remove = make_temp_folder();
        m_directory = m_remove / "archive";
    }
    try {
        const InterruptFlag interrupt;
        extract_archive(
            archive, m_directory,
            [&](const std::string& name, const std::string& text) {
                if (name != k_manifest_member) {
                    throw Error(ExitCode::archive_unreadable,
                                where + "it is not a ptest archive (its first member is not " +
                                    k_manifest_member + ")");
                }
                try {
                    m_manifest = parse_manifest(text);
                } catch (const Error& error) {
                    throw Error(error.code(), where + error.what());
                }
            },
            InterruptFlag::flag());
    } catch (...) {
        if (!m_remove.empty()) {
            fs::remove_all(m_remove, ec);
        }
        throw;
    }
    std::ifstream ctest(m_directory / k_ctest_member, std::ios::binary);
    if (ctest) {
        std::ostringstream text;
        text << ctest.rdbuf();
        m_ctest_output = text.str();
    }
}

ExtractedArchive::~ExtractedArchive() {
    if (!m_remove.empty()) {
        std::error_code ignored;
        fs::remove_all(m_remove, ignored);
    }
}

} // namespace ptest::runner
