"""Every preset classifies the hand-built crimes file exactly as ``expected.csv`` says.

``crimes.csv`` holds 54 crimes chosen for the edge cases: the merged homicide code, lower-case and
zero-padded spellings, missing ages, unknown flags, public space vs dwelling vs an ``unknown``
location (never empty: ``classify_csv`` refuses an empty location type), domestic abuse in or
out per preset, a knife-enabled robbery (both ``robbery`` and ``knife_enabled``), police.uk rows.
``expected.csv`` gives, per crime and preset, the tags worked out by hand from the preset wording.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from svduty.definitions import CATEGORIES, classify, classify_csv, load_definition, preset_names

HERE = Path(__file__).parent
CRIMES = HERE / "crimes.csv"
EXPECTED = HERE / "expected.csv"


def _expected() -> dict[str, dict[str, str]]:
    with EXPECTED.open(encoding="utf-8", newline="") as handle:
        return {row["crime_ref"]: row for row in csv.DictReader(handle)}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_fixture_covers_every_preset_and_at_least_40_crimes():
    expected = _expected()
    assert len(expected) >= 40
    assert set(next(iter(expected.values()))) - {"crime_ref"} == set(preset_names())
    assert [row["crime_ref"] for row in _read(CRIMES)] == list(expected)


@pytest.mark.parametrize("preset", preset_names())
def test_csv_classification_matches_expected(preset, tmp_path):
    out = tmp_path / "out.csv"
    summary = classify_csv(load_definition(preset), CRIMES, out)
    expected = _expected()
    rows = _read(out)
    assert [row["crime_ref"] for row in rows] == list(expected)
    got = {row["crime_ref"]: row["sv_categories"] for row in rows}
    want = {ref: row[preset] for ref, row in expected.items()}
    assert got == want
    for row in rows:
        assert row["is_serious_violence"] == ("Y" if row["sv_categories"] else "N")
    assert summary.rows == len(expected)
    assert summary.serious_violence == sum(1 for tags in want.values() if tags)
    for tag in CATEGORIES:
        count = sum(1 for tags in want.values() if tag in tags.split(";"))
        assert summary.by_category.get(tag, 0) == count


def test_output_repeats_input_columns_as_written(tmp_path):
    out = tmp_path / "out.csv"
    classify_csv(load_definition("warwickshire"), CRIMES, out)
    original = _read(CRIMES)
    written = _read(out)
    assert list(written[0]) == [*original[0], "is_serious_violence", "sv_categories"]
    for before, after in zip(original, written, strict=True):
        assert {key: after[key] for key in before} == before
    by_ref = {row["crime_ref"]: row for row in written}
    assert by_ref["C44"]["ho_code"] == " 8N "
    assert by_ref["C03"]["ho_code"] == "004/01"


def test_knife_enabled_robbery_is_both_robbery_and_knife_enabled(tmp_path):
    out = tmp_path / "out.csv"
    classify_csv(load_definition("northamptonshire"), CRIMES, out)
    c17 = next(row for row in _read(out) if row["crime_ref"] == "C17")
    assert c17["sv_categories"].split(";") == ["robbery", "knife_enabled"]


def _typed_crimes() -> pd.DataFrame:
    """The fixture as a warehouse would hold it: booleans, nullable ints, nulls for empties."""
    frame = pd.read_csv(CRIMES, dtype=str, keep_default_na=False)
    typed = pd.DataFrame({"crime_ref": frame["crime_ref"]})
    typed["ho_code"] = frame["ho_code"].replace("", None)
    for flag in ("knife", "firearm", "domestic_abuse"):
        typed[flag] = frame[flag].str.upper().map({"Y": True, "N": False}).astype("boolean")
    typed["location_type"] = frame["location_type"].replace("", None)
    for age in ("youngest_victim_age", "youngest_suspect_age"):
        typed[age] = pd.to_numeric(frame[age].replace("", None)).astype("Int64")
    typed["police_uk_crime_type"] = frame["police_uk_crime_type"].replace("", None)
    return typed


@pytest.mark.parametrize("preset", preset_names())
def test_ibis_path_equals_csv_path(preset, tmp_path):
    import ibis

    con = ibis.duckdb.connect()
    table = con.create_table("crimes", ibis.memtable(_typed_crimes()))
    assert table.schema()["knife"].is_boolean()
    result = classify(load_definition(preset), table).order_by("crime_ref").to_pyarrow()
    from_ibis = {
        ref: ";".join(tags)
        for ref, tags in zip(
            result["crime_ref"].to_pylist(), result["sv_categories"].to_pylist(), strict=True
        )
    }
    out = tmp_path / "out.csv"
    classify_csv(load_definition(preset), CRIMES, out)
    from_csv = {row["crime_ref"]: row["sv_categories"] for row in _read(out)}
    assert from_ibis == from_csv
    serious = dict(
        zip(result["crime_ref"].to_pylist(), result["is_serious_violence"].to_pylist(), strict=True)
    )
    assert serious == {ref: bool(tags) for ref, tags in from_csv.items()}


def test_headers_match_case_insensitively_and_reclassifying_replaces_the_result(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "\ufeffCrime_Ref,HO_CODE,Knife,firearm,domestic_abuse,location_type,"
        "youngest_victim_age,youngest_suspect_age,police_uk_crime_type,extra\n"
        "X1,34b,Y,N,N,street,20,,,kept\n",
        encoding="utf-8",
    )
    first = tmp_path / "first.csv"
    classify_csv(load_definition("home-office-core"), source, first)
    again = tmp_path / "again.csv"
    summary = classify_csv(load_definition("thames-valley"), first, again)
    rows = _read(again)
    assert list(rows[0]) == [
        "Crime_Ref", "HO_CODE", "Knife", "firearm", "domestic_abuse", "location_type",
        "youngest_victim_age", "youngest_suspect_age", "police_uk_crime_type", "extra",
        "is_serious_violence", "sv_categories",
    ]  # fmt: skip
    assert rows[0]["sv_categories"] == "knife_enabled"
    assert rows[0]["extra"] == "kept"
    assert summary.by_category == {"knife_enabled": 1}
