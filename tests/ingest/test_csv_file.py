"""``svduty.ingest.csv_file``: refusals and ragged rows explained from DuckDB's reject tables."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from svduty.errors import SvdutyError
from svduty.ingest import csv_file
from svduty.ingest.csv_file import csv_source, refuse_undecodable, set_aside_ragged_rows, unreadable


def _strict_read_error(con: duckdb.DuckDBPyConnection, path: Path) -> duckdb.Error:
    with pytest.raises(duckdb.Error) as caught:
        con.execute(f"SELECT count(*) FROM {csv_source(path)}").fetchall()
    return caught.value


def test_a_ragged_row_past_the_sample_is_named_with_its_field_counts(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_text("a,b,c\n" + "1,2,3\n" * 30_000 + "4,5\n", encoding="utf-8")
    con = duckdb.connect()
    error = _strict_read_error(con, path)
    refusal = unreadable(con, path, "late.csv", error)
    assert str(refusal) == (
        "late.csv: not a well-formed CSV at line 30002: 2 fields where the header has 3"
    )


def test_a_file_the_sniffer_cannot_read_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('a,b,c\n1,2,3\n"x,2,3\n4,5,6\n', encoding="utf-8")
    con = duckdb.connect()
    refusal = unreadable(con, path, "quote.csv", _strict_read_error(con, path))
    assert str(refusal) == (
        "quote.csv: not a well-formed CSV: rows do not have the same number of "
        "comma-separated fields as the header"
    )


def test_ragged_rows_count_their_fields(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c,d\n1,2,3,4\n5\n6,7,8,9,10,11\n12,13,14,15\n", encoding="utf-8")
    con = duckdb.connect()
    count = con.execute(f"SELECT count(*) FROM {csv_source(path, 'store')}").fetchall()
    assert count == [(2,)]
    assert set_aside_ragged_rows(con, "ragged.csv") == 2
    assert con.execute("SELECT line, fields, text FROM _ragged_lines ORDER BY line").fetchall() == [
        (3, 1, "5"),
        (4, 6, "6,7,8,9,10,11"),
    ]


@pytest.mark.parametrize("chunk", [3, 1 << 20])
def test_undecodable_text_past_the_sniff_window_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(csv_file, "_CHUNK", chunk)  # a small chunk cuts characters in two
    path = tmp_path / "late.csv"
    path.write_bytes(b"a,b\n" + "é,€\n".encode() * 20_000 + b"x,\xff\n")
    with pytest.raises(SvdutyError) as caught:
        refuse_undecodable(path, "late.csv")
    assert str(caught.value) == "late.csv: not UTF-8 text at line 20002; save it as 'CSV UTF-8'"
    path.write_bytes(b"a,b\n" + "é,€\n".encode() * 20_000)
    refuse_undecodable(path, "late.csv")  # valid UTF-8 all through: no refusal
