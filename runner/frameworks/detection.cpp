// Detection: each framework's evidence in the bytes, and the decision it supports.
#include "runner/frameworks/detection.hpp"

#include "runner/frameworks/registry.hpp"
#include "runner/model/test_list.hpp"

#include <algorithm>
#include <cstring>
#include <span>

namespace ptest::runner {

namespace {

/// A runner string found weighs this many times a symbol (both as a share of their lists), so a
/// framework's runner strings outweigh another's symbols.
constexpr int k_runner_weight = 10;

/// How much of one framework the bytes hold.
struct Evidence {
    const FrameworkAdapter* adapter = nullptr;
    int runners_found = 0; ///< Distinct runner markers found.
    int symbols_found = 0; ///< Distinct symbol markers found.
    int weight = 0;        ///< Runner and symbol markers found, each as a share of its list.
    /// How often its symbol markers occur beyond twice each (a mention of every marker, some
    /// holding another): the bulk of its code, not a mere mention.
    std::size_t bulk = 0;
};

/// How often `marker` occurs in `bytes`, counting up to `limit` (1 asks whether it occurs).
std::size_t occurrences(std::string_view bytes, std::string_view marker, std::size_t limit) {
    if (marker.empty()) {
        return 0;
    }
    std::size_t count = 0;
    const char* from = bytes.data();
    const char* end = bytes.data() + bytes.size();
    while (count < limit) {
        // glibc's memmem scans large binaries faster than a generic search.
        const void* found =
            ::memmem(from, static_cast<std::size_t>(end - from), marker.data(), marker.size());
        if (found == nullptr) {
            break;
        }
        ++count;
        from = static_cast<const char*>(found) + marker.size();
    }
    return count;
}

/// The share of `markers` found in `bytes`, in percent, and how many were found.
int share_found(std::string_view bytes, std::span<const std::string_view> markers, int& found) {
    found = 0;
    for (std::string_view marker : markers) {
        found += occurrences(bytes, marker, 1) > 0 ? 1 : 0;
    }
    return markers.empty() ? 0 : 100 * found / static_cast<int>(markers.size());
}

Evidence weigh(const FrameworkAdapter& adapter, std::string_view bytes) {
    Evidence evidence;
    evidence.adapter = &adapter;
    int symbols_found = 0;
    int runner_share = share_found(bytes, adapter.runner_markers(), evidence.runners_found);
    int symbol_share = share_found(bytes, adapter.symbol_markers(), symbols_found);
    evidence.weight = k_runner_weight * runner_share + symbol_share;
    evidence.symbols_found = symbols_found;
    return evidence;
}

/// Count `evidence`'s bulk: only needed, and only paid for, when several frameworks compete.
void count_bulk(Evidence& evidence, std::string_view bytes) {
    if (evidence.symbols_found == 0) {
        return;
    }
    std::span<const std::string_view> markers = evidence.adapter->symbol_markers();
    for (std::string_view marker : markers) {
        evidence.bulk += occurrences(bytes, marker, bytes.size());
    }
    std::size_t mentions = 2 * markers.size();
    evidence.bulk = evidence.bulk > mentions ? evidence.bulk - mentions : 0;
}

/// The evidence strictly ahead of every other by `key`; null when the first place is shared.
template <class Key>
const Evidence* strict_leader(const std::vector<Evidence>& all, Key key) {
    const Evidence* leader = nullptr;
    bool shared = false;
    for (const Evidence& each : all) {
        if (leader == nullptr || key(each) > key(*leader)) {
            leader = &each;
            shared = false;
        } else if (key(each) == key(*leader)) {
            shared = true;
        }
    }
    return shared ? nullptr : leader;
}

std::string join_names(const std::vector<std::string>& names, std::string_view last_joint,
                       bool quoted) {
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            text += i + 1 == names.size() ? last_joint : std::string_view(", ");
        }
        text += quoted ? "\"" + names[i] + "\"" : names[i];
    }
    return text;
}

} // namespace

FrameworkDetection weigh_frameworks(std::string_view binary_bytes) {
    std::vector<Evidence> found;
    for (const FrameworkAdapter* adapter : framework_adapters()) {
        Evidence evidence = weigh(*adapter, binary_bytes);
        if (evidence.weight > 0) {
            found.push_back(evidence);
        }
    }
    if (found.size() > 1) {
        for (Evidence& each : found) {
            count_bulk(each, binary_bytes);
        }
    }
    // Strongest first: the bulk of a framework's code, then the weight of its markers.
    std::stable_sort(found.begin(), found.end(), [](const Evidence& a, const Evidence& b) {
        return a.bulk != b.bulk ? a.bulk > b.bulk : a.weight > b.weight;
    });
    FrameworkDetection detection;
    for (const Evidence& each : found) {
        detection.candidates.emplace_back(each.adapter->config_name());
    }
    if (found.empty()) {
        return detection;
    }
    const Evidence* heaviest = strict_leader(found, [](const Evidence& e) { return e.weight; });
    const Evidence* bulkiest = strict_leader(found, [](const Evidence& e) { return e.bulk; });
    const Evidence* chosen = nullptr;
    if (found.size() == 1 || (heaviest != nullptr && heaviest == bulkiest)) {
        chosen = found.data();
    } else {
        const Evidence* to_confirm = bulkiest != nullptr ? bulkiest : heaviest;
        if (to_confirm == nullptr || to_confirm->runners_found == 0) {
            return detection; // No listing may be tried: the user names the kind.
        }
        chosen = to_confirm;
        detection.unconfirmed = true;
    }
    detection.kind = std::string(chosen->adapter->config_name());
    auto position =
        std::find(detection.candidates.begin(), detection.candidates.end(), detection.kind);
    std::rotate(detection.candidates.begin(), position, position + 1);
    return detection;
}

FrameworkDetection detect_binary_bytes(std::string_view binary_bytes,
                                       std::string_view configured_kind) {
    FrameworkDetection detection;
    if (configured_kind.empty()) {
        detection = weigh_frameworks(binary_bytes);
    } else {
        detection.kind = std::string(configured_kind);
    }
    if (!detection.kind.empty()) {
        TestBinary binary;
        binary.kind = detection.kind;
        detection.framework_version = detect_framework_version(binary, binary_bytes);
    }
    return detection;
}

std::string undecided_framework_message(const FrameworkDetection& detection,
                                        const std::string& binary, const std::string& problem) {
    std::vector<std::string> shown;
    for (const std::string& candidate : detection.candidates) {
        shown.emplace_back(framework_adapter(candidate).display_name());
    }
    std::string message = "cannot tell the framework of " + binary +
                          ": it carries the markers of " + join_names(shown, " and ", false);
    if (detection.unconfirmed && !detection.kind.empty()) {
        message += ", and its " + shown.front() + " listing did not confirm it (" + problem + ")";
    } else {
        message += ", none clearly ahead";
    }
    return message + "; set its `kind` to " + join_names(detection.candidates, " or ", true);
}

} // namespace ptest::runner
