// Writing and reading the archive manifest (see manifest.hpp) with toml++.
#include "runner/archive/manifest.hpp"

#include "base/error.hpp"

#include <toml++/toml.h>

#include <sstream>

namespace ptest::runner {

namespace {

toml::array string_array(const std::vector<std::string>& items) {
    toml::array array;
    for (const std::string& item : items) {
        array.push_back(item);
    }
    return array;
}

std::vector<std::string> read_strings(const toml::table& table, std::string_view key) {
    std::vector<std::string> items;
    if (const toml::array* array = table[key].as_array()) {
        for (const toml::node& item : *array) {
            if (std::optional<std::string> text = item.value<std::string>()) {
                items.push_back(*text);
            }
        }
    }
    return items;
}

} // namespace

std::string format_manifest(const ArchiveManifest& manifest) {
    toml::table table;
    table.insert("format-version", manifest.format_version);
    table.insert("ptest-version", manifest.ptest_version);
    table.insert("workspace-root", manifest.workspace_root);
    table.insert("root-is-workspace", manifest.root_is_workspace);
    table.insert("binaries", string_array(manifest.binaries));
    table.insert("libraries", string_array(manifest.libraries));
    if (manifest.history) {
        table.insert("history", *manifest.history);
    }
    if (manifest.build_dir) {
        toml::table ctest;
        ctest.insert("build-dir", *manifest.build_dir);
        ctest.insert("build-config", manifest.build_config);
        if (manifest.default_timeout_seconds) {
            ctest.insert("default-timeout", *manifest.default_timeout_seconds);
        }
        toml::table kinds;
        for (const auto& [test, kind] : manifest.declared_kinds) {
            kinds.insert(test, kind);
        }
        ctest.insert("declared-kinds", std::move(kinds));
        table.insert("ctest", std::move(ctest));
    }
    std::ostringstream out;
    out << "# A ptest archive (docs/archive.md). Paths are relative to the workspace.\n"
        << table << "\n";
    return out.str();
}

ArchiveManifest parse_manifest(std::string_view text) {
    toml::table table;
    try {
        table = toml::parse(text);
    } catch (const toml::parse_error& error) {
        throw Error(ExitCode::archive_unreadable,
                    "its manifest is not valid TOML: " + std::string(error.description()));
    }
    ArchiveManifest manifest;
    std::optional<std::int64_t> version = table["format-version"].value<std::int64_t>();
    if (!version) {
        throw Error(ExitCode::archive_unreadable, "its manifest has no `format-version`");
    }
    if (*version != k_archive_format_version) {
        throw Error(ExitCode::archive_unreadable,
                    "it is a ptest archive of format version " + std::to_string(*version) +
                        " (made by ptest " + table["ptest-version"].value_or(std::string("?")) +
                        "); this ptest reads version " + std::to_string(k_archive_format_version));
    }
    manifest.format_version = static_cast<int>(*version);
    manifest.ptest_version = table["ptest-version"].value_or(std::string());
    manifest.workspace_root = table["workspace-root"].value_or(std::string());
    if (manifest.workspace_root.empty()) {
        throw Error(ExitCode::archive_unreadable, "its manifest has no `workspace-root`");
    }
    manifest.root_is_workspace = table["root-is-workspace"].value_or(false);
    manifest.binaries = read_strings(table, "binaries");
    manifest.libraries = read_strings(table, "libraries");
    manifest.history = table["history"].value<std::string>();
    if (const toml::table* ctest = table["ctest"].as_table()) {
        manifest.build_dir = (*ctest)["build-dir"].value<std::string>();
        manifest.build_config = (*ctest)["build-config"].value_or(std::string());
        manifest.default_timeout_seconds = (*ctest)["default-timeout"].value<double>();
        if (const toml::table* kinds = (*ctest)["declared-kinds"].as_table()) {
            for (const auto& [test, kind] : *kinds) {
                manifest.declared_kinds[std::string(test.str())] = kind.value_or(std::string());
            }
        }
    }
    return manifest;
}

} // namespace ptest::runner
