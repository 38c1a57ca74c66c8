// The note after the summary when cases passed only when re-run alone: it names each binary whose
// cases share files or state and shows the configuration that fixes it, in the user's profile:
//
//   note: 2 tests of `os-test` failed beside other tests and passed alone: its cases share files
//         or state. Run them one at a time with a test group (in .config/ptest.toml):
//           [test-groups.serial-os-test]
//           max-threads = 1
//           [[profile.default.overrides]]
//           filter = "binary_id(=os-test)"
//           test-group = "serial-os-test"
//         or run the binary whole, as ctest does:
//           [ctest]
//           run-whole = ["os-test"]
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ptest::reporter {

/// The test group name the note suggests for `binary_id`: `serial-` and the id, with every
/// character a group name cannot hold replaced by `-`.
std::string serial_group_name(std::string_view binary_id);

/// The note's lines for `alone_passes` (binary id -> tests of it that passed only alone), in
/// binary id order, for the profile named `profile`; empty when there are none.
std::vector<std::string> alone_hint_lines(const std::map<std::string, std::uint32_t>& alone_passes,
                                          std::string_view profile, bool color);

} // namespace ptest::reporter
