// Random identifiers in the RFC 4122 version 4 form (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`,
// lower-case hex): the run id ptest gives every run and the `uuid` of its JUnit report.
#pragma once

#include <string>
#include <string_view>

namespace ptest::base {

/// A new random version 4 UUID, lower-case. Seeded from `std::random_device` on every call.
[[nodiscard]] std::string random_uuid();

/// Whether `text` has the form `random_uuid()` produces: 36 characters, lower-case hex digits
/// with dashes at offsets 8, 13, 18 and 23.
[[nodiscard]] bool is_uuid(std::string_view text);

} // namespace ptest::base
