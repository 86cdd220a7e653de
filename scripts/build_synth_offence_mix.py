"""Regenerate ``src/svduty/synth/data/offence_mix.csv`` from the Home Office 2017/18 table.

The synthetic all-crime mix follows the national count of each offence code (England and Wales
forces, fraud bodies and British Transport Police left out because a county force records neither).
Run from the repository root: ``python scripts/build_synth_offence_mix.py [PATH_TO_CSV]``.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

SOURCE = Path("../shared/data/home_office/prc_pfa_2017_18_by_offence_code.csv")
TARGET = Path("src/svduty/synth/data/offence_mix.csv")
NOT_A_COUNTY_FORCE = {"Action Fraud", "CIFAS", "UK Finance", "British Transport Police"}
# The published table merges homicide; split it the way homicides usually fall (murder most).
HOMICIDE_SPLIT = {"1": 0.8, "4/1": 0.2}


def canonical(code: str) -> str:
    """Spell a code as svduty's reference does: ``4.1`` → ``4/1``."""
    return code.strip().replace(".", "/")


def main(source: Path = SOURCE) -> None:
    counts: Counter[str] = Counter()
    groups: dict[str, tuple[str, str]] = {}
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Force Name"] in NOT_A_COUNTY_FORCE:
                continue
            raw = row["Number of Offences"].strip()
            number = max(int(raw), 0) if raw.lstrip("-").isdigit() else 0
            code = row["Offence Code"].strip()
            counts[code] += number
            groups[code] = (row["Offence Group"], row["Offence Subgroup"])
    rows = []
    for code, number in counts.items():
        if number == 0 or groups[code][0] == "Fraud offences":
            continue
        if code == "1/4.1/4.10/4.2":
            for part, share in HOMICIDE_SPLIT.items():
                rows.append((part, *groups[code], round(number * share)))
            continue
        rows.append((canonical(code), *groups[code], number))
    rows.sort(key=lambda r: (-r[3], r[0]))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["ho_code", "offence_group", "offence_subgroup", "national_count_2017_18"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} codes to {TARGET}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
