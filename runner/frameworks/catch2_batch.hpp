// Catch2 batches (v2 and v3): the whole binary with no selector, an equal shard of it (v3), or
// else one argument listing every case's test spec, separated by commas; and the XML report read
// case by case. Catch2 streams its report, so a process that dies mid-batch leaves the cases it
// finished readable; the case it died in and every case after it are left to runs of their own.
// The XML reporter takes each case's std::cout and std::cerr into the report, which gives each
// case its own output; what tests print through printf stays on the console, where nothing says
// whose it is. Pure functions, tested on captured batch reports.
#pragma once

#include "runner/frameworks/adapter.hpp"
#include "runner/frameworks/catch2_report.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::runner {

/// Which listed cases batch: every selectable case whose test spec is no wildcard (no `*` at
/// either end of its name, no leading `exclude:`) and whose name, trimmed and lower-cased, no
/// other listed case shares, so that its spec selects it alone.
std::vector<bool> catch2_batchable_cases(std::span<const TestCase> listed, Catch2Major major);

/// The colour option, the selector, and the XML report with durations (`-d yes`) to
/// `report_path`, with no console reporter beside it (v3 too), so that stdout holds only what the
/// tests print. Catch2 matches every case it has against every name of a spec list, so names are
/// the last resort: when `listed` (the binary's listing, or empty: see
/// `FrameworkAdapter::batch_arguments`) shows that `batch` is every case an unfiltered run selects,
/// in listing order, there is no selector at all; when it is an equal contiguous shard of them
/// (v3), `--shard-count N --shard-index I`. Otherwise the selector is one argument with the specs
/// of as many leading cases of `batch` as fit, joined by `,` (v3 specs carry the tags, as for one
/// case).
BatchArguments catch2_batch_arguments(std::span<const TestCase> listed,
                                      std::span<const TestCase* const> batch,
                                      std::string_view report_path, Catch2Major major);

/// Read a Catch2 batch (see `FrameworkAdapter::interpret_batch`). A complete report whose exit
/// code disagrees with it attributes nothing. A truncated report (the process died or exited
/// mid-batch) attributes the cases that finished before the last one it names; the last is where
/// the process ended, and the cases it never reached are absent. A case the report names twice
/// is not attributed. Each attributed case gets the report's `StdOut`/`StdErr` as its output when
/// the console stream is empty (else nothing: printf output there has no owner), and its
/// duration.
std::vector<BatchCaseResult> interpret_catch2_batch(std::span<const TestCase* const> batch,
                                                    const std::optional<std::string>& report,
                                                    int exit_code, std::string_view stdout_text,
                                                    std::string_view stderr_text,
                                                    Catch2Major major);

} // namespace ptest::runner
