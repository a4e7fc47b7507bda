"""Untrusted text from analysed code and ADRs never becomes markup, with `attr_list` and `md_in_html` on."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from domain_atlas.rendering.markdown_escape import inline_code, markdown_text
from tests.helpers import mkdocs_build, write_site

ATTRIBUTES = '{: autofocus onfocus="alert(1)" }'
HOSTILE_DOC = f"Orders placed by customers. {ATTRIBUTES}"


class _Attributes(HTMLParser):
    """Every attribute name on every element of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names += [(tag, name) for name, _ in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _write_hostile_service(root: Path) -> Path:
    package = root / "src" / "shop"
    (package / "domain").mkdir(parents=True)
    (package / "adapters").mkdir()
    (package / "__init__.py").write_text(f'"""{HOSTILE_DOC}"""\n', encoding="utf-8")
    (package / "domain" / "__init__.py").write_text("", encoding="utf-8")
    (package / "adapters" / "__init__.py").write_text("", encoding="utf-8")
    (package / "domain" / "events.py").write_text(
        "from dataclasses import dataclass\n\n\n"
        "class Event:\n    pass\n\n\n"
        "@dataclass(frozen=True)\n"
        f'class OrderPlaced(Event):\n    """{ATTRIBUTES}"""\n\n    order_id: str\n',
        encoding="utf-8",
    )
    (package / "domain" / "model.py").write_text(
        "from shop.domain.events import OrderPlaced\n\n\n"
        f'class Order:\n    """Aggregate root. | cell | {ATTRIBUTES}"""\n\n'
        "    def __init__(self, order_id: str) -> None:\n"
        "        self.id = order_id\n        self.events = []\n\n"
        "    def place(self) -> None:\n        self.events.append(OrderPlaced(self.id))\n",
        encoding="utf-8",
    )
    return root / "src"


def test_hostile_docstrings_and_adr_front_matter_inject_no_attributes(tmp_path: Path):
    source = _write_hostile_service(tmp_path / "service")
    adr = (
        f"---\nstatus: accepted\ndate: '{ATTRIBUTES}'\ndeciders: ['{ATTRIBUTES}']\n"
        f"supersedes: ['<img src=x onerror=alert(1)>']\n---\n# Use events {ATTRIBUTES}\n\nBody.\n"
    )
    config = write_site(
        tmp_path / "wiki",
        {"services": [{"name": "Shop", "source": str(source), "packages": ["shop"]}], "fail_on": "never"},
        pages={"index.md": "# Home\n", "adr/0001-use-events.md": adr},
    )
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["markdown_extensions"] = ["attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}]
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(config, site, strict=False)
    assert result.returncode == 0, result.stderr

    generated = sorted((site / "architecture").rglob("*.html"))
    assert len(generated) >= 8
    shown_as_text = 0
    for page in generated:
        parser = _Attributes()
        parser.feed(page.read_text(encoding="utf-8"))
        injected = [(tag, name) for tag, name in parser.names if name.startswith("on") or name == "autofocus"]
        assert injected == [], f"{page.relative_to(site)}: {injected}"
        shown_as_text += "".join(parser.text).count('onfocus="alert(1)"')
    # The hostile text is shown to the reader literally, not dropped.
    assert shown_as_text >= 3


def test_markdown_text_writes_every_syntax_character_as_an_entity():
    hostile = "- a {: .x } | `b` <i> #c [d](e) *f* _g_ \\h ~i~ ==j== ^k^ !l\r\nm"
    escaped = markdown_text(hostile)
    bare = re.sub(r"&#[0-9]+;", "", escaped)
    assert not any(char in bare for char in "{}|`<>#[]()*_\\~=^!\r\n&")
    assert escaped.startswith("&#45; a")
    assert inline_code("a`b|c\rd") == "`a'b\\|c d`"
    assert inline_code("a`b|c\rd <!--") == "<code>a&#96;b&#124;c d &#60;&#33;--</code>"
