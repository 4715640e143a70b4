"""Text from the input made harmless where it is shown: calendars, sheets, the terminal.

Names, addresses and reasons come from spreadsheets and YAML that many hands edit, and from
plugins. A control character in them breaks a calendar (strict readers reject a vertical tab
or a NUL), rewrites the terminal (an ANSI escape), or hides text (bidirectional overrides); a
text cell starting with `=` is a formula to Excel and WPS, which can send a row's bank card
number away in one click. Every writer passes input text through here on its way out.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")


def printable(text: str, *, lines: bool = False) -> str:
    """`text` without control characters; with `lines`, line breaks are kept as `\\n`.

    Tabs and line breaks (where not kept) become spaces, so words stay apart; every other
    control character (C0, DEL, C1, bidirectional overrides) is removed.
    """
    if lines:
        text = _LINE_BREAKS.sub("\n", text)
    out = []
    for char in text:
        if char == "\n" and lines:
            out.append(char)
        elif char in "\t\n\r\u2028\u2029\x85":
            out.append(" ")
        elif char in _BIDI_CONTROLS or unicodedata.category(char) == "Cc":
            continue
        else:
            out.append(char)
    return "".join(out)


def sheet_text(text: str) -> str:
    """A text cell for CSV or XLSX: control characters removed, formulas neutralised.

    As OWASP's CSV-injection guidance says, a cell that starts with `=`, `+`, `-`, `@`, tab or
    carriage return gets a leading apostrophe, so that no spreadsheet takes it for a formula.
    Only text cells pass here: numbers are written as numbers and stay numbers.
    """
    cleaned = printable(text, lines=True)
    if text.startswith(_FORMULA_STARTS) or cleaned.startswith(_FORMULA_STARTS):
        return "'" + cleaned
    return cleaned


def masked(text: str) -> str:
    """A hint of a cell that may be personal data: its first and last character (`5…X`).

    For messages about the households table, which show no cell as it is: a column swapped
    by mistake puts ID numbers where places or categories belong.
    """
    return f"{text[0]}…{text[-1]}" if len(text) >= 4 else "…"
