// Tests that walk the table of profile keys and outside settings: every key's default parses back
// and shows in `show-config`, every environment variable and flag sets the key it names, and every
// key is applied, warned about or refused in a per-test override as the table says.
#include "config_helpers.hpp"

#include "profiles/overrides.hpp"
#include "profiles/profile_keys.hpp"
#include "profiles/show_config.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ptest::profiles;
using namespace ptest::profiles::testing;

namespace {

const Profile& defaults() {
    static const Profile profile = Config::defaults_only().resolve("default");
    return profile;
}

// A value of `key` to write in a file: its default, or a path where the default is unset.
std::string sample_value(const ProfileKey& key) {
    const std::string shown = key.show(defaults());
    if (shown != "(none)") {
        return shown;
    }
    return key.name == "global-timeout" ? "\"2h\"" : "\"out.xml\"";
}

// `key = value` as a line of `[profile.default]`, a sub-table's key as an inline table.
std::string assignment(const ProfileKey& key, const std::string& value) {
    const std::size_t dot = key.name.find('.');
    if (dot == std::string_view::npos) {
        return std::string(key.name) + " = " + value;
    }
    return std::string(key.name.substr(0, dot)) + " = { " + std::string(key.name.substr(dot + 1)) +
           " = " + value + " }";
}

// The keys whose origin in `profile` is `source`.
std::vector<std::string> keys_from(const Profile& profile, const std::string& source) {
    std::vector<std::string> keys;
    for (const auto& [key, origin] : profile.sources) {
        if (origin == source) {
            keys.push_back(key);
        }
    }
    return keys;
}

// A valid value for each outside setting that takes one, by its variable or flag.
const std::map<std::string_view, std::string> k_samples = {
    {"PTEST_RETRIES", "2"},
    {"PTEST_TEST_THREADS", "3"},
    {"PTEST_MAX_FAIL", "2:immediate"},
    {"PTEST_STATUS_LEVEL", "all"},
    {"PTEST_FINAL_STATUS_LEVEL", "all"},
    {"PTEST_FAILURE_OUTPUT", "never"},
    {"PTEST_SUCCESS_OUTPUT", "final"},
    {"PTEST_ISOLATION", "batch"},
    {"PTEST_SHOW_SLOWEST", "4"},
};

std::string sample_for(const OutsideSetting& setting) {
    const auto it = k_samples.find(setting.env.empty() ? setting.flag : setting.env);
    return it == k_samples.end() ? std::string("<no sample: add one to k_samples>") : it->second;
}

GetEnv env_of(std::string name, std::string value) {
    return [name = std::move(name),
            value = std::move(value)](const std::string& asked) -> std::optional<std::string> {
        if (asked == name) {
            return value;
        }
        return std::nullopt;
    };
}

// How many per-test settings `entry` sets.
int settings_set(const TestOverride& entry) {
    return static_cast<int>(entry.retries.has_value()) +
           static_cast<int>(entry.slow_timeout.has_value()) +
           static_cast<int>(entry.leak_timeout.has_value()) +
           static_cast<int>(entry.threads_required.has_value()) +
           static_cast<int>(entry.priority.has_value()) +
           static_cast<int>(entry.test_group.has_value()) +
           static_cast<int>(entry.env.has_value()) + static_cast<int>(entry.isolation.has_value());
}

} // namespace

