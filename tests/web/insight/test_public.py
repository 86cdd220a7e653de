"""The public summary: no sign-in, published scope only, and no count from 1 to 4 anywhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from svduty.reports.disclosure import mentions_small_count
from svduty.web.insight.models import PublishedSummary
from tests.web import factories as f

pytestmark = pytest.mark.django_db


class _Text(HTMLParser):
    """Every piece of text a reader (or a screen reader) meets: text nodes and attribute values."""

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label", "value") and value:
                self.pieces.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.pieces.append(" ".join(data.split()))


#: A number as written: thousands separators, decimals, a percent sign; not a clock time.
NUMBER = re.compile(r"(?<![\w.,:])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s*%)?(?![\d:])")


def is_small_count(text: str) -> bool:
    """Does ``text`` state a whole number from 1 to 4 (not a decimal, not a percentage)?"""
    for whole, decimals, percent in NUMBER.findall(text):
        if not decimals and not percent and 1 <= int(whole.replace(",", "")) <= 4:
            return True
    return False


def main_content(html: str) -> str:
    """The page's <main>: the site footer's citation of the Act (Part 2) is not data."""
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def small_counts(html: str) -> list[str]:
    parser = _Text()
    parser.feed(main_content(html))
    return [piece for piece in parser.pieces if is_small_count(piece)]


def numbers(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return [n for piece in parser.pieces for n in re.findall(r"\d[\d,.]*", piece)]


@pytest.fixture
def published(county_warehouse):
    partnership = f.PartnershipFactory(slug="sample-county", name="Sample County Partnership")
    return PublishedSummary.objects.create(
        partnership=partnership, definition_name="home-office-core", published=True
    )


def test_the_sweep_itself_catches_a_small_count():
    page = "<main><p>There were 3 homicides</p><td>4</td><td>12</td><td>2,104</td>{}</main>"
    assert small_counts(page.format("")) == ["There were 3 homicides", "4"]
    assert (
        small_counts(page.format("<p>12.5% and 2023/24 Q1, rate 3.2, 4 %, 22:00-03:00</p>"))[2:]
        == []
    )
    assert mentions_small_count("3 crimes")  # agrees with the reports' own check


@pytest.mark.parametrize("page", ["public:summary", "public:print"])
def test_public_pages_open_without_sign_in_and_show_no_count_from_1_to_4(client, published, page):
    response = client.get(reverse(page, kwargs={"slug": "sample-county"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Headlines" in html and "Home Office core" in html
    assert "[c]" in html  # small counts exist in one year of a county, and are hidden
    assert len(numbers(html)) > 40  # the sweep looked at a page full of numbers
    assert small_counts(html) == []


def test_headline_total_is_the_unsuppressed_count_when_large(client, published):
    from svduty.web.insight import public

    summary = public.build("Sample County Partnership", "home-office-core", None)
    annual = next(t for t in summary.tables if t.caption == "Serious violence by year")
    shown = [row[1] for row in annual.rows if row[1] != "[c]"]
    html = client.get(reverse("public:summary", kwargs={"slug": "sample-county"})).content.decode()
    assert shown and all(value in html for value in shown)
    assert any("serious violence crimes" in line for line in summary.headlines)


def test_core_measure_cells_are_suppressed_with_secondary_suppression(published):
    from svduty.web.insight import public

    summary = public.build("Sample County Partnership", "home-office-core", None)
    core = next(t for t in summary.tables if t.caption.startswith("Home Office core measures"))
    homicide = [row[1] for row in core.rows]
    for cell in homicide:
        assert cell == "[c]" or cell == "0" or int(cell.replace(",", "")) >= 5
    hidden = homicide.count("[c]")
    assert hidden != 1  # a column with one hidden cell would give it away by subtraction


def test_index_goes_to_the_only_published_summary(client, published):
    response = client.get(reverse("public:index"))
    assert response.status_code == 302
    assert response.url == reverse("public:summary", kwargs={"slug": "sample-county"})


def test_unpublished_summary_is_not_found(client, published):
    published.published = False
    published.save()
    assert (
        client.get(reverse("public:summary", kwargs={"slug": "sample-county"})).status_code == 404
    )
    page = client.get(reverse("public:index")).content.decode()
    assert 'id="nothing-published"' in page
