// The shared text form of the history files (see tsv_text.hpp).
#include "runner/history/tsv_text.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace ptest::runner {

namespace fs = std::filesystem;

namespace {

bool is_special(char c) {
    return c == '\\' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

void append_escaped(std::string& out, std::string_view text) {
    // Names almost never need escaping: copy the runs between special characters whole.
    for (;;) {
        std::size_t special = 0;
        while (special < text.size() && !is_special(text[special])) {
            ++special;
        }
        out.append(text.substr(0, special));
        if (special == text.size()) {
            return;
        }
        switch (text[special]) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += "\\r";
            break;
        }
        text.remove_prefix(special + 1);
    }
}

bool unescape(std::string_view text, std::string& out) {
    if (text.find('\\') == std::string_view::npos) {
        out.assign(text);
        return true;
    }
    out.clear();
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i == text.size()) {
            return false;
        }
        switch (text[i]) {
        case '\\':
            out += '\\';
            break;
        case 't':
            out += '\t';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        default:
            return false;
        }
    }
    return true;
}

bool read_whole_file(const fs::path& file, std::string& content, std::string& error) {
    std::FILE* stream = std::fopen(file.c_str(), "rb");
    if (stream == nullptr) {
        error = std::strerror(errno);
        return false;
    }
    char buffer[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, stream)) > 0) {
        content.append(buffer, got);
    }
    bool ok = std::ferror(stream) == 0;
    if (!ok) {
        error = "read error";
    }
    std::fclose(stream);
    return ok;
}

} // namespace ptest::runner
