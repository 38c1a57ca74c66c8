// Detection of a binary's framework from its executable's bytes, without guessing. Every
// framework's markers are weighed (its runner strings strongly, its mangled symbols weakly, each
// as the share of its markers found) and how much of its code the bytes hold (how often its
// symbols occur); a binary whose evidence points clearly at one framework is that framework. A
// binary that carries several frameworks' strings (ptest's own unit tests hold GoogleTest and
// Catch2 strings as test data) leaves a candidate that its own listing must confirm, and a binary
// whose evidence cannot be confirmed safely is undecided: the user names its `kind`. Pure: the
// caller reads the bytes once and runs the confirming listing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// What a binary's bytes say about its framework.
struct FrameworkDetection {
    /// The config name of the framework the bytes point to; empty when none can be chosen (see
    /// `candidates`).
    std::string kind;
    /// The bytes carry markers of several frameworks and none is clearly ahead: `kind` (the one
    /// whose code they hold most of, and whose runner strings they hold) is taken only when the
    /// binary's listing, run with `kind`'s own listing flags, parses in `kind`'s grammar.
    bool unconfirmed = false;
    /// The config names of every framework whose markers were found, strongest evidence first.
    /// With an empty `kind`, more than one means the binary is undecided (the user must name its
    /// `kind`), none that it is no test binary.
    std::vector<std::string> candidates;
    /// The framework's major version when its adapter depends on it (see
    /// `detect_framework_version`), else 0.
    int framework_version = 0;
};

/// Weigh every detectable framework's markers in `binary_bytes` (an executable file's contents,
/// every marker counted in one pass over them) and decide: the one framework with markers; else the
/// framework ahead by both the weight of its markers and the bulk of its symbols; else,
/// unconfirmed, the one with the bulk of the symbols (or, when the bulk is even, the weight),
/// provided its runner strings are there, since only a runner's own listing flags may be tried on a
/// binary; else none.
FrameworkDetection weigh_frameworks(std::string_view binary_bytes);

/// The detection of an executable with these bytes whose framework is `configured_kind` when not
/// empty (`kind =` overrides detection: only the version is read), else `weigh_frameworks`. Sets
/// `framework_version` for the framework found.
FrameworkDetection detect_binary_bytes(std::string_view binary_bytes,
                                       std::string_view configured_kind);

/// One line for the user when `detection` cannot be used as is: a binary whose framework is
/// undecided (naming the candidates and suggesting `kind = "..."`), or whose unconfirmed
/// framework's listing failed with `problem`. `binary` names it (`` `id` (path) ``).
std::string undecided_framework_message(const FrameworkDetection& detection,
                                        const std::string& binary, const std::string& problem);

} // namespace ptest::runner