TEST_SUITE("profiles::ProfileKeys") {
    TEST_CASE("the table names each key once, in the order show-config prints them") {
        std::set<std::string_view> names;
        std::string lines;
        for (const ProfileKey& key : profile_key_table()) {
            CAPTURE(key.name);
            CHECK(names.insert(key.name).second);
            CHECK(find_profile_key(key.name) == &key);
            const bool parses_override = key.parse_override != nullptr;
            CHECK(parses_override == (key.in_override == OverrideUse::applied));
            lines += std::string(key.name) + " = ";
        }
        std::string shown;
        std::istringstream text(format_profile(defaults()));
        for (std::string line; std::getline(text, line);) {
            if (line.rfind("[profile.", 0) != 0) {
                shown += line.substr(0, line.find(" = ") + 3);
            }
        }
        CHECK(shown == lines);
        CHECK(profile_keys().size() == profile_key_table().size());
    }

    TEST_CASE("every key's default, written in a file, parses back to the value show-config "
              "prints") {
        for (const ProfileKey& key : profile_key_table()) {
            CAPTURE(key.name);
            const std::string value = sample_value(key);
            const Config config =
                Config::parse("[profile.default]\n" + assignment(key, value) + "\n", "test.toml");
            CHECK(config.warnings().empty());
            const Profile profile = config.resolve("default");
            CHECK(key.show(profile) == value);
            CHECK(profile.sources.at(std::string(key.name)) == "test.toml:2");
            CHECK(keys_from(profile, "test.toml:2") ==
                  std::vector<std::string>{std::string(key.name)});
            CHECK(format_profile(profile).find("\n" + std::string(key.name) + " = " + value +
                                               " ") != std::string::npos);
        }
    }

    TEST_CASE("every environment variable sets the key it names, and only that key") {
        std::set<std::string_view> variables;
        for (const OutsideSetting& setting : outside_settings()) {
            if (setting.env.empty()) {
                continue;
            }
            CAPTURE(setting.env);
            CHECK(variables.insert(setting.env).second);
            REQUIRE(find_profile_key(setting.key) != nullptr);
            CHECK(static_cast<bool>(find_profile_key(setting.key)->apply_outside));
            const std::string value = setting.set_switch != nullptr ? "1" : sample_for(setting);
            Profile profile = defaults();
            apply(profile, read_env_overrides(env_of(std::string(setting.env), value)),
                  "environment");
            CHECK(keys_from(profile, "environment") ==
                  std::vector<std::string>{std::string(setting.key)});
            CHECK(error_of([&] {
                      (void)read_env_overrides(env_of(std::string(setting.env), "bogus!"));
                  }).rfind(std::string(setting.env) + ": ", 0) == 0);
        }
    }

    TEST_CASE("every flag sets the key it names, and only that key") {
        std::set<std::string_view> flags;
        const auto settings = outside_settings();
        for (std::size_t i = 0; i < settings.size(); ++i) {
            if (settings[i].flag.empty()) {
                continue;
            }
            CAPTURE(settings[i].flag);
            CHECK(flags.insert(settings[i].flag).second);
            CHECK(!settings[i].help.empty());
            const bool takes_value = settings[i].set_value != nullptr;
            CHECK(takes_value == (settings[i].set_switch == nullptr));
            std::vector<FlagValue> values(settings.size());
            if (settings[i].set_switch != nullptr) {
                values[i].given = true;
            } else {
                values[i].text = sample_for(settings[i]);
            }
            Profile profile = defaults();
            apply(profile, read_flag_overrides(values), "command line");
            CHECK(keys_from(profile, "command line") ==
                  std::vector<std::string>{std::string(settings[i].key)});
        }
    }

    TEST_CASE("every key with an outside setting is set by one, and no other key") {
        for (const ProfileKey& key : profile_key_table()) {
            CAPTURE(key.name);
            bool named = false;
            for (const OutsideSetting& setting : outside_settings()) {
                named = named || setting.key == key.name;
            }
            const bool applies = key.apply_outside != nullptr;
            CHECK(named == applies);
        }
    }

    TEST_CASE("an override applies, warns about or refuses each key as the table says") {
        const std::string prefix = "[[profile.default.overrides]]\nfilter = \"all()\"\n";
        const std::string at = "test.toml:3:1: warning: ";
        const std::string path = "profile.default.overrides[0].";
        for (const ProfileKey& key : profile_key_table()) {
            CAPTURE(key.name);
            const bool in_table = key.name.find('.') != std::string_view::npos;
            // An override's sub-table takes booleans only, even for a key it refuses.
            const std::string value =
                in_table && key.in_override == OverrideUse::refused ? "true" : sample_value(key);
            if (key.in_override == OverrideUse::with_platform) {
                // Beside a `filter` such a key means nothing: an error at its value.
                std::string error;
                try {
                    (void)Config::parse(prefix + assignment(key, value) + "\n", "test.toml");
                } catch (const ptest::Error& e) {
                    error = e.what();
                }
                CHECK(error.find("test.toml:3:") != std::string::npos);
                CHECK(error.find("needs `platform` and no `filter`") != std::string::npos);
                continue;
            }
            const Config config =
                Config::parse(prefix + assignment(key, value) + "\n", "test.toml");
            const Profile profile = config.resolve("default");
            REQUIRE(profile.overrides.size() == 1);
            const std::string top(key.name.substr(0, key.name.find('.')));
            switch (key.in_override) {
            case OverrideUse::applied:
                CHECK(config.warnings().empty());
                CHECK(settings_set(profile.overrides[0]) == 1);
                break;
            case OverrideUse::not_per_test:
                CHECK(config.warnings() ==
                      std::vector<std::string>{at + "`" + path + top +
                                               "` is not applied per test yet; the profile's "
                                               "value is used for every test"});
                break;
            case OverrideUse::with_platform:
                break; // Checked above.
            case OverrideUse::refused: {
                const std::string refusal = "warning: ignoring unknown configuration key `" + path +
                                            std::string(key.name) + "`";
                CHECK(std::any_of(config.warnings().begin(), config.warnings().end(),
                                  [&](const std::string& warning) {
                                      return warning.find(refusal) != std::string::npos;
                                  }));
                break;
            }
            }
            if (key.in_override != OverrideUse::applied) {
                CHECK(settings_set(profile.overrides[0]) == 0);
            }
        }
    }
}
