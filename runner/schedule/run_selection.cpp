// The selection of `RunStarted` (see run_selection.hpp).
#include "runner/schedule/run_selection.hpp"

#include <algorithm>

namespace ptest::runner {

void add_to_selection(reporter::RunStarted& started, const TestBinary& binary) {
    auto found = std::find_if(
        started.binaries.begin(), started.binaries.end(),
        [&](const reporter::SelectedBinary& selected) { return selected.id == binary.id; });
    if (found == started.binaries.end()) {
        started.binary_ids.push_back(binary.id);
        started.binaries.push_back({binary.id, binary.kind, binary.path.string(), 0});
        found = std::prev(started.binaries.end());
    }
    ++found->tests;
}

} // namespace ptest::runner
