"""Benchmark: a 200 MB police-crimes file of broken rows is refused in bounded memory.

Run: ``.venv/bin/python -m bench junk [--mb N]``. The file has the right header and rows with
the wrong number of fields (1 to 20 of them, never the header's 11), the shape of an export cut
with the wrong delimiter. Before the bound on unreadable lines, 60 MB took 3.2 GB and 200 MB was
killed by the kernel at 23.7 GB. The import runs in a child process so its peak memory (max RSS)
is its own; target: below 1 GB, and a one-line refusal.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_import import ROOT

TARGET_PEAK_MB = 1024
HEADER = (
    "crime_ref,ho_code,occurred_at,knife,firearm,domestic_abuse,location_type,lsoa_code,"
    "longitude,latitude,outcome\n"
)
# VmHWM is the child's own peak; ru_maxrss would include the forking parent's.
CHILD = """
import json, sys, time
from pathlib import Path
from svduty.errors import SvdutyError
from svduty.ingest import import_source
started = time.perf_counter()
try:
    import_source("police-crimes", sys.argv[1], sys.argv[2])
    refusal = None
except SvdutyError as error:
    refusal = str(error)
status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
print(json.dumps({"seconds": time.perf_counter() - started, "refusal": refusal,
                  "peak_rss_mb": int(status["VmHWM"].split()[0]) / 1024}))
"""


def junk_file(path: Path, megabytes: int) -> Path:
    """``megabytes`` of broken rows under the police-crimes header (deterministic)."""
    rng = random.Random(20261207)
    widths = [n for n in range(1, 21) if n != 11]
    lines = [
        ",".join("x" * rng.randint(1, 30) for _ in range(rng.choice(widths))) + "\n"
        for _ in range(10_000)
    ]
    block = "".join(lines)
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for _ in range(max(1, megabytes * 1_000_000 // len(block))):
            handle.write(block)
    return path


def run(megabytes: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="svduty-bench-") as tmp:
        source = junk_file(Path(tmp) / "junk.csv", megabytes)
        env = {**os.environ, "SVDUTY_HOME": tmp, "PYTHONPATH": str(ROOT / "src")}
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(source), str(Path(tmp) / "warehouse.duckdb")],
            capture_output=True, text=True, env=env, check=False,
        )  # fmt: skip
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"import crashed: {done.stderr.strip().splitlines()[-1:]}")
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        figures.update(file_mb=round(source.stat().st_size / 1e6, 1), wall_seconds=round(wall, 2))
    figures["peak_rss_mb"] = round(figures["peak_rss_mb"])
    figures["seconds"] = round(figures["seconds"], 2)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench junk", description=__doc__)
    parser.add_argument("--mb", type=int, default=200)
    args = parser.parse_args(argv or [])
    figures = run(args.mb)
    print("broken-rows import benchmark")
    for key, value in figures.items():
        print(f"  {key:>12}: {value}")
    ok = figures["refusal"] is not None and figures["peak_rss_mb"] < TARGET_PEAK_MB
    print(f"  target refused below {TARGET_PEAK_MB:,} MB: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
