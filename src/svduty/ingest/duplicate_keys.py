"""A record key twice in one file: the first row loads, each later one is quarantined.

A force's crime reference names one crime; two rows with it would count the crime twice in
every table of the needs assessment. The check after a file's insert is one GROUP BY over the
batch's rows; only when it finds a repeated key is the file read again with its row numbers,
so an extract without repeats pays almost nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from svduty.errors import SvdutyError
from svduty.ingest.contract import FileContract
from svduty.ingest.job import ImportJob
from svduty.ingest.quarantine import FIRST_DATA_ROW, renumber_past_ragged_rows
from svduty.ingest.validation import Validation
from svduty.warehouse.sql import identifier

_SCRATCH = ("_repeated", "_bad", "_dups", "_stg")


def settle_duplicate_keys(
    job: ImportJob,
    display: str,
    contract: FileContract,
    targets: Mapping[str, str],
    checked: Validation,
    source: str,
    ragged: int,
) -> int:
    """Quarantine the rows of ``display`` whose key an earlier row of it has; how many.

    ``targets``, ``checked`` and ``source`` are the insert's own SQL (so keys compare as
    stored) and ``ragged`` the rows set aside for their field count (for the numbering). A key
    an earlier file of the same import loaded refuses the import: which of the two files is
    right is for the partner to say."""
    if not contract.key:
        return 0
    con, batch = job.con, job.batch_id
    table = identifier(contract.table)
    keys = ", ".join(identifier(k) for k in contract.key)
    present = " AND ".join(f"{identifier(k)} IS NOT NULL" for k in contract.key)
    distinct = f"({keys})" if len(contract.key) > 1 else keys  # a row value for several
    repeats = con.execute(
        f"SELECT count(*) - count(DISTINCT {distinct}) FROM {table} "
        f"WHERE batch_id = ? AND {present}",
        [batch],
    ).fetchall()[0][0]
    if not repeats:  # the usual answer, and the cheapest query that gives it
        return 0
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _repeated AS SELECT {keys}, count(*) AS _n "
            f"FROM {table} WHERE batch_id = ? AND {present} GROUP BY ALL HAVING count(*) > 1",
            [batch],
        )
        _number_repeated_rows(job, targets, checked, source, ragged, keys)
        _refuse_a_key_from_an_earlier_file(job, display, contract)
        match = " AND ".join(f"t.{identifier(k)} = r.{identifier(k)}" for k in contract.key)
        con.execute(
            f"DELETE FROM {table} t USING _repeated r WHERE t.batch_id = ? AND {match}", [batch]
        )
        names = ", ".join(identifier(t) for t in targets)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _dups WHERE _nth = 1")
        first_key = identifier(contract.key[0])
        columns = contract.key_columns()
        reason = f"the same {_listed(columns)} as an earlier row (the first is loaded)"
        return con.execute(
            f"INSERT INTO quarantine SELECT ?, ?, _row, ?, {first_key}::VARCHAR, ? "
            "FROM _dups WHERE _nth > 1",
            [batch, display, columns[0], reason],
        ).fetchall()[0][0]
    finally:
        for scratch in _SCRATCH:
            con.execute(f"DROP TABLE IF EXISTS {scratch}")


def _number_repeated_rows(
    job: ImportJob,
    targets: Mapping[str, str],
    checked: Validation,
    source: str,
    ragged: int,
    keys: str,
) -> None:
    """``_dups``: the file's loaded rows with a repeated key, as stored, with their spreadsheet
    row, their place among the rows of that key (``_nth``) and how many the file has
    (``_here``)."""
    con = job.con
    con.execute(f"CREATE OR REPLACE TEMP TABLE _stg AS SELECT * FROM {source}")
    # Inside a transaction DuckDB numbers new rows from a large offset, in file order: subtract it.
    first_rowid = con.execute("SELECT min(rowid) FROM _stg").fetchall()[0][0] or 0
    row_number = f"s.rowid + ({FIRST_DATA_ROW - first_rowid})"
    stored = ", ".join(f"{sql} AS {identifier(name)}" for name, sql in targets.items())
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _bad AS SELECT c.* FROM (SELECT _row, {stored} FROM "
        f"{checked.checked('_stg', row_number)} WHERE {checked.all_pass}) c "
        f"SEMI JOIN _repeated USING ({keys})"
    )
    if ragged:
        renumber_past_ragged_rows(con)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _dups AS SELECT *, "
        f"row_number() OVER (PARTITION BY {keys} ORDER BY _row) AS _nth, "
        f"count(*) OVER (PARTITION BY {keys}) AS _here FROM _bad"
    )


def _refuse_a_key_from_an_earlier_file(
    job: ImportJob, display: str, contract: FileContract
) -> None:
    keys = ", ".join(identifier(k) for k in contract.key)
    earlier = job.con.execute(
        f"SELECT min(d._row) FROM _dups d JOIN _repeated r USING ({keys}) WHERE r._n > d._here"
    ).fetchall()[0][0]
    if earlier is not None:
        raise SvdutyError(
            f"{display} row {earlier}: the same {_listed(contract.key_columns())} as a row of "
            "an earlier file of this import; nothing loaded (import the files apart, or "
            "remove the repeated record)"
        )


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
