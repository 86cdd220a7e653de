"""Benchmark (b): every needs-assessment table at national scale, and svduty against pandas.

Run: ``.venv/bin/python -m bench national [--years 5] [--no-pandas]``.

1. Data, cached in ``bench/out/sna-national/`` (``sna-national-<N>y/`` for other lengths):
   ``svduty synth --scale national --years N --no-check`` in a child process, then every extract
   imported into one warehouse (child process). Timed, not counted.
2. svduty, in a child process: an ``AnalysisContext`` on the warehouse with the
   ``northamptonshire`` definition and every section of ``run_sections`` (the context's
   materialisation is timed on its own and counted in the total). Target: <= 120 s.
3. The pandas baseline (``bench/pandas_baseline.py``), in another child process: the same
   crime-derived tables with ``.df()`` + pandas. Its tables must equal svduty's
   (``assert_frame_equal`` after sorting, counts exact, floats rtol 1e-9). Speed-up = pandas
   seconds / svduty seconds for all sections (svduty's figure also pays for Gi*, emerging hot
   spots, the IMD-domain GLM and sections the baseline leaves out, so it is conservative).
   Target: >= 10x.
Peak RSS of each child comes from ``wait4``. Measured on the 24 GB, 2-core build machine the
pandas baseline does not fit at 5 years (32.5M crimes, 31.6M people rows: killed by the
out-of-memory killer at 24 GB), so compare there with ``--years 1``; nothing is extrapolated.
Figures go to stdout and ``bench/out/sna-national-<N>y.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DEFINITION = "northamptonshire"
TARGET_SECONDS = 120.0
TARGET_SPEEDUP = 10.0


def home_for(years: int) -> Path:
    return OUT / "sna-national" if years == 5 else OUT / f"sna-national-{years}y"


def _child(args: list[str]) -> tuple[float, float, str]:
    """Run ``python -m bench.bench_sna_national ARGS``: wall seconds, peak RSS (GB), stdout."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.bench_sna_national", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    stdout = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"child {args[:2]} failed with exit code {child.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024**2, stdout


def ensure_warehouse(years: int) -> Path:
    """The cached national warehouse: synthesised and imported on first use."""
    home = home_for(years)
    warehouse = home / "warehouse.duckdb"
    if warehouse.exists():
        return warehouse
    home.mkdir(parents=True, exist_ok=True)
    extracts = home / "extracts"
    if not (extracts / "manifest.json").exists():
        partial = home / "extracts.partial"
        shutil.rmtree(partial, ignore_errors=True)
        svduty = Path(sys.executable).with_name("svduty")
        began = time.perf_counter()
        command = [str(svduty), "synth", "--scale", "national", "--years", str(years)]
        subprocess.run([*command, "--no-check", "--out", str(partial)], check=True, cwd=ROOT)
        partial.rename(extracts)
        print(f"synth national {years} y: {time.perf_counter() - began:.0f} s", flush=True)
    wall, peak, _ = _child(["--child", "import", str(home)])
    print(f"import: {wall:.0f} s, peak RSS {peak:.1f} GB", flush=True)
    return warehouse


def _import(home: Path) -> None:
    """Import every synthetic extract into ``home/warehouse.duckdb`` (built aside, then moved)."""
    os.environ["SVDUTY_HOME"] = str(home)
    from svduty.demo.pipeline import IMPORTS
    from svduty.ingest import import_source

    partial = home / "warehouse.partial.duckdb"
    partial.unlink(missing_ok=True)
    for source, name in IMPORTS:
        path = home / "extracts" / name
        if not path.exists():
            continue
        began = time.perf_counter()
        result = import_source(source, path, partial)
        print(f"  {source}: {time.perf_counter() - began:.0f} s {result}"[:160], flush=True)
    partial.rename(home / "warehouse.duckdb")


def _open_context(warehouse: Path):
    from svduty.analysis import AnalysisContext, Scope
    from svduty.definitions import load_definition
    from svduty.warehouse import ibis_connect

    return AnalysisContext(
        ibis_connect(warehouse, read_only=True), Scope(load_definition(DEFINITION))
    )


