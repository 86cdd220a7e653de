"""Every source: a file with no data rows, or none that can be read, loads nothing and says so."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from svduty.errors import SvdutyError
from svduty.ingest import import_source
from svduty.ingest.registry import readers

from .conftest import query
from .test_hypothesis import COLUMNS
from .test_readers_hypothesis import BASES

POLICE_UK_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context"
)
HEADERS = {
    **{source: ",".join(header) for source, header, _ in BASES.values()},
    "police-crimes": ",".join(COLUMNS),
    "police-people": "crime_ref,person_id,role,age,sex,ethnicity",
}


def _header_only(source: str, folder: Path) -> Path:
    """A file of ``source``'s own format holding a header (or its equivalent) and no data."""
    if source == "boundaries":
        path = folder / "E07000220.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    elif source == "police-uk":
        path = folder / "archive.zip"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("2023-01/2023-01-force-street.csv", POLICE_UK_HEADER + "\n")
    else:
        path = folder / f"mid2019-{source}.csv"
        path.write_text(HEADERS[source] + "\n", encoding="utf-8")
    return path


def test_every_registered_source_is_covered():
    assert set(readers()) == {*HEADERS, "boundaries", "police-uk"}


@pytest.mark.parametrize("source", sorted(readers()))
def test_a_header_only_file_is_refused_and_records_nothing(source: str, tmp_path: Path):
    path, warehouse = _header_only(source, tmp_path), tmp_path / "w.duckdb"
    with pytest.raises(SvdutyError) as refused:
        import_source(source, path, warehouse)
    assert str(refused.value) == f"{path.name}: no data rows; nothing loaded"
    assert query(warehouse, "SELECT count(*) FROM batches") == [(0,)]


def test_the_command_exits_non_zero_with_one_line(tmp_path: Path):
    import subprocess
    import sys

    path = _header_only("istv", tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "svduty", "import", "istv", str(path),
         "--warehouse", str(tmp_path / "w.duckdb")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"Error: {path.name}: no data rows; nothing loaded"
    ] or done.stderr.strip().endswith(f"{path.name}: no data rows; nothing loaded")
    assert "Traceback" not in done.stderr
