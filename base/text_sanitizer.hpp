// Turns raw bytes captured from test processes into text any XML consumer and any terminal can
// read: lossy UTF-8 repair, terminal escape stripping, line-end normalisation, deletion of the
// characters XML 1.0 forbids (and the C1 controls), and size bounding that keeps the head and the
// tail around a `[ptest: truncated N bytes]` line. These are pure functions over strings, so the
// terminal reporter can reuse the escape stripping and the UTF-8 repair. Escaping for XML (`&`,
// `<`, ...) is not done here: pugixml does it when the document is written.
#pragma once

#include "base/captured_output.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ptest::base {

/// Per-field cap for stored output and descriptions: 256 KiB of sanitised UTF-8.
inline constexpr std::size_t k_field_cap = std::size_t{256} * 1024U;
/// Cap for a one-line `message` attribute, in bytes, including the `…` that marks a cut.
inline constexpr std::size_t k_message_cap = 512;
/// How far from a cut point a line end may lie and still be preferred as the cut.
inline constexpr std::size_t k_line_search = 1024;

/// Step 1: decodes `bytes` as UTF-8, replacing each maximal invalid subsequence (overlong forms,
/// encoded surrogates, code points above U+10FFFF, stray continuation bytes, truncated sequences)
/// with U+FFFD. The result is always valid UTF-8.
[[nodiscard]] std::string repair_utf8(std::string_view bytes);

/// Step 2: removes terminal escape sequences: CSI (`ESC [` params final), OSC (`ESC ]` … BEL or
/// `ESC \`), DCS/SOS/PM/APC (`ESC P|X|^|_` … `ESC \`) and two-byte (or nF, with intermediates)
/// `ESC x`. An unterminated OSC/DCS string loses only its introducer, so a stray `ESC ]` can
/// never swallow the rest of a test's output. A lone ESC is removed.
[[nodiscard]] std::string strip_terminal_escapes(std::string_view text);

/// Step 3: turns CRLF and lone CR into LF.
[[nodiscard]] std::string normalize_line_ends(std::string_view text);

/// Step 4: deletes U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F–U+009F, U+FFFE and
/// U+FFFF from valid UTF-8 `text`. TAB and LF are kept. Never writes character references.
[[nodiscard]] std::string remove_forbidden_chars(std::string_view text);

/// Steps 1–4 in order: raw bytes in, valid XML-safe UTF-8 out (not yet size-bounded).
[[nodiscard]] std::string sanitize_text(std::string_view raw);

/// Sanitised text that may have lost its middle: `head`, then `dropped_bytes` omitted bytes, then
/// `tail`. With `dropped_bytes == 0` the text is `head + tail`.
struct BoundedText {
    std::string head;
    std::uint64_t dropped_bytes = 0;
    std::string tail;

    /// The text as written: `head`, then (only when something was dropped) the line
    /// `[ptest: truncated N bytes]` on a line of its own, then `tail`.
    [[nodiscard]] std::string str() const;
    /// `str().size()`, without building the string.
    [[nodiscard]] std::size_t size() const;
};

/// Step 5 for text already sanitised: returns it unchanged when it fits in `cap` bytes, otherwise
/// keeps about `cap / 2` bytes from each end, cut at UTF-8 boundaries and at a line end when one
/// lies within `k_line_search` bytes. `str()` of the result is at most `cap` bytes long.
[[nodiscard]] BoundedText bound_text(std::string_view sanitized, std::size_t cap = k_field_cap);

/// Step 5 again for text that is already bounded (a smaller cap for the per-file budget): the
/// omitted byte count accumulates.
[[nodiscard]] BoundedText bound_text(const BoundedText& text, std::size_t cap);

/// Steps 1–5 for a runner capture, which may already have lost its middle
/// (`output.dropped_bytes > 0`, cut at `output.head_bytes`). The two sides are sanitised
/// separately, so a character or escape sequence split by the runner's cut is dropped rather than
/// merged; the marker reports the runner's and the sanitiser's omissions together.
[[nodiscard]] BoundedText sanitize_output(const CapturedOutput& output,
                                          std::size_t cap = k_field_cap);

/// Steps 1 and 5 only, for formats that can carry any character (JSON): the capture as valid
/// UTF-8, with escapes, control characters and CRs kept as written, bounded to `cap` as
/// `sanitize_output` bounds it.
[[nodiscard]] BoundedText repair_output(const CapturedOutput& output, std::size_t cap);

/// The one-line `message` form: steps 1–4, TAB/LF/CR as spaces, runs of spaces collapsed, ends
/// trimmed, and cut at a character boundary to at most `cap` bytes ending with `…` when too long.
[[nodiscard]] std::string one_line(std::string_view raw, std::size_t cap = k_message_cap);

} // namespace ptest::base
