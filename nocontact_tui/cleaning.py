"""What a one-line field keeps of what was typed or pasted."""

from __future__ import annotations

import unicodedata

ZERO_WIDTH_JOINER = "\u200d"  # holds emoji sequences such as 👨‍👩‍👧 together


def one_line(text: str, limit: int | None = None) -> str:
    """`text` as one line: control characters and line breaks become spaces, format
    characters go (the joiner inside emoji stays), runs of space fold, ends are trimmed,
    and at most `limit` characters are kept."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cs", "Zl", "Zp"):
            out.append(" ")
        elif category != "Cf" or char == ZERO_WIDTH_JOINER:
            out.append(char)
    line = " ".join("".join(out).split())
    return line[:limit] if limit is not None else line
