// The shared pieces of batch support (see batch.hpp), and the adapter interface's batch defaults:
// an adapter that does not override them never batches.
#include "runner/frameworks/batch.hpp"

#include "runner/frameworks/registry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>

namespace ptest::runner {

bool batch_verdict_is_final(const BatchCaseResult& result) {
    return result.attributed && result.verdict.from_report && !result.verdict.failed &&
           result.verdict.disagreement.empty() && result.verdict.finished;
}

std::vector<bool> FrameworkAdapter::batchable_cases(std::span<const TestCase> listed) const {
    return std::vector<bool>(listed.size(), false);
}

BatchArguments FrameworkAdapter::batch_arguments(std::span<const TestCase> /*listed*/,
                                                 std::span<const TestCase* const> /*batch*/,
                                                 std::string_view /*report_path*/) const {
    return {};
}

BatchSelector FrameworkAdapter::batch_selector() const {
    return BatchSelector::names;
}

std::vector<BatchCaseResult> FrameworkAdapter::interpret_batch(
    std::span<const TestCase* const> batch, const std::optional<std::string>& /*report*/,
    int /*exit_code*/, std::string_view /*stdout_text*/, std::string_view /*stderr_text*/) const {
    return unattributed_results(batch.size(),
                                std::string(display_name()) + " test cases do not run in batches");
}

JoinedSelectors join_selectors(std::string_view prefix, std::span<const std::string> selectors,
                               char separator, std::size_t limit) {
    JoinedSelectors joined;
    joined.argument = prefix;
    for (const std::string& selector : selectors) {
        const std::size_t added = selector.size() + (joined.count > 0 ? 1 : 0);
        if (joined.count > 0 && joined.argument.size() + added > limit) {
            break;
        }
        if (joined.count > 0) {
            joined.argument += separator;
        }
        joined.argument += selector;
        ++joined.count;
    }
    return joined;
}

std::optional<UnfilteredPlace> unfiltered_place(std::span<const TestCase> listed,
                                                std::span<const TestCase* const> batch) {
    if (listed.empty() || batch.empty()) {
        return std::nullopt;
    }
    UnfilteredPlace place;
    for (const TestCase& test : listed) {
        if (test.ignored) {
            continue;
        }
        if (place.size == 0 && &test == batch.front()) {
            place.begin = place.total;
        }
        if ((place.size > 0 || &test == batch.front()) && place.size < batch.size()) {
            if (batch[place.size] != &test) {
                return std::nullopt;
            }
            ++place.size;
        }
        ++place.total;
    }
    if (place.size != batch.size()) {
        return std::nullopt;
    }
    return place;
}

EqualShard equal_shard(std::size_t total, std::size_t count, std::size_t index) {
    const std::size_t size = total / count;
    const std::size_t left = total % count;
    return {index * size + std::min(index, left), size + (index < left ? 1 : 0)};
}

std::optional<std::pair<std::size_t, std::size_t>>
find_equal_shard(std::size_t total, std::size_t begin, std::size_t size) {
    if (size == 0 || begin + size > total) {
        return std::nullopt;
    }
    // A shard of `size` cases comes from a count whose quotient total / count is size or size - 1.
    const std::size_t lowest = std::max<std::size_t>(2, total / (size + 1));
    const std::size_t highest = std::min(total, total / std::max<std::size_t>(size - 1, 1) + 1);
    for (std::size_t count = lowest; count <= highest; ++count) {
        const std::size_t quotient = total / count;
        const std::size_t left = total % count;
        const std::size_t long_part = left * (quotient + 1);
        std::size_t index = 0;
        if (begin < long_part) {
            index = begin / (quotient + 1);
        } else if (quotient > 0) {
            index = left + (begin - long_part) / quotient;
        } else {
            continue;
        }
        const EqualShard shard = equal_shard(total, count, index);
        if (index < count && shard.begin == begin && shard.size == size) {
            return std::pair{count, index};
        }
    }
    return std::nullopt;
}

BatchArguments binary_batch_arguments(const TestBinary& binary,
                                      std::span<const TestCase* const> cases,
                                      std::string_view report_path) {
    const std::span<const TestCase> listed =
        binary.args.empty() ? std::span<const TestCase>(binary.cases) : std::span<const TestCase>();
    BatchArguments batch = framework_adapter(binary).batch_arguments(listed, cases, report_path);
    std::vector<std::string> args = binary.args;
    args.insert(args.end(), std::make_move_iterator(batch.args.begin()),
                std::make_move_iterator(batch.args.end()));
    batch.args = std::move(args);
    return batch;
}

std::vector<BatchCaseResult> unattributed_results(std::size_t count, const std::string& reason) {
    std::vector<BatchCaseResult> results(count);
    for (BatchCaseResult& result : results) {
        result.unattributed_reason = reason;
    }
    return results;
}

void withdraw_passes(std::vector<BatchCaseResult>& results, const std::string& reason) {
    for (BatchCaseResult& result : results) {
        if (result.attributed && !result.verdict.failed) {
            result.attributed = false;
            result.unattributed_reason = reason;
        }
    }
}

void give_silent_output(std::vector<BatchCaseResult>& results, std::string_view stdout_text,
                        std::string_view stderr_text) {
    for (BatchCaseResult& result : results) {
        if (!result.attributed) {
            continue;
        }
        if (stdout_text.empty() && !result.stdout_text) {
            result.stdout_text.emplace();
        }
        if (stderr_text.empty() && !result.stderr_text) {
            result.stderr_text.emplace();
        }
    }
}

std::optional<std::chrono::nanoseconds> parse_seconds(std::string_view seconds) {
    if (seconds.empty()) {
        return std::nullopt;
    }
    const std::string text(seconds);
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(value) || value < 0) {
        return std::nullopt;
    }
    return std::chrono::nanoseconds(static_cast<std::int64_t>(std::llround(value * 1e9)));
}

} // namespace ptest::runner
