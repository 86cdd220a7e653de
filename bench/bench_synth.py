"""Benchmark: ``svduty synth`` at county scale (5 years) and national scale (1 year).

Targets from the foundation issue: county × 5 years in under 60 s; national × 1 year with peak
memory under 4 GB. Each run is the real CLI in a child process so the peak resident set size
(``ru_maxrss`` from ``wait4`` on that child) is the command's own.

Run: ``.venv/bin/python -m bench synth [county|national]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = {
    "county": (["--scale", "county", "--years", "5"], {"seconds": 60.0}),
    "national": (["--scale", "national", "--years", "1"], {"peak_gb": 4.0}),
}


def run(name: str) -> bool:
    """Run one scale; print wall time, peak memory and whether it met its target."""
    args, target = RUNS[name]
    svduty = Path(sys.executable).with_name("svduty")
    with tempfile.TemporaryDirectory(prefix=f"svduty-bench-synth-{name}-") as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            [str(svduty), "synth", *args, "--seed", "2024", "--out", out],
            stdout=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the maximum of all
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if child.returncode != 0:
            print(f"synth {name}: failed with exit code {child.returncode}")
            return False
        with open(Path(out) / "police_crimes.csv", "rb") as crimes:
            rows = sum(1 for _ in crimes) - 1
    peak_gb = usage.ru_maxrss / 1024**2
    ok = seconds <= target.get("seconds", float("inf")) and peak_gb <= target.get(
        "peak_gb", float("inf")
    )
    print(
        f"synth {name}: {rows:,} crimes in {seconds:.1f} s, peak RSS {peak_gb:.2f} GB "
        f"(target {target}) {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    names = argv or list(RUNS)
    unknown = [name for name in names if name not in RUNS]
    if unknown:
        print(f"unknown run {unknown[0]!r}; choose from {', '.join(RUNS)}")
        return 2
    return 0 if all([run(name) for name in names]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
