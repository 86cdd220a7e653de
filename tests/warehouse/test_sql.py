"""``svduty.warehouse.sql``: the exact SQL text it writes, and that DuckDB reads it back."""

from __future__ import annotations

import datetime
from pathlib import Path

import duckdb
import pytest

from svduty.warehouse.sql import identifier, in_list, literal, read_csv


@pytest.mark.parametrize(
    ("value", "sql"),
    [
        ("plain", "'plain'"),
        ("O'Brien", "'O''Brien'"),
        ("''", "''''''"),
        ('say "hi"', "'say \"hi\"'"),
        ("Ysbyty Gwynedd – Bangor", "'Ysbyty Gwynedd – Bangor'"),
        ("", "''"),
        (42, "42"),
        (-7, "-7"),
        (2.5, "2.5"),
        (True, "TRUE"),
        (False, "FALSE"),
        (None, "NULL"),
        (datetime.date(2024, 2, 29), "CAST('2024-02-29' AS DATE)"),
        (datetime.datetime(2024, 1, 2, 3, 4, 5), "CAST('2024-01-02 03:04:05' AS TIMESTAMP)"),
        (["a", "b'c"], "['a', 'b''c']"),
        ({"a b": "VARCHAR", "it's": 1}, "{'a b': 'VARCHAR', 'it''s': 1}"),
    ],
)
def test_literal(value: object, sql: str) -> None:
    assert literal(value) == sql


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object()])
def test_literal_refuses_what_sql_cannot_spell(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        literal(value)


@pytest.mark.parametrize(
    ("name", "sql"),
    [
        ("crimes", '"crimes"'),
        ("Crime ID", '"Crime ID"'),
        ('a "quoted" name', '"a ""quoted"" name"'),
        ("ŵyr", '"ŵyr"'),
    ],
)
def test_identifier(name: str, sql: str) -> None:
    assert identifier(name) == sql


def test_in_list() -> None:
    assert in_list(["a", "b"]) == "('a', 'b')"
    assert in_list(["it's", "é"]) == "('it''s', 'é')"
    assert in_list([1, 2]) == "(1, 2)"
    assert in_list(iter(["x"])) == "('x')"


def test_read_csv_renders_options_as_literals() -> None:
    assert read_csv("in.csv") == "read_csv('in.csv')"
    assert read_csv(
        Path("/data/O'Neill's.csv"),
        header=True,
        delim=",",
        quote='"',
        sample_size=20480,
        columns={"Crime ID": "VARCHAR"},
        dateformat=["%d/%m/%Y"],
    ) == (
        "read_csv('/data/O''Neill''s.csv', header = TRUE, delim = ',', quote = '\"', "
        "sample_size = 20480, columns = {'Crime ID': 'VARCHAR'}, dateformat = ['%d/%m/%Y'])"
    )


def test_the_text_round_trips_through_duckdb(tmp_path: Path) -> None:
    values = ["O'Brien", 'say "hi"', "Ysbyty – ŵyr", "", None, 3, 2.5, True]
    con = duckdb.connect()
    selected = ", ".join(literal(v) for v in values)
    assert con.execute(f"SELECT {selected}").fetchone() == tuple(values)
    assert con.execute(f"SELECT {literal(datetime.date(2024, 2, 29))}").fetchone() == (
        datetime.date(2024, 2, 29),
    )
    listed = in_list(["x", "it's"])
    assert con.execute(f"SELECT 'it''s' IN {listed}").fetchone() == (True,)

    path = tmp_path / "it's here.csv"
    path.write_text('Crime ID,a "b"\nO\'1,ŵ\n', encoding="utf-8")
    csv = read_csv(
        path, header=True, all_varchar=True, columns={"Crime ID": "VARCHAR", 'a "b"': "VARCHAR"}
    )
    quoted = identifier('a "b"')
    assert con.execute(f"SELECT {quoted} FROM {csv}").fetchall() == [("ŵ",)]
    assert con.execute(f"SELECT {identifier('Crime ID')} FROM {csv}").fetchall() == [("O'1",)]
