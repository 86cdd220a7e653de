"""Run benchmarks: ``python -m bench`` runs them all, ``python -m bench NAME [args]`` one.

Add yours to BENCHMARKS as "name": "module"; its ``main(argv)`` prints its figures.
"""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = {
    "dashboards": "bench.bench_dashboards",
    "gistar": "bench.bench_gistar",
    "import": "bench.bench_import",
    "junk": "bench.bench_junk",
    "national": "bench.bench_sna_national",
    "sna": "bench.bench_sna_county",
    "synth": "bench.bench_synth",
}


def main(argv: list[str]) -> int:
    if not argv:  # `make bench`: every benchmark in turn
        failed = 0
        for name, module_name in BENCHMARKS.items():
            print(f"== {name}", flush=True)
            failed |= bool(importlib.import_module(module_name).main([]))
        return int(failed)
    if argv[0] not in BENCHMARKS:
        print(f"usage: python -m bench {{{'|'.join(BENCHMARKS)}}} [args]")
        return 2
    module = importlib.import_module(BENCHMARKS[argv[0]])
    return module.main(argv[1:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
