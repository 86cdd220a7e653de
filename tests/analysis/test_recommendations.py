"""Recommendations YAML: valid files load, malformed ones fail with one line naming the problem."""

import pytest

from svduty.analysis.recommendations import NONE_SUPPLIED, load_recommendations
from svduty.errors import SvdutyError


def test_none_supplied_is_a_plain_statement():
    recommendations = load_recommendations(None)
    assert recommendations.items == () and recommendations.statement == NONE_SUPPLIED


def test_valid_file(tmp_path):
    path = tmp_path / "recs.yaml"
    path.write_text(
        "- id: R1\n  text: Fund weekend youth outreach.\n  pillar: Prevent\n  owner: Council\n"
        "- id: 2\n  text: '  Share ED data monthly.  '\n  theme: Data\n",
        encoding="utf-8",
    )
    recommendations = load_recommendations(path)
    assert [r.id for r in recommendations.items] == ["R1", "2"]
    assert recommendations.items[0].pillar == "Prevent"
    assert recommendations.items[1].text == "Share ED data monthly."
    assert recommendations.items[1].owner is None
    assert recommendations.statement is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id: R1\ntext: x\n", "expected a list"),
        ("- id: R1\n", "recommendation 1, field 'text': is required"),
        ("- id: R1\n  text: x\n  colour: red\n", "field 'colour': is not a known field"),
        ("- id: R1\n  text: ''\n", "field 'text': must not be empty"),
        ("- id: R1\n  text: a\n- id: R1\n  text: b\n", "recommendation 2: id 'R1' is used twice"),
        ("- just a string\n", "recommendation 1 must be a mapping"),
        ("- id: [unclosed\n", "not valid YAML at line"),
    ],
)
def test_malformed_files_raise_one_line(tmp_path, content, message):
    path = tmp_path / "recs.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SvdutyError) as error:
        load_recommendations(path)
    text = str(error.value)
    assert message in text and str(path) in text and "\n" not in text


def test_missing_file(tmp_path):
    with pytest.raises(SvdutyError, match="recommendations file not found"):
        load_recommendations(tmp_path / "nope.yaml")
