"""No internal name on screen: a crawl of the Sample County demo finds no snake_case token.

The demo is built as ``svduty demo`` builds it (one year of synthetic data, every import, the
needs assessment as HTML, the web demo seeded); a user holding every role signs in and the test
follows the links of every page (menu, dashboards, records) to a bounded depth. Each page's
visible text — without ``<script>``, ``<style>`` and attribute values, but with the titles of the
charts' Vega-Lite specs, which a person reads on the chart — must hold no internal name: no
``snake_case`` token, no ``app_label.ModelName``, no "Model object (1)", no definition preset's
slug title-cased ("Police uk proxy") in place of its title. The needs-assessment HTML the demo
writes (its charts drawn as SVG text) is scanned the same way.

Allowed, because they are meant to be shown as written:

- text inside ``<code>`` (a setting, a command, an XLSX sheet name to look for);
- a file name (``police_crimes.csv``): the name the partner's file has.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from svduty.config import svduty_home

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: ``snake_case`` (not part of a file name), ``app_label.ModelName``, Django's "Model object (1)".
INTERNAL = re.compile(
    r"\b[a-z]+(?:_[a-z0-9]+)+\b(?!\.[a-z]{2,7}\b)"
    r"|\b[a-z]+\.[A-Z][A-Za-z]+\b"
    r"|\b[A-Z][A-Za-z]+ object \(\d+\)"
)
TODAY = dt.date(2025, 11, 1)
#: Links followed from the start pages (menu → list → record → its history is depth 3).
MAX_DEPTH = 4
#: Pages of one kind visited (``/actions/<pk>/`` for three actions, not for all thirty).
PER_KIND = 3
#: Not pages: downloads, the sign-out form's target, static files.
SKIP = re.compile(
    r"^/(static|media)/|^/accounts/logout/|\.(csv|pdf|xlsx|html|json|geojson|svg|png)$"
)


class VisibleText(HTMLParser):
    """The text a person reads: no script/style/code content, no attribute values."""

    HIDDEN = {"script", "style", "code"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.parts: list[str] = []
        self.links: list[str] = []
        self.specs: list[str] = []
        self._spec: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "script" and attributes.get("type") == "application/json":
            self._spec = []
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden -= 1
        if tag == "script" and self._spec is not None:
            self.specs.append("".join(self._spec))
            self._spec = None

    def handle_data(self, data):
        if self._spec is not None:
            self._spec.append(data)
        elif not self.hidden:
            self.parts.append(data)


def _titles(spec) -> list[str]:
    """Every title a Vega-Lite spec gives: the chart's, its axes' and legends', and each tooltip
    line's (a tooltip field given no title is named by the field itself). What the chart draws
    untitled, the same spec drawn to SVG in the needs-assessment HTML shows to its scan."""
    found: list[str] = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "title" and isinstance(value, str):
                found.append(value)
            elif key == "title" and isinstance(value, list):
                found += [v for v in value if isinstance(v, str)]
            elif key == "title" and isinstance(value, dict):
                found += _titles({"title": value.get("text"), "subtitle": value.get("subtitle")})
            elif key == "subtitle" and isinstance(value, str | list):
                found += _titles({"title": value})
            elif key in ("datasets", "data"):
                continue
            elif key == "encoding" and isinstance(value, dict):
                for channel, definition in value.items():
                    for field_def in definition if isinstance(definition, list) else [definition]:
                        if (
                            channel == "tooltip"
                            and isinstance(field_def, dict)
                            and "field" in field_def
                        ):
                            title = field_def.get("title", field_def["field"])
                            found += _titles({"title": title})
                        found += _titles(field_def)
            else:
                found += _titles(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _titles(value)
    return found


def read_page(html: str) -> tuple[str, list[str]]:
    """The visible text of a page (chart titles included) and its links."""
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    for spec in parser.specs:
        try:
            text += " " + " ".join(_titles(json.loads(spec)))
        except ValueError:
            continue
    return text, parser.links


def _slug_names() -> re.Pattern[str]:
    """A definition preset's name title-cased ("Police uk proxy") where its title should be."""
    from svduty.definitions import load_preset, preset_names

    names = [
        name.replace("-", " ").capitalize()
        for name in preset_names()
        if not load_preset(name).title.startswith(name.replace("-", " ").capitalize())
    ]
    return re.compile("|".join(rf"\b{re.escape(n)}\b" for n in names))


SLUG_NAMES = _slug_names()


