// The lister: binaries resolved on the file system, then listed as concurrent child processes.
#include "runner/list/lister.hpp"

#include "base/error.hpp"
#include "base/signal_names.hpp"

#include "runner/frameworks/registry.hpp"
#include "runner/process/bounded_capture.hpp"
#include "runner/process/command.hpp"
#include "runner/process/environment.hpp"

#include <fcntl.h>
#include <glob.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <set>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

bool has_glob_chars(const std::string& path) {
    return path.find_first_of("*?[") != std::string::npos;
}

std::string origin_of(const profiles::BinarySpec& spec) {
    if (spec.where.file.empty()) {
        return "--binary";
    }
    return spec.where.file + ":" + std::to_string(spec.where.line);
}

/// Whether `path` is a regular file this process may execute (symbolic links followed).
bool is_executable_file(const fs::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
           ::access(path.c_str(), X_OK) == 0;
}

/// The paths `spec` names: its literal path, or the executable files its glob matches. A glob
/// skips directories and files that are not executable (a build directory holds both beside its
/// test binaries), as a shell user globbing for programs expects; a literal path is kept as it
/// is, so that `check_executable` can say what is wrong with it.
std::vector<fs::path> expand(const profiles::BinarySpec& spec, const fs::path& root) {
    fs::path pattern = fs::path(spec.path).is_absolute() ? fs::path(spec.path) : root / spec.path;
    if (!has_glob_chars(spec.path)) {
        return {pattern.lexically_normal()};
    }
    glob_t matches{};
    std::vector<fs::path> paths;
    std::size_t matched = 0;
    if (::glob(pattern.c_str(), 0, nullptr, &matches) == 0) {
        matched = matches.gl_pathc;
        for (std::size_t i = 0; i < matches.gl_pathc; ++i) {
            if (is_executable_file(matches.gl_pathv[i])) {
                paths.emplace_back(matches.gl_pathv[i]);
            }
        }
    }
    ::globfree(&matches);
    if (paths.empty()) {
        throw Error(ExitCode::setup_error,
                    "binary glob `" + spec.path + "` (" + origin_of(spec) + ") matched no " +
                        (matched == 0 ? "file"
                                      : "executable file (only directories or files "
                                        "that are not executable)"));
    }
    return paths;
}

/// The framework `spec` names: its adapter's config name, or empty for `auto` or no `kind`.
/// Throws the config error a bad `kind` is (see `check_binary_kinds`).
std::string configured_kind(const profiles::BinarySpec& spec) {
    if (!spec.kind) {
        return {};
    }
    try {
        return std::string(parse_framework_kind(spec.kind->text));
    } catch (const Error& error) {
        throw profiles::value_error(*spec.kind, error.what());
    }
}

void check_executable(const fs::path& path, const std::string& origin) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        throw Error(ExitCode::setup_error, "test binary `" + path.string() + "` (" + origin +
                                               ") not found: " + std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode) || ::access(path.c_str(), X_OK) != 0) {
        throw Error(ExitCode::setup_error, "test binary `" + path.string() + "` (" + origin +
                                               ") is not an executable file");
    }
}

std::string describe_failure(const CommandOutput& out, std::chrono::nanoseconds timeout) {
    if (out.exec_error != 0) {
        return std::string("could not start it: ") + std::strerror(out.exec_error);
    }
    if (out.timed_out) {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count();
        return "listing timed out after " + std::to_string(ms / 1000) + "." +
               std::to_string((ms % 1000) / 100) + "s";
    }
    if (out.exit.signalled) {
        return "listing was killed by " + base::signal_name(out.exit.code);
    }
    return "listing exited with code " + std::to_string(out.exit.code);
}

/// Make names unique within a binary: a name listed again (doctest's TEST_CASE_TEMPLATE over
/// types without a printable name does this) becomes `name #2`, `name #3`, ... so that every case
/// has its own line in the report and its own JUnit testcase. The adapter selects such cases by
/// other means (doctest by position) or refuses them with its reason.
void disambiguate_names(std::vector<TestCase>& cases) {
    std::map<std::string, int> seen;
    for (TestCase& test : cases) {
        int occurrence = ++seen[test.name];
        if (occurrence > 1) {
            if (test.case_name.empty()) {
                test.case_name = test.name;
            }
            test.name += " #" + std::to_string(occurrence);
        }
    }
}

/// Call `visit` with the bytes of the executable file at `path` (through a read-only mapping);
/// not at all when the file cannot be read or is empty.
template <class Visit>
void visit_executable_bytes(const fs::path& path, Visit&& visit) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        auto size = static_cast<std::size_t>(st.st_size);
        void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (data != MAP_FAILED) {
            visit(std::string_view(static_cast<const char*>(data), size));
            ::munmap(data, size);
        }
    }
    ::close(fd);
}

/// One listing command to run.
struct ListJob {
    std::size_t binary = 0;
    int pass = 0;
};

