"""Escaping untrusted text (names, docstrings, annotations, ADR front matter) for the Markdown it lands in.

Text from analysed code is hostile: it must never become Markdown syntax, raw HTML, or an `attr_list`
attribute block such as `{: onfocus=... }`. Every character that could start syntax in Python-Markdown or
a common extension is written as a numeric HTML entity, which every Markdown processor shows as the
character itself and none parses further.
"""

from __future__ import annotations

import re

# Markdown syntax, raw HTML, attribute lists ({ }), table cells (|), and pymdownx's ~ ^ = + marks.
_SYNTAX = set("\\`*_[]{}()<>#|!~^=+&\"'$:")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_LEADING_LIST = re.compile(r"^(\s*)([-+]|\d+[.)])")


def markdown_text(value: object) -> str:
    """One line of literal text for a paragraph, heading, link text or table cell."""
    text = _CONTROL.sub(" ", str(value)).replace("\n", " ").replace("\t", " ").strip()
    text = "".join(f"&#{ord(char)};" if char in _SYNTAX else char for char in text)
    # A leading `-`, `+` or `1.` would start a list when the text opens a line.
    return _LEADING_LIST.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)


def inline_code(value: object) -> str:
    """A code span holding the text literally; safe inside a table cell."""
    text = _CONTROL.sub(" ", str(value)).replace("\n", " ").replace("\t", " ")
    if "<" in text:
        # Python-Markdown looks for raw HTML (`<!--`, `<div>`) before it knows what a code span is: a `<` inside
        # backticks can open a comment that swallows the HTML blocks after it. Written as entities it cannot.
        return "<code>" + "".join(f"&#{ord(char)};" if char in _SYNTAX else char for char in text) + "</code>"
    text = text.replace("`", "'").replace("|", "\\|")
    return f"`{text}`"
