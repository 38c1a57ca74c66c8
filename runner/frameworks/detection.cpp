// Detection: each framework's evidence in the bytes, and the decision it supports.
#include "runner/frameworks/detection.hpp"

#include "runner/frameworks/marker_count.hpp"
#include "runner/frameworks/registry.hpp"
#include "runner/model/test_list.hpp"

#include <algorithm>
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

/// The share of `markers` whose count in `found` is not 0, in percent, and how many those are.
int share_found(std::span<const std::size_t> found_counts, int& found) {
    found = static_cast<int>(std::count_if(found_counts.begin(), found_counts.end(),
                                           [](std::size_t n) { return n > 0; }));
    return found_counts.empty() ? 0 : 100 * found / static_cast<int>(found_counts.size());
}

/// The evidence of `adapter` from the counts of its runner markers and of its symbol markers.
Evidence weigh(const FrameworkAdapter& adapter, std::span<const std::size_t> runner_counts,
               std::span<const std::size_t> symbol_counts) {
    Evidence evidence;
    evidence.adapter = &adapter;
    int runner_share = share_found(runner_counts, evidence.runners_found);
    int symbol_share = share_found(symbol_counts, evidence.symbols_found);
    evidence.weight = k_runner_weight * runner_share + symbol_share;
    // The bulk only decides between competing frameworks, and costs nothing more to know.
    std::size_t occurrences = 0;
    for (std::size_t count : symbol_counts) {
        occurrences += count;
    }
    std::size_t mentions = 2 * symbol_counts.size();
    evidence.bulk = occurrences > mentions ? occurrences - mentions : 0;
    return evidence;
}

/// The evidence of every detectable framework in `bytes`, whose markers are all counted in one
/// pass over them.
std::vector<Evidence> weigh_all(std::string_view bytes) {
    std::vector<std::string_view> markers;
    for (const FrameworkAdapter* adapter : framework_adapters()) {
        markers.insert(markers.end(), adapter->runner_markers().begin(),
                       adapter->runner_markers().end());
        markers.insert(markers.end(), adapter->symbol_markers().begin(),
                       adapter->symbol_markers().end());
    }
    const std::vector<std::size_t> counts = count_markers(bytes, markers);
    std::span<const std::size_t> rest(counts);
    std::vector<Evidence> all;
    for (const FrameworkAdapter* adapter : framework_adapters()) {
        std::size_t runners = adapter->runner_markers().size();
        std::size_t symbols = adapter->symbol_markers().size();
        all.push_back(weigh(*adapter, rest.first(runners), rest.subspan(runners, symbols)));
        rest = rest.subspan(runners + symbols);
    }
    return all;
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
    for (const Evidence& evidence : weigh_all(binary_bytes)) {
        if (evidence.weight > 0) {
            found.push_back(evidence);
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
