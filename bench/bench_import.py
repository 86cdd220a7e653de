"""Benchmark: import a 6.5-million-row police-crimes CSV (a national year); target >= 1M rows/s.

Run: ``.venv/bin/python -m bench import [--rows N] [--keep]``. The file comes from
``svduty synth --scale national --years 1`` when that works, else from a DuckDB generator that
follows the police-crimes contract; it is cached in bench/out/. The import runs in a child
process so its peak memory (max RSS) is measured on its own; the rate is rows loaded divided by
the time ``import_source`` took (interpreter start-up and module imports excluded, reported
apart). The machine is shared, so CPU seconds are reported too: ``rows_per_cpu_second_x2`` is the
rate two idle cores would reach if the work spread perfectly over both.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
NATIONAL_ROWS = 6_500_000
TARGET_ROWS_PER_SECOND = 1_000_000

CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
from svduty.ingest import import_source
from svduty.ingest.registry import readers
import svduty.reference, pyarrow
readers()
startup = time.perf_counter() - t0
t1, c1 = time.perf_counter(), time.process_time()
result = import_source("police-crimes", sys.argv[1], sys.argv[2])
seconds, cpu = time.perf_counter() - t1, time.process_time() - c1
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "startup_seconds": startup,
                  "read": result.rows_read, "loaded": result.rows_loaded,
                  "quarantined": result.rows_quarantined,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _from_synth(folder: Path) -> Path | None:
    """police_crimes.csv from `svduty synth --scale national --years 1`, or None if it fails."""
    target = folder / "synth-national"
    done = target / "police_crimes.csv"
    if done.exists():
        return done
    command = [sys.executable, "-m", "svduty", "synth", "--scale", "national", "--years", "1",
               "--out", str(target), "--no-check"]  # fmt: skip
    started = time.perf_counter()
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=1800, cwd=ROOT)
    except (subprocess.SubprocessError, OSError) as error:
        print(f"synth unavailable ({type(error).__name__}); using the built-in generator")
        shutil.rmtree(target, ignore_errors=True)
        return None
    print(f"synth --scale national --years 1 took {time.perf_counter() - started:.0f} s")
    return done if done.exists() else None


def _generated(folder: Path, rows: int) -> Path:
    """A police-crimes CSV of ``rows`` valid crimes written by DuckDB (deterministic)."""
    import duckdb

    path = folder / f"police_crimes_{rows}.csv"
    if path.exists():
        return path
    codes = ["8N", "34B", "105A", "5D", "8L", "8Q", "10D", "19C", "58A", "30A", "28E", "45",
             "49", "39", "126", "92A", "3B"]  # fmt: skip
    places = ["street", "dwelling", "retail", "licensed_premises", "park_open_space",
              "public_transport", "school_college", "workplace", "other", "unknown"]  # fmt: skip
    listed = lambda values: "[" + ", ".join(f"'{v}'" for v in values) + "]"  # noqa: E731
    duckdb.sql(
        f"""
        COPY (
            SELECT
                'NAT' || lpad(i::VARCHAR, 9, '0') AS crime_ref,
                {listed(codes)}[1 + (hash(i) % {len(codes)})::BIGINT] AS ho_code,
                strftime(TIMESTAMP '2024-01-01' + to_seconds((hash(i * 7) % 31536000)::BIGINT),
                         '%Y-%m-%d %H:%M') AS occurred_at,
                CASE WHEN (hash(i * 3) % 40)::BIGINT = 0 THEN 'Y' ELSE 'N' END AS knife,
                CASE WHEN (hash(i * 5) % 500)::BIGINT = 0 THEN 'Y' ELSE 'N' END AS firearm,
                CASE WHEN (hash(i * 11) % 6)::BIGINT = 0 THEN 'Y' ELSE 'N' END AS domestic_abuse,
                {listed(places)}[1 + (hash(i * 13) % {len(places)})::BIGINT] AS location_type,
                'E01' || lpad(((hash(i * 17) % 32844))::BIGINT::VARCHAR, 6, '0') AS lsoa_code,
                round(-5.5 + ((hash(i * 19) % 70000))::BIGINT / 10000.0, 5) AS longitude,
                round(50.0 + ((hash(i * 23) % 55000))::BIGINT / 10000.0, 5) AS latitude,
                CASE (hash(i * 29) % 4)::BIGINT WHEN 0 THEN 'Under investigation'
                    WHEN 1 THEN 'Investigation complete; no suspect identified' ELSE '' END
                    AS outcome
            FROM range({int(rows)}) AS t(i)
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )
    return path


def run(rows: int, use_synth: bool, keep: bool) -> dict[str, float]:
    OUT.mkdir(parents=True, exist_ok=True)
    source = _from_synth(OUT) if use_synth and rows == NATIONAL_ROWS else None
    source = source or _generated(OUT, rows)
    size_mb = source.stat().st_size / 1e6
    with tempfile.TemporaryDirectory(prefix="svduty-bench-") as tmp:
        env = {**os.environ, "SVDUTY_HOME": tmp, "PYTHONPATH": str(ROOT / "src")}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(source), str(Path(tmp) / "warehouse.duckdb")],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"import failed: {done.stderr.strip().splitlines()[-1:]}")
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        warehouse_mb = (Path(tmp) / "warehouse.duckdb").stat().st_size / 1e6
    figures.update(
        file=str(source.relative_to(ROOT)) if source.is_relative_to(ROOT) else str(source),
        file_mb=round(size_mb, 1),
        wall_seconds=round(wall, 2),
        rows_per_second=round(figures["loaded"] / figures["seconds"]),
        # what two idle cores would give if the CPU work spread over both (an upper bound)
        rows_per_cpu_second_x2=round(2 * figures["loaded"] / figures["cpu_seconds"]),
        peak_rss_mb=round(figures["peak_rss_mb"]),
        warehouse_mb=round(warehouse_mb, 1),
        cpus=os.cpu_count(),
        load_average=round(os.getloadavg()[0], 1),
    )
    if not keep and source.parent == OUT and source.name.startswith("police_crimes_"):
        source.unlink()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench import", description=__doc__)
    parser.add_argument("--rows", type=int, default=NATIONAL_ROWS)
    parser.add_argument("--no-synth", action="store_true", help="use the built-in generator")
    parser.add_argument("--keep", action="store_true", help="keep the generated CSV in bench/out")
    args = parser.parse_args(argv or [])
    figures = run(args.rows, use_synth=not args.no_synth, keep=args.keep)
    print("police-crimes import benchmark")
    for key, value in figures.items():
        print(
            f"  {key:>22}: {value:,}" if isinstance(value, int | float) else f"  {key:>22}: {value}"
        )
    ok = figures["rows_per_second"] >= TARGET_ROWS_PER_SECOND
    print(f"  target {TARGET_ROWS_PER_SECOND:,} rows/s: {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
