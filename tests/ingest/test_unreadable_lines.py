"""A file of broken rows is refused in one line, quickly and in bounded memory, not quarantined."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from svduty.errors import SvdutyError
from svduty.ingest import import_source
from svduty.ingest.unreadable_lines import refuse_too_many_unreadable_lines

from .conftest import REPO, query
from .test_hypothesis import COLUMNS

HEADER = ",".join(COLUMNS)
GOOD = "C{i},8N,2024-01-05 10:00,N,N,N,street,E01031116,-1.5,52.3,Under investigation"


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _good(n: int, start: int = 0) -> list[str]:
    return [GOOD.format(i=i) for i in range(start, start + n)]


def test_more_than_a_thousand_broken_lines_refuse_naming_the_first(tmp_path: Path) -> None:
    path = _write(tmp_path / "junk.csv", _good(5) + ["x,y"] + ["z"] * 1200)
    with pytest.raises(SvdutyError) as refused:
        refuse_too_many_unreadable_lines(path, "junk.csv")
    assert str(refused.value) == (
        "junk.csv: refused, nothing loaded: more than 1,000 lines do not have the 11 fields of "
        "the header (line 7: 2 fields; line 8: 1 field; line 9: 1 field); check that this is "
        "the right file, saved as comma-separated CSV"
    )


def test_more_than_five_percent_broken_refuses_with_the_share(tmp_path: Path) -> None:
    path = _write(tmp_path / "part.csv", _good(900) + ["a,b"] * 100)
    with pytest.raises(SvdutyError, match=r"100 of its 1,000 rows \(10%\) do not have"):
        refuse_too_many_unreadable_lines(path, "part.csv")


def test_a_few_broken_lines_are_counted_for_quarantine(tmp_path: Path) -> None:
    # 50 in 60 rows is a large share, but few enough to quarantine and show row by row
    path = _write(tmp_path / "few.csv", _good(10) + ["a,b"] * 50)
    assert refuse_too_many_unreadable_lines(path, "few.csv") == 50
    # 4% of a large file is quarantined too
    path = _write(tmp_path / "big.csv", _good(2400) + ["a,b"] * 100)
    assert refuse_too_many_unreadable_lines(path, "big.csv") == 100


def test_quoted_line_breaks_and_blank_lines_are_not_broken_rows(tmp_path: Path) -> None:
    notes = 'C9,8N,2024-01-05 10:00,N,N,N,street,E01031116,-1.5,52.3,"Under\ninvestigation"'
    path = _write(tmp_path / "notes.csv", [*_good(3), notes, "", *_good(2, 10)])
    assert refuse_too_many_unreadable_lines(path, "notes.csv") == 0


def test_the_import_refuses_and_records_nothing(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    import_source("police-crimes", _write(tmp_path / "ok.csv", _good(3)), warehouse)
    path = _write(tmp_path / "junk.csv", _good(20, 100) + ["a,b,c"] * 1500)
    with pytest.raises(SvdutyError, match=r"junk\.csv: refused, nothing loaded: more than 1,000"):
        import_source("police-crimes", path, warehouse)
    assert query(warehouse, "SELECT count(*) FROM batches") == [(1,)]
    assert query(warehouse, "SELECT count(*) FROM crimes") == [(3,)]
    assert query(warehouse, "SELECT count(*) FROM quarantine") == [(0,)]


def test_a_few_broken_lines_still_go_to_quarantine(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    path = _write(tmp_path / "some.csv", _good(40) + ["a,b"] * 2)
    result = import_source("police-crimes", path, warehouse)
    assert (result.rows_loaded, result.rows_quarantined) == (40, 2)
    assert query(warehouse, "SELECT row_number, reason FROM quarantine ORDER BY 1") == [
        (42, "2 fields where the header has 11"),
        (43, "2 fields where the header has 11"),
    ]


# The child's own peak (VmHWM): getrusage's ru_maxrss would count the forked test process's.
CHILD = """
import json, sys
from pathlib import Path
from svduty.errors import SvdutyError
from svduty.ingest import import_source
try:
    import_source("police-crimes", sys.argv[1], sys.argv[2])
    refusal = None
except SvdutyError as error:
    refusal = str(error)
status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
print(json.dumps({"refusal": refusal, "peak_mb": int(status["VmHWM"].split()[0]) / 1024}))
"""


@pytest.mark.slow
def test_a_large_file_of_broken_rows_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """20 MB of broken rows took 1.8 GB before the bound (200 MB: killed); the benchmark
    ``python -m bench junk`` measures 200 MB."""
    path = tmp_path / "junk.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER + "\n")
        line = "x" * 40 + "," + "y" * 40 + "\n"
        handle.write(line * (20_000_000 // len(line)))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path / "warehouse.duckdb")],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["refusal"].startswith("junk.csv: refused, nothing loaded: more than 1,000")
    assert figures["peak_mb"] < 500, figures


def test_an_import_runs_under_the_configured_memory_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from svduty.ingest.runner import import_connection

    monkeypatch.setenv("SVDUTY_IMPORT_MEMORY_MB", "300")
    con = import_connection(tmp_path / "warehouse.duckdb")
    try:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        con.close()
    assert limit == "286.1 MiB"  # 300 MB as DuckDB shows it
    monkeypatch.setenv("SVDUTY_IMPORT_MEMORY_MB", "64")
    with pytest.raises(SvdutyError, match="SVDUTY_IMPORT_MEMORY_MB must be at least 128, not 64"):
        import_connection(tmp_path / "warehouse.duckdb")
