"""What a field keeps of what was typed or pasted.

Terminal control sequences go whole. Dropping only their control characters, as
before, kept the rest: ESC [31m red became "[31mred", and a pasted window title
left "]0;title" in a reason.
"""

from __future__ import annotations

import re
import unicodedata

ZERO_WIDTH_JOINER = "\u200d"  # holds emoji sequences such as 👨‍👩‍👧 together

# ECMA-48 sequences, in both the 7-bit form (ESC and a letter) and the 8-bit one (a C1 code).
_CSI = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"  # cut off at the end: all of it
# OSC, DCS, SOS, PM, APC: a string up to BEL or ST (ESC \ or \x9c). One begun with ESC and
# never ended runs to the end of its line, no further, so it cannot swallow a whole paste.
# One begun with a lone C1 character must be ended: text misread as Latin-1 can hold
# such characters, and the words after them are the user's.
_BODY = r"[^\x07\x1b\x9c\n\r]*"
_END = r"(?:\x07|\x1b\\|\x9c)"
_STRING = rf"\x1b[\]PX^_]{_BODY}{_END}?|[\x90\x98\x9d\x9e\x9f]{_BODY}{_END}"
_SINGLE_SHIFT = r"\x1b[NO][\x20-\x7e]?"  # SS2, SS3: one character drawn from another set
_ESCAPE = r"\x1b[\x20-\x2f]*[\x30-\x7e]?"  # ESC 7, ESC c, ESC ( B ...
SEQUENCE = re.compile("|".join((_CSI, _STRING, _SINGLE_SHIFT, _ESCAPE)))
_STARTS = re.compile("[\x1b\x90\x98\x9b\x9d\x9e\x9f]")


def without_escapes(text: str) -> str:
    """`text` without the terminal control sequences in it, each removed whole."""
    return SEQUENCE.sub("", text) if _STARTS.search(text) else text


def one_line(text: str, limit: int | None = None) -> str:
    """`text` as one line: control sequences go, control characters and line breaks
    become spaces, format characters go (the joiner inside emoji stays), runs of space
    fold, ends are trimmed, and at most `limit` characters are kept."""
    out = []
    for char in without_escapes(text):
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Zl", "Zp"):
            out.append(" ")
        elif category != "Cf" or char == ZERO_WIDTH_JOINER:
            out.append(char)
    text_line = " ".join("".join(out).split())
    return text_line[:limit] if limit is not None else text_line
