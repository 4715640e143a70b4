"""Self-contained HTML pages: one file with its styles inline, no fonts, scripts or links.

The notice is posted online and printed; the report is mailed and opened on laptops without
network. So a page must not fetch anything: styles are inline, fonts are the reader's own
(the CJK families Windows, macOS and Linux ship), pictures are inline SVG. Everything shown is
escaped, since names and reasons come from office tables and plugins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from planner.export.sheets import Cell, Formula, Sheet, shown

BASE_CSS = """
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Micro Hei", sans-serif; margin: 0 auto; max-width: 1100px; padding: 24px;
       color: #222; line-height: 1.6; }
h1 { font-size: 24px; text-align: center; margin: 8px 0 16px; }
h2 { font-size: 19px; border-bottom: 2px solid #b22; padding-bottom: 4px; margin-top: 32px; }
table { border-collapse: collapse; width: 100%; margin: 12px 0; font-size: 14px; }
th, td { border: 1px solid #888; padding: 4px 8px; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.mid { text-align: center; }
tfoot td { font-weight: bold; }
p.warning { color: #b00; font-weight: bold; }
p.closing { text-align: right; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
@page { size: A4; margin: 15mm; }
@media print { body { max-width: none; padding: 0; } h2 { break-after: avoid; } }
"""


class Markup(str):
    """Text that is HTML already (e.g. a bar drawn with a span), so `table` leaves it unescaped."""


def page(title: str, body: str, css: str = "") -> str:
    """A complete HTML document with the base styles, `css` and `body` (already HTML)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    centred: Iterable[int] = (),
    foot: Sequence[str] = (),
) -> str:
    """A table of texts, escaped unless `Markup`, with an optional closing totals row `foot`.

    `numeric` columns align right (amounts line up by digit), `centred` ones centre.
    """
    classes = {**dict.fromkeys(centred, ' class="mid"'), **dict.fromkeys(numeric, ' class="num"')}

    def line(cells: Sequence[str], tag: str = "td") -> str:
        parts = (
            f"<{tag}{classes.get(i, '') if tag == 'td' else ''}>{_html(c)}</{tag}>"
            for i, c in enumerate(cells)
        )
        return "<tr>" + "".join(parts) + "</tr>"

    body = "\n".join(line(row) for row in rows)
    tfoot = f"<tfoot>{line(foot)}</tfoot>" if foot else ""
    return (
        f"<table>\n<thead>{line(headers, 'th')}</thead>\n<tbody>\n{body}\n</tbody>\n{tfoot}</table>"
    )


def sheet_html(sheet: Sheet) -> str:
    """A `Sheet` as HTML: title, warning, notes, its table with the 合计 row, closing lines."""
    first = sheet.rows[0] if sheet.rows else ()
    numeric = [i for i, cell in enumerate(first) if cell.style == "money"]
    centred = [i for i, cell in enumerate(first) if cell.style == "center"]
    foot: list[str] = []
    if sheet.totals:
        foot = ["合计"] + [
            f"{sheet.column_total(i):,}" if i in sheet.totals else ""
            for i in range(1, len(sheet.headers))
        ]
    parts = [f"<h1>{escape(sheet.title)}</h1>"]
    if sheet.warning:
        parts.append(f'<p class="warning">{escape(sheet.warning)}</p>')
    parts += [f"<p>{escape(note)}</p>" for note in sheet.notes]
    rows = ([_text(cell) for cell in row] for row in sheet.rows)
    table_html = table(sheet.flat_headers(), rows, numeric=numeric, centred=centred, foot=foot)
    parts.append(table_html)
    parts += [f'<p class="closing">{escape(line)}</p>' for line in sheet.closing]
    return "\n".join(parts)


def _html(text: str) -> str:
    """Text escaped for HTML, unless it is `Markup` already."""
    return text if isinstance(text, Markup) else escape(text)


def _text(cell: Cell | Formula) -> str:
    """The cell as shown on a page: money with thousands separators."""
    if cell.style == "money" and isinstance(cell.value, int):
        return f"{cell.value:,}"
    return shown(cell)