/// The binary `resolved` describes, with its framework detected when not configured and no cases
/// yet; its detection goes to `detection`. Throws `ptest::Error` (test_list_creation_failed) when
/// it is no test binary or its framework is undecided.
TestBinary unlisted_binary(const ResolvedBinary& resolved, FrameworkDetection& detection) {
    detection = resolved.detection ? *resolved.detection
                                   : read_binary_framework(resolved.path, resolved.kind);
    TestBinary binary;
    binary.id = resolved.id;
    binary.path = resolved.path;
    binary.kind = detection.kind;
    if (binary.kind.empty() && detection.candidates.size() > 1) {
        throw Error(ExitCode::test_list_creation_failed,
                    undecided_framework_message(
                        detection, "`" + binary.id + "` (" + binary.path.string() + ")", {}));
    }
    if (binary.kind.empty()) {
        throw Error(ExitCode::test_list_creation_failed,
                    "`" + binary.path.string() + "` (" + resolved.origin + ") is not a " +
                        detectable_framework_names() +
                        " test binary (set `kind` if ptest guessed wrong)");
    }
    binary.framework_version = detection.framework_version;
    binary.cwd = resolved.cwd;
    binary.env = resolved.env;
    binary.env_remove = resolved.env_remove;
    binary.args = resolved.args;
    return binary;
}

/// What went wrong with listing pass `pass` of `binary`, whose command ended with `out`; empty
/// when nothing did. The parsed listing (when the command ran to its end) goes to `parsed`.
std::string listing_problem(const TestBinary& binary, int pass, const CommandOutput& out,
                            std::chrono::nanoseconds timeout, ListParseResult& parsed) {
    if (out.exec_error != 0 || out.timed_out || out.exit.signalled) {
        std::string problem = describe_failure(out, timeout);
        if (out.timed_out) {
            // Slow listings are usually a main() that does work first.
            problem += "; raise `list-timeout` in the profile";
        }
        return problem;
    }
    parsed = framework_adapter(binary).parse_list_output(pass, out.stdout_text, out.exit.code);
    if (!parsed.error) {
        return {};
    }
    std::string problem = *parsed.error;
    if (out.exit.code != 0 && problem.find("exited with code") == std::string::npos) {
        // The adapter's reason may already be the exit code; it is not said twice.
        problem += " (" + describe_failure(out, timeout) + ")";
    }
    return problem;
}

/// At most this much of each stream a failed listing printed is kept (head and tail), as much as
/// a JUnit report stores of one output.
constexpr std::uint64_t k_failure_output_limit = std::uint64_t{256} * 1024;

base::CapturedOutput bounded(const std::string& text) {
    BoundedCapture capture(k_failure_output_limit);
    capture.append(text);
    return capture.take();
}

/// The failure of a listing of `binary` that went wrong with `problem` after printing `out`:
/// with an unconfirmed framework, the listing was its confirmation, so the message names the
/// candidates.
ListingFailure listing_failure(const TestBinary& binary, const FrameworkDetection& detection,
                               const std::string& problem, const CommandOutput& out) {
    std::string named = "`" + binary.id + "` (" + binary.path.string() + ")";
    ListingFailure failure;
    failure.problem = problem;
    failure.framework_unconfirmed = detection.unconfirmed;
    failure.message = detection.unconfirmed
                          ? undecided_framework_message(detection, named, problem)
                          : "could not list the tests of " + named + ": " + problem;
    failure.stdout_output = bounded(out.stdout_text);
    failure.stderr_output = bounded(out.stderr_text);
    return failure;
}

/// Keep `took`, the time one listing pass of `binary` took, when it is its quickest so far.
void note_listing_time(TestBinary& binary, std::chrono::steady_clock::duration took) {
    const auto duration = std::chrono::duration_cast<base::Duration>(took);
    if (!binary.listing_time || duration < *binary.listing_time) {
        binary.listing_time = duration;
    }
}

/// Give `binary`, whose listing failed with `failure`, its one case standing for the cases it
/// could not list.
void mark_unlisted(TestBinary& binary, ListingFailure failure) {
    TestCase listing;
    listing.name = k_listing_case;
    binary.cases = {std::move(listing)};
    binary.listing_failure = std::move(failure);
}

} // namespace

FrameworkDetection read_binary_framework(const fs::path& path, std::string_view configured_kind) {
    FrameworkDetection detection;
    detection.kind = std::string(configured_kind);
    visit_executable_bytes(path, [&](std::string_view bytes) {
        detection = detect_binary_bytes(bytes, configured_kind);
    });
    return detection;
}

void check_binary_kinds(const std::vector<profiles::BinarySpec>& specs) {
    for (const profiles::BinarySpec& spec : specs) {
        (void)configured_kind(spec);
    }
}

