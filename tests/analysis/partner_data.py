"""Hand-made partner rows for the people/time/health/cohort sections, in their own tiny warehouses.

``build_matching_warehouse`` plants police crimes and ED assaults at known distances in time and
place from each other, so the ED-police matching rule (same LSOA, within ±2 hours) is pinned at
its edges. ``build_empty_warehouse`` is a migrated warehouse with nothing in it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

A, B = "E01000001", "E01000002"
BASE = datetime(2023, 6, 10, 23, 0)

#: (ed label, assault_at offset from BASE in minutes or None, arrival offset, assault LSOA,
#:  expected to match?)
ED_CASES = [
    ("same place, 1 h before", -60, 30, A, True),
    ("same place, exactly 2 h after", 120, 200, A, True),
    ("same place, 2 h 1 min after", 121, 200, A, False),
    ("other place, same time", 0, 30, B, False),
    ("no assault time, arrival 90 min after", None, 90, A, True),
    ("no assault time, arrival 3 h after", None, 180, A, False),
    ("no place", 0, 30, None, False),
    ("same place, near a non-violent crime only", 24 * 60 * 3, 24 * 60 * 3 + 30, A, False),
]


def insert_rows(con, table: str, frame: pd.DataFrame) -> None:
    """Insert ``frame`` into ``table``; columns it lacks are NULL."""
    columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    full = frame.reindex(columns=columns)
    con.register("frame", full)
    con.execute(f"INSERT INTO {table} SELECT * FROM frame")
    con.unregister("frame")


def build_empty_warehouse(path: Path) -> Path:
    from svduty.warehouse import connect

    connect(path).close()
    return path


def build_matching_warehouse(path: Path) -> Path:
    """Two violent crimes in LSOA A at BASE, one burglary in A three days later, ED assaults."""
    from svduty.warehouse import connect

    crimes = pd.DataFrame(
        [
            _crime("M1", "8N", BASE, A),
            _crime("M2", "105A", BASE - timedelta(minutes=10), A),
            _crime("M3", "28C", BASE + timedelta(days=3), A),  # burglary: not violence
            _crime("M4", "8N", None, B),  # no time: cannot match
        ]
    )
    ed = pd.DataFrame(
        [
            {
                "batch_id": 1,
                "site_code": "RXX01",
                "reporting_period_start": date(2023, 6, 1),
                "reporting_period_end": date(2023, 6, 30),
                "arrival_at": BASE + timedelta(minutes=arrival),
                "assault_at": None if offset is None else BASE + timedelta(minutes=offset),
                "assault_method": "body",
                "location_type": "street",
                "assault_lsoa": lsoa,
            }
            for _, offset, arrival, lsoa, _ in ED_CASES
        ]
    )
    con = connect(path)
    try:
        insert_rows(con, "crimes", crimes)
        insert_rows(con, "ed_assaults", ed)
    finally:
        con.close()
    return path


def _crime(ref: str, code: str, at: datetime | None, lsoa: str) -> dict:
    when = at or BASE
    return {
        "batch_id": 1,
        "source": "police-crimes",
        "crime_ref": ref,
        "ho_code": code,
        "occurred_at": at,
        "occurred_date": when.date(),
        "occurred_month": when.date().replace(day=1),
        "lsoa_code": lsoa,
        "knife": False,
        "firearm": False,
        "domestic_abuse": False,
        "location_type": "street",
    }