def leaks(text: str) -> list[str]:
    """Each internal name (a snake_case token, a preset's slug) with a little text around it."""
    found = []
    for match in [*INTERNAL.finditer(text), *SLUG_NAMES.finditer(text)]:
        around = " ".join(text[max(0, match.start() - 40) : match.end() + 40].split())
        found.append(f"{match.group(0)!r} in …{around}…")
    return found


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory) -> Path:
    """What ``svduty demo`` writes (warehouse, pseudonym key, sna.html and sna.docx), one year,
    once."""
    from svduty.demo.pipeline import DEMO_DEFINITION, build_demo_warehouse
    from svduty.reports.sna import produce_sna

    home = tmp_path_factory.mktemp("demo-home")
    with svduty_home(home):
        warehouse, _ = build_demo_warehouse(home, years=1)
        produce_sna(
            DEMO_DEFINITION, home / "reports", warehouse=warehouse, formats=("html", "docx")
        )
    return home


@pytest.fixture
def everything_user(demo_home, _isolated_home):
    """The demo in this test's SVDUTY_HOME, and its administrator holding every role."""
    from svduty.web.common.roles import Role
    from svduty.web.demo import DEMO_SLUG, seed_demo
    from svduty.web.insight import sections
    from svduty.web.organisations.models import Membership, User

    shutil.copytree(demo_home, _isolated_home, dirs_exist_ok=True)
    sections.clear()
    seed_demo(TODAY)
    user = User.objects.get(username="admin")
    membership = user.memberships.get(partnership__slug=DEMO_SLUG)
    for role in Role.values:
        Membership.objects.get_or_create(
            partnership=membership.partnership,
            user=user,
            role=role,
            defaults={"organisation": membership.organisation},
        )
    return user


def crawl(client, starts: list[str]) -> tuple[dict[str, list[str]], set[str]]:
    """``{url: leaks}`` for every HTML page reachable from ``starts`` within the bounds, and the
    paths visited."""
    seen: set[str] = set()
    kinds: Counter[str] = Counter()
    queue = deque((url, 0) for url in starts)
    found: dict[str, list[str]] = {}
    while queue:
        url, depth = queue.popleft()
        path = urlsplit(url).path
        kind = re.sub(r"/\d+(?=/|$)", "/<pk>", path)
        if path in seen or SKIP.search(path) or kinds[kind] >= PER_KIND:
            continue
        seen.add(path)
        kinds[kind] += 1
        response = client.get(url, follow=True)  # /public/ redirects to the one summary
        seen.add(response.request["PATH_INFO"])
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        text, links = read_page(response.content.decode())
        if page_leaks := leaks(text):
            found[url] = page_leaks
        if depth >= MAX_DEPTH:
            continue
        for link in links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # another site, a fragment, mailto:
            queue.append((parts.path + (f"?{parts.query}" if parts.query else ""), depth + 1))
    return found, seen


def _view_name(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return ""


def test_no_page_of_the_demo_shows_an_internal_name(client, everything_user):
    client.force_login(everything_user)
    overview = reverse("partnership:overview", kwargs={"partnership": "sample-county"})
    found, seen = crawl(client, ["/", overview, "/public/"])
    assert len(seen) > 100, f"the crawl reached only {len(seen)} pages"
    views = {_view_name(path) for path in seen}
    for page in ("insight:section", "panel:referral_detail", "history", "public:summary"):
        assert page in views, f"the crawl reached no {page} page"
    # The access log again, now that it records what the crawl opened (panel.Meeting and all).
    log = reverse("panel:access_log", kwargs={"partnership": "sample-county"})
    text, _ = read_page(client.get(log).content.decode())
    assert "Meeting" in text
    if log_leaks := leaks(text):
        found[f"{log} (after the crawl)"] = log_leaks
    report = "\n".join(f"{url}:\n  " + "\n  ".join(items) for url, items in found.items())
    assert not found, f"internal names on {len(found)} pages:\n{report}"


def test_the_demo_needs_assessment_shows_no_internal_name(demo_home):
    html = (demo_home / "reports" / "sna.html").read_text(encoding="utf-8")
    text, _ = read_page(html)
    found = leaks(text)
    assert not found, f"{len(found)} internal names in sna.html:\n" + "\n".join(found)


def test_the_demo_needs_assessment_in_word_shows_no_internal_name(demo_home):
    import docx

    from svduty.reports.docx import CODE_FONT

    def prose(paragraph) -> str:  # a sheet name set as code is allowed, as <code> in HTML
        return "".join(run.text for run in paragraph.runs if run.font.name != CODE_FONT)

    document = docx.Document(demo_home / "reports" / "sna.docx")
    parts = [prose(p) for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    found = leaks("\n".join(parts))
    assert not found, f"{len(found)} internal names in sna.docx:\n" + "\n".join(found)
