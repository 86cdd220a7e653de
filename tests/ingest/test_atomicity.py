"""An import is all or nothing: kill -9 or Ctrl-C part-way leaves the warehouse as before."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from svduty.ingest import import_source

from .conftest import FIXTURES, query, snapshot
from .generate import write_police_crimes

CHILD = textwrap.dedent(
    """
    import os
    import signal
    import sys
    from contextlib import contextmanager
    from svduty.ingest import import_source

    STOP_AT, SIGNAL = sys.argv[3], signal.Signals[sys.argv[4]]

    class StopInside:
        \"\"\"Stops its own process when the named stage begins: a known point inside the batch's
        transaction, whatever the machine's speed.\"\"\"

        @contextmanager
        def stage(self, description, total=None):
            print(description, flush=True)
            if description.startswith(STOP_AT):
                if SIGNAL is signal.SIGKILL:
                    os.kill(os.getpid(), signal.SIGKILL)
                signal.raise_signal(SIGNAL)  # runs Python's handler now: KeyboardInterrupt here
            class S:
                def advance(self, n=1): pass
            yield S()

    # The big file overlaps the small one already loaded: replacing it is part of what the
    # stop must undo.
    import_source("police-crimes", sys.argv[1], sys.argv[2], replace=True, progress=StopInside())
    print("FINISHED", flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
@pytest.mark.parametrize(
    "stage",
    ["Loading", "Committing"],
    ids=["as-loading-begins", "just-before-commit"],
)
def test_stopping_part_way_leaves_the_warehouse_unchanged(
    warehouse: Path, tmp_path: Path, stop: signal.Signals, stage: str
) -> None:
    import_source("police-crimes", FIXTURES / "police_crimes_small.csv", warehouse)
    import_source("police-people", FIXTURES / "police_people_small.csv", warehouse)
    before = snapshot(warehouse)
    big = write_police_crimes(tmp_path / "big.csv", 20_000)

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(big), str(warehouse), stage, stop.name],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    stages = child.stdout.splitlines()
    assert child.returncode == -stop or (stop is signal.SIGINT and child.returncode != 0)
    assert "FINISHED" not in stages, child.stderr
    assert stages[-1].startswith(stage), stages  # it stopped where it was told to, no later
    if stop is signal.SIGINT:
        assert "KeyboardInterrupt" in child.stderr

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
