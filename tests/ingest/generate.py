"""A large, valid police-crimes extract written by DuckDB (for the kill test)."""

from __future__ import annotations

from pathlib import Path

import duckdb

HO_CODES = ["8N", "34B", "105A", "5D", "8L", "8Q", "10D", "19C", "58A", "30A", "28E", "45"]
LOCATIONS = ["street", "dwelling", "retail", "licensed_premises", "park_open_space", "other"]


def write_police_crimes(path: Path, rows: int) -> Path:
    """``rows`` valid crimes in 2024, deterministic."""
    codes = "[" + ", ".join(f"'{c}'" for c in HO_CODES) + "]"
    places = "[" + ", ".join(f"'{p}'" for p in LOCATIONS) + "]"
    duckdb.sql(
        f"""
        COPY (
            SELECT
                'C' || i AS crime_ref,
                {codes}[1 + i % {len(HO_CODES)}] AS ho_code,
                strftime(TIMESTAMP '2024-01-01' + to_minutes(i % 525000), '%Y-%m-%d %H:%M')
                    AS occurred_at,
                CASE WHEN i % 37 = 0 THEN 'Y' ELSE 'N' END AS knife,
                CASE WHEN i % 401 = 0 THEN 'Y' ELSE 'N' END AS firearm,
                CASE WHEN i % 5 = 0 THEN 'Y' ELSE 'N' END AS domestic_abuse,
                {places}[1 + i % {len(LOCATIONS)}] AS location_type,
                'E01' || lpad(((i * 7919) % 32844)::VARCHAR, 6, '0') AS lsoa_code,
                round(-1.5 + (i % 1000) / 2000.0, 5) AS longitude,
                round(52.0 + (i % 997) / 2000.0, 5) AS latitude,
                CASE WHEN i % 3 = 0 THEN 'Under investigation' ELSE '' END AS outcome
            FROM range({int(rows)}) AS t(i)
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )
    return path