def _svduty(warehouse: Path, out: Path) -> None:
    """Child: time the context and each section; pickle the tables the baseline also makes."""
    import warnings

    warnings.filterwarnings("ignore")
    from bench.pandas_baseline import svduty_tables
    from svduty.analysis import SECTIONS

    ctx = _open_context(warehouse)  # connecting (and importing Ibis) is not timed, as for pandas
    began = time.perf_counter()
    ctx.crimes  # noqa: B018 - the materialisation every section starts from, timed on its own
    timings = {"context": time.perf_counter() - began}
    results = []
    for key, compute in SECTIONS:  # what run_sections(ctx) does, one timer per section
        started = time.perf_counter()
        results.append(compute(ctx))
        timings[key] = time.perf_counter() - started
    total = time.perf_counter() - began
    crimes = int(ctx.crimes.count().execute())
    with open(out, "wb") as handle:
        pickle.dump(svduty_tables(results), handle)
    print(json.dumps({"seconds": total, "timings": timings, "crimes": crimes}))


def _pandas(warehouse: Path, out: Path) -> None:
    """Child: time the pandas baseline end to end; pickle its tables."""
    import warnings

    warnings.filterwarnings("ignore")
    import duckdb

    from bench import pandas_baseline

    ctx = _open_context(warehouse)  # for the non-crime lookups only; not timed
    con = duckdb.connect(str(warehouse), read_only=True)
    began = time.perf_counter()
    tables, timings = pandas_baseline.run(ctx, con)
    total = time.perf_counter() - began
    with open(out, "wb") as handle:
        pickle.dump(tables, handle)
    print(json.dumps({"seconds": total, "timings": timings}))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        role, *paths = argv[1:]
        if role == "import":
            _import(Path(paths[0]))
        else:
            {"svduty": _svduty, "pandas": _pandas}[role](Path(paths[0]), Path(paths[1]))
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench national")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--no-pandas", action="store_true", help="time svduty only")
    args = parser.parse_args(argv)

    warehouse = ensure_warehouse(args.years)
    figures: dict[str, object] = {"years": args.years}
    with tempfile.TemporaryDirectory(prefix="svduty-bench-national-") as scratch:
        ours = Path(scratch) / "svduty.pickle"
        wall, peak, stdout = _child(["--child", "svduty", str(warehouse), str(ours)])
        result = json.loads(stdout.strip().splitlines()[-1])
        seconds = result["seconds"]
        figures["svduty"] = {**result, "child_wall": wall, "peak_rss_gb": peak}
        sections = {k: round(v, 1) for k, v in result["timings"].items()}
        print(f"national {args.years} y, {result['crimes']:,} crimes in scope")
        print(f"svduty, every section's tables: {seconds:.1f} s (child wall {wall:.1f} s), "
              f"peak RSS {peak:.2f} GB; target <= {TARGET_SECONDS:.0f} s")  # fmt: skip
        print(f"  per section (s): {sections}")
        failed = seconds > TARGET_SECONDS
        if not args.no_pandas:
            theirs = Path(scratch) / "pandas.pickle"
            began = time.perf_counter()
            try:
                wall, peak, stdout = _child(["--child", "pandas", str(warehouse), str(theirs)])
            except RuntimeError as error:  # e.g. -9: the out-of-memory killer
                seconds_failed = time.perf_counter() - began
                print(f"pandas baseline: {error} after {seconds_failed:.0f} s; no speed-up")
                figures["pandas"] = {"failed": str(error), "seconds": seconds_failed}
                _write(figures, args.years)
                return 1
            baseline = json.loads(stdout.strip().splitlines()[-1])
            figures["pandas"] = {**baseline, "child_wall": wall, "peak_rss_gb": peak}
            from bench.pandas_baseline import assert_tables_equal

            with open(ours, "rb") as a, open(theirs, "rb") as b:
                svduty_frames, pandas_frames = pickle.load(a), pickle.load(b)
            assert_tables_equal(pandas_frames, svduty_frames)
            speedup = baseline["seconds"] / seconds
            figures["speedup"] = speedup
            figures["tables_equal"] = sorted(pandas_frames)
            stages = {k: round(v, 1) for k, v in baseline["timings"].items()}
            print(f"pandas baseline, same tables: {baseline['seconds']:.1f} s {stages}, "
                  f"peak RSS {peak:.2f} GB")  # fmt: skip
            print(f"  {len(pandas_frames)} tables equal (counts exact, floats rtol 1e-9)")
            print(f"speed-up: {speedup:.1f}x; target >= {TARGET_SPEEDUP:.0f}x")
            failed |= speedup < TARGET_SPEEDUP
    _write(figures, args.years)
    return int(failed)


def _write(figures: dict[str, object], years: int) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / f"sna-national-{years}y.json"
    report.write_text(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
