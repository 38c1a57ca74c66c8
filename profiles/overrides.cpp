// Environment and command-line overrides of profile settings (see overrides.hpp): both walk
// `outside_settings()`, and `apply` walks the key table.
#include "profiles/overrides.hpp"

#include "base/error.hpp"

#include <cassert>
#include <cstdlib>

namespace ptest::profiles {

void apply(Profile& profile, const ProfileOverrides& overrides, const std::string& source) {
    for (const ProfileKey& key : profile_key_table()) {
        if (key.apply_outside != nullptr && key.apply_outside(overrides, profile)) {
            profile.sources[std::string(key.name)] = source;
        }
    }
}

GetEnv system_getenv() {
    return [](const std::string& name) -> std::optional<std::string> {
        // NOLINTNEXTLINE(concurrency-mt-unsafe): read once at start-up, before threads exist.
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) {
            return std::nullopt;
        }
        return std::string(value);
    };
}

bool parse_env_bool(std::string_view text) {
    if (text == "1" || text == "true" || text == "yes" || text == "on") {
        return true;
    }
    if (text == "0" || text == "false" || text == "no" || text == "off") {
        return false;
    }
    throw Error(ExitCode::usage, "invalid boolean `" + std::string(text) +
                                     "` (valid values: 1, true, yes, on, 0, false, no, off)");
}

ProfileOverrides read_env_overrides(const GetEnv& getenv) {
    ProfileOverrides overrides;
    for (const OutsideSetting& setting : outside_settings()) {
        if (setting.env.empty()) {
            continue;
        }
        const std::string name(setting.env);
        const std::optional<std::string> value = getenv(name);
        if (!value || value->empty()) {
            continue;
        }
        try {
            if (setting.set_switch != nullptr) {
                setting.set_switch(overrides, parse_env_bool(*value));
            } else {
                setting.set_value(overrides, *value);
            }
        } catch (const Error& error) {
            throw Error(error.code(), name + ": " + error.what());
        }
    }
    return overrides;
}

ProfileOverrides read_flag_overrides(const std::vector<FlagValue>& values) {
    const auto settings = outside_settings();
    assert(values.size() == settings.size());
    ProfileOverrides overrides;
    for (std::size_t i = 0; i < settings.size() && i < values.size(); ++i) {
        if (settings[i].set_switch != nullptr) {
            if (values[i].given) {
                settings[i].set_switch(overrides, true);
            }
        } else if (values[i].text) {
            settings[i].set_value(overrides, *values[i].text);
        }
    }
    return overrides;
}

} // namespace ptest::profiles
