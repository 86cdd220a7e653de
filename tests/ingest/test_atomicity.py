"""An import is all or nothing: kill -9 part-way leaves the warehouse exactly as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from svduty.ingest import import_source

from .conftest import FIXTURES, query, snapshot
from .generate import write_police_crimes

CHILD = textwrap.dedent(
    """
    import sys
    from contextlib import contextmanager
    from svduty.ingest import import_source

    class Tell:
        @contextmanager
        def stage(self, description, total=None):
            print(description, flush=True)
            class S:
                def advance(self, n=1): pass
            yield S()

    import_source("police-crimes", sys.argv[1], sys.argv[2], progress=Tell())
    print("FINISHED", flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_stopping_part_way_leaves_the_warehouse_unchanged(
    warehouse: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    import_source("police-crimes", FIXTURES / "police_crimes_small.csv", warehouse)
    import_source("police-people", FIXTURES / "police_people_small.csv", warehouse)
    before = snapshot(warehouse)
    big = write_police_crimes(tmp_path / "big.csv", 1_000_000)

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(big), str(warehouse)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    stages = []
    assert child.stdout is not None
    for line in child.stdout:  # wait until rows are being written inside the transaction
        stages.append(line.strip())
        if line.startswith(("Validating", "Loading")):
            break
    time.sleep(0.3)
    child.send_signal(stop)
    child.wait(timeout=60)
    stages += [line.strip() for line in child.stdout]
    assert "FINISHED" not in stages and child.returncode != 0, child.stderr.read()
    assert any(s.startswith(("Validating", "Loading")) for s in stages)

    assert snapshot(warehouse) == before
    # and the warehouse still works afterwards
    people = tmp_path / "more_people.csv"
    people.write_text("crime_ref,person_id,role\nNS/009,P-0009,victim\n")
    assert import_source("police-people", people, warehouse).batch_id == 3
    assert query(warehouse, "SELECT count(*) FROM crime_people") == [(6,)]


def test_a_failing_reader_rolls_back_everything(warehouse: Path, tmp_path: Path) -> None:
    """A structural error in the second file of a folder leaves no rows of the first."""
    import_source("police-crimes", FIXTURES / "police_crimes_small.csv", warehouse)
    before = snapshot(warehouse)
    folder = tmp_path / "archive" / "2023-01"
    folder.mkdir(parents=True)
    header = (
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
        "LSOA name,Crime type,Last outcome category,Context\n"
    )
    (folder / "2023-01-aforce-street.csv").write_text(header + "a,2023-01,,,,,,,,Robbery,,\n")
    (folder / "2023-01-bforce-street.csv").write_bytes(b"\x00\x01binary")
    with pytest.raises(Exception, match="binary content"):
        import_source("police-uk", tmp_path / "archive", warehouse)
    assert snapshot(warehouse) == before
