"""Regenerate ``src/svduty/reference/data/offence_codes.csv`` from the Home Office table.

Usage: ``.venv/bin/python scripts/build_offence_codes.py [PATH/TO/prc_pfa_2017_18_...csv]``

The package CSV is committed so svduty runs without ``../shared``; this script documents where
every row comes from and rebuilds it when the published table is refreshed. It keeps every
distinct ``Offence Code`` of the published table (dotted sub-codes such as ``37.1`` become the
slash form ``37/1``) and adds the codes the 2017/18 table lacks but local definitions use
(the separate homicide codes the table merges as ``1/4.1/4.10/4.2``, and 8U).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = (
    ROOT.parent / "shared" / "data" / "home_office" / "prc_pfa_2017_18_by_offence_code.csv"
)
TARGET = ROOT / "src" / "svduty" / "reference" / "data" / "offence_codes.csv"
SOURCE_NAME = "Home Office PRC by PFA 2017/18"
COUNTING_RULES = "Home Office Counting Rules"
MERGED_HOMICIDE = "1/4.1/4.10/4.2"

# Codes the published table merges or lacks: (code, description, group, subgroup).
EXTRA_CODES = [
    ("1", "Murder", "Violence against the person", "Homicide"),
    ("4/1", "Manslaughter", "Violence against the person", "Homicide"),
    ("4/2", "Infanticide", "Violence against the person", "Homicide"),
    ("4/10", "Corporate manslaughter", "Violence against the person", "Homicide"),
    (
        "8U",
        "Controlling or coercive behaviour",
        "Violence against the person",
        "Stalking and harassment",
    ),
]


def canonical_published_code(code: str) -> str:
    """``37.1`` → ``37/1``; the merged homicide code and every other code stay as published."""
    code = code.strip()
    if code == MERGED_HOMICIDE:
        return code
    if "." in code:
        head, _, tail = code.partition(".")
        return f"{int(head)}/{int(tail)}"
    return code


def build(source: Path) -> list[dict[str, str]]:
    """One row per distinct published code, then the extra codes, sorted for stable diffs."""
    rows: dict[str, dict[str, str]] = {}
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            code = canonical_published_code(record["Offence Code"])
            rows.setdefault(
                code,
                {
                    "code": code,
                    "description": record["Offence Description"].strip(),
                    "offence_group": record["Offence Group"].strip(),
                    "offence_subgroup": record["Offence Subgroup"].strip(),
                    "source": SOURCE_NAME,
                },
            )
    for code, description, group, subgroup in EXTRA_CODES:
        if code not in rows:
            rows[code] = {
                "code": code,
                "description": description,
                "offence_group": group,
                "offence_subgroup": subgroup,
                "source": COUNTING_RULES,
            }
    return sorted(rows.values(), key=lambda row: row["code"])


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    rows = build(source)
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} codes to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