std::vector<ResolvedBinary> resolve_binaries(const std::vector<profiles::BinarySpec>& specs,
                                             const fs::path& workspace_root) {
    std::vector<ResolvedBinary> resolved;
    std::map<std::string, std::size_t> by_id;
    std::set<fs::path> files; // Canonical paths seen: a file named twice is one binary.
    for (const profiles::BinarySpec& spec : specs) {
        std::string origin = origin_of(spec);
        std::vector<fs::path> paths = expand(spec, workspace_root);
        for (const fs::path& path : paths) {
            check_executable(path, origin);
            std::error_code ignored;
            fs::path canonical = fs::weakly_canonical(fs::absolute(path), ignored);
            const bool seen =
                !files.insert(canonical.empty() ? fs::absolute(path) : canonical).second;
            if (seen && spec.where.file.empty()) {
                // `--binary` naming a file a `[[binary]]` table already names (the tables come
                // first): that table's id and settings apply. Two tables may name one program
                // with different ids and arguments (`kind = "command"`): both are kept.
                continue;
            }
            ResolvedBinary binary;
            binary.path = fs::absolute(path).lexically_normal();
            binary.id = spec.id && paths.size() == 1 ? *spec.id : path.filename().string();
            binary.kind = configured_kind(spec);
            if (spec.cwd) {
                fs::path cwd(*spec.cwd);
                binary.cwd = (cwd.is_absolute() ? cwd : workspace_root / cwd).lexically_normal();
            } else {
                binary.cwd = workspace_root;
            }
            binary.env = spec.env;
            binary.args = spec.args;
            binary.origin = origin;
            auto [it, inserted] = by_id.emplace(binary.id, resolved.size());
            if (!inserted) {
                throw Error(ExitCode::setup_error, "two test binaries have the id `" + binary.id +
                                                       "`: `" + resolved[it->second].path.string() +
                                                       "` and `" + binary.path.string() +
                                                       "` (set a distinct `id`)");
            }
            resolved.push_back(std::move(binary));
        }
    }
    return resolved;
}

TestList list_tests(boost::asio::io_context& io, ChildReaper& reaper,
                    const std::vector<ResolvedBinary>& binaries,
                    const std::vector<std::string>& base_env, std::chrono::nanoseconds timeout,
                    int concurrency) {
    TestList list;
    std::deque<ListJob> queue;
    std::vector<std::vector<ListParseResult>> passes(binaries.size());
    std::vector<FrameworkDetection> detections(binaries.size());
    for (std::size_t i = 0; i < binaries.size(); ++i) {
        TestBinary binary = unlisted_binary(binaries[i], detections[i]);
        int count = framework_adapter(binary).list_pass_count();
        passes[i].resize(static_cast<std::size_t>(count));
        for (int pass = 0; pass < count; ++pass) {
            queue.push_back({i, pass});
        }
        list.binaries.push_back(std::move(binary));
    }

    // The first failed pass of each binary: its other passes are not started.
    std::vector<std::optional<ListingFailure>> failures(binaries.size());
    int running = 0;
    std::function<void()> launch = [&] {
        while (running < concurrency && !queue.empty()) {
            if (failures[queue.front().binary]) {
                queue.pop_front();
                continue;
            }
            ListJob job = queue.front();
            queue.pop_front();
            const TestBinary& binary = list.binaries[job.binary];
            SpawnRequest request;
            request.program = binary.path;
            request.args = binary.args;
            std::vector<std::string> extra = framework_adapter(binary).list_arguments(job.pass);
            request.args.insert(request.args.end(), extra.begin(), extra.end());
            request.cwd = binary.cwd;
            request.env = merge_environment(base_env, binary.env, binary.env_remove);
            ++running;
            const auto began = std::chrono::steady_clock::now();
            run_command(io, reaper, request, timeout, std::uint64_t{1} << 32U,
                        [&, job, began](const CommandOutput& out) {
                            --running;
                            TestBinary& b = list.binaries[job.binary];
                            note_listing_time(b, std::chrono::steady_clock::now() - began);
                            std::string problem = listing_problem(
                                b, job.pass, out, timeout,
                                passes[job.binary][static_cast<std::size_t>(job.pass)]);
                            if (!problem.empty() && !failures[job.binary]) {
                                failures[job.binary] =
                                    listing_failure(b, detections[job.binary], problem, out);
                            }
                            launch();
                        });
        }
    };
    launch();
    while (running > 0) {
        io.run_one();
    }
    for (std::size_t i = 0; i < list.binaries.size(); ++i) {
        TestBinary& binary = list.binaries[i];
        if (failures[i]) {
            mark_unlisted(binary, std::move(*failures[i]));
            continue;
        }
        // A plain command has no listing: its adapter gives its one case, named after its id.
        binary.cases = framework_adapter(binary).merge_list_passes(std::move(passes[i]), binary.id);
        disambiguate_names(binary.cases);
    }
    return list;
}

} // namespace ptest::runner
