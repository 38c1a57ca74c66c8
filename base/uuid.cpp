// Version 4 UUIDs from 128 random bits; see uuid.hpp.
#include "base/uuid.hpp"

#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <random>

namespace ptest::base {

std::string random_uuid() {
    std::random_device device;
    // The pid makes two processes seeded in the same instant differ even where random_device is
    // a deterministic generator.
    std::mt19937_64 rng(((std::uint64_t{device()} << 32U) | device()) ^
                        static_cast<std::uint64_t>(::getpid()));
    std::uint64_t hi = rng();
    std::uint64_t lo = rng();
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL; // Version 4.
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL; // RFC 4122 variant.
    std::array<char, 37> text{};
    std::snprintf(text.data(), text.size(), "%08x-%04x-%04x-%04x-%012llx",
                  static_cast<unsigned>(hi >> 32U), static_cast<unsigned>((hi >> 16U) & 0xFFFFU),
                  static_cast<unsigned>(hi & 0xFFFFU), static_cast<unsigned>(lo >> 48U),
                  static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
    return text.data();
}

bool is_uuid(std::string_view text) {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (dash ? c != '-' : !hex) {
            return false;
        }
    }
    return true;
}

} // namespace ptest::base
