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
    """Text shown as code, literally; safe inside a table cell.

    A backtick span, readable in Markdown printed to a terminal. Text holding `<` becomes an HTML `<code>` with
    entities instead: Python-Markdown looks for raw HTML such as `<!--` before code spans, so a span cannot keep it.
    """
    text = _CONTROL.sub(" ", str(value)).replace("\n", " ").replace("\t", " ")
    if "<" in text:
        return "<code>" + "".join(f"&#{ord(char)};" if char in _SYNTAX else char for char in text) + "</code>"
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def inline_attribute(value: object) -> str:
    """An HTML attribute value (a URL, a title) of a tag written inline in Markdown, such as in a table cell.

    Markdown's inline patterns (links, code spans, emphasis) run before it recognises the tag, so every syntax
    character is an entity here too; only `:` stays literal so URLs read as URLs in the source.
    """
    text = _CONTROL.sub(" ", str(value)).replace("\n", " ").replace("\t", " ")
    return "".join(f"&#{ord(char)};" if char in _SYNTAX and char != ":" else char for char in text)
