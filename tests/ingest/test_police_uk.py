"""police-uk: archives of any forces and months; street, outcomes, stop and search."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from svduty.errors import SvdutyError
from svduty.ingest import import_source

from .conftest import RecordingProgress, query, snapshot

STREET_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context"
)
OUTCOME_HEADER = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Outcome type"
)
SAS_HEADER = (
    "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,"
    "Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,"
    "Outcome,Outcome linked to object of search,Removal of more than just outer clothing"
)


def _archive(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def _small_archive(path: Path) -> Path:
    return _archive(
        path,
        {
            "2023-01/2023-01-northshire-street.csv": "\n".join(
                [
                    STREET_HEADER,
                    "aaa1,2023-01,Northshire Police,Northshire Police,-1.5,52.3,On or near High St,"
                    "E01000001,Town 001A,Violence and sexual offences,Under investigation,",
                    ",2023-01,Northshire Police,Northshire Police,-1.5,52.3,On or near Park,"
                    "E01000001,Town 001A,Anti-social behaviour,,",
                    "aaa3,2023-01,Northshire Police,Northshire Police,,,No location,,,Robbery,,",
                    "aaa4,2023-13,Northshire Police,Northshire Police,,,,,,Robbery,,",
                    "aaa5,2023-01,Northshire Police,Northshire Police,,,,,,Jaywalking,,",
                ]
            )
            + "\n",
            "2023-02/2023-02-northshire-street.csv": STREET_HEADER + "\n"
            "bbb1,2023-02,Northshire Police,Northshire Police,-1.4,52.2,On or near X,E01000002,"
            "Town 002A,Possession of weapons,Awaiting court outcome,\n",
            "2023-02/2023-02-southshire-street.csv": STREET_HEADER + "\n"
            "ccc1,2023-02,Southshire Police,Southshire Police,-1.0,51.2,On or near Y,W01000009,"
            "Vale 001A,Drugs,,\n",
            "2023-02/2023-02-northshire-outcomes.csv": OUTCOME_HEADER + "\n"
            "aaa1,2023-02,Northshire Police,Northshire Police,-1.5,52.3,On or near High St,"
            "E01000001,Town 001A,Suspect charged\n"
            "aaa1,2023-02,Northshire Police,Northshire Police,-1.5,52.3,On or near High St,"
            "E01000001,Town 001A,Awaiting court outcome\n",
            "2023-02/2023-02-northshire-stop-and-search.csv": SAS_HEADER + "\n"
            "Person search,2023-02-03T22:15:00+00:00,False,,52.3,-1.5,Male,18-24,,White,"
            "Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,True,False\n"
            "Person search,2023-06-03T22:15:00+01:00,,,,,Female,over 34,,,"
            "Police and Criminal Evidence Act 1984 (section 1),Stolen goods,"
            "A no further action disposal,,\n",
            "README.txt": "not a data file\n",
        },
    )


def test_small_archive_loads_every_kind(warehouse: Path, tmp_path: Path) -> None:
    result = import_source("police-uk", _small_archive(tmp_path / "a.zip"), warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (11, 9, 2)
    assert (result.period_start, result.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 1))
    crimes = query(
        warehouse,
        "SELECT source, crime_ref, police_uk_crime_type, occurred_month, occurred_at, ho_code, "
        "lsoa_code, longitude, force_name, outcome FROM crimes ORDER BY occurred_month, crime_ref",
    )
    jan, feb = dt.date(2023, 1, 1), dt.date(2023, 2, 1)
    assert crimes == [
        ("police-uk", "aaa1", "Violence and sexual offences", jan, None, None, "E01000001", -1.5,
         "Northshire Police", "Under investigation"),
        ("police-uk", "aaa3", "Robbery", jan, None, None, None, None, "Northshire Police", None),
        ("police-uk", None, "Anti-social behaviour", jan, None, None, "E01000001", -1.5,
         "Northshire Police", None),
        ("police-uk", "bbb1", "Possession of weapons", feb, None, None, "E01000002", -1.4,
         "Northshire Police", "Awaiting court outcome"),
        ("police-uk", "ccc1", "Drugs", feb, None, None, "W01000009", -1.0, "Southshire Police",
         None),
    ]  # fmt: skip
    assert query(
        warehouse, "SELECT crime_ref, month, outcome_type FROM police_uk_outcomes ORDER BY 3"
    ) == [("aaa1", feb, "Awaiting court outcome"), ("aaa1", feb, "Suspect charged")]
    assert query(
        warehouse,
        "SELECT force_name, searched_at, month, part_of_policing_operation, age_range, "
        "outcome_linked_to_object FROM stop_and_search ORDER BY searched_at",
    ) == [
        ("northshire", dt.datetime(2023, 2, 3, 22, 15), feb, False, "18-24", True),
        ("northshire", dt.datetime(2023, 6, 3, 21, 15), dt.date(2023, 6, 1), None, "over 34", None),
    ]
    assert query(
        warehouse, 'SELECT file, row_number, "column", value, reason FROM quarantine ORDER BY 2'
    ) == [
        ("2023-01/2023-01-northshire-street.csv", 5, "Month", "2023-13",
         "not a month (expected YYYY-MM)"),
        ("2023-01/2023-01-northshire-street.csv", 6, "Crime type", "Jaywalking",
         "not a known data.police.uk crime type"),
    ]  # fmt: skip


def test_members_load_in_one_pass_and_other_digits_are_not_a_month(
    warehouse: Path, tmp_path: Path
) -> None:
    rows = "aaa1,2023-01,N,N,,,,E01000001,,Robbery,,\n"
    archive = _archive(
        tmp_path / "m.zip",
        {
            "2023-01/2023-01-northshire-street.csv": STREET_HEADER + "\n" + rows,
            "2023-02/2023-02-northshire-street.csv": STREET_HEADER + "\n"
            "aaa2,\u0662\u0660\u0662\u0663-\u0660\u0662,N,N,,,,,,Robbery,,\n",  # Arabic-Indic
        },
    )
    stages = RecordingProgress()
    result = import_source("police-uk", archive, warehouse, progress=stages)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (2, 1, 1)
    # the clean member: one insert; the other: an insert, then pass 1 and quarantine
    assert stages.names.count("Reading") == 1 and stages.names.count("Loading") == 4
    assert query(warehouse, 'SELECT file, "column", reason FROM quarantine') == [
        ("2023-02/2023-02-northshire-street.csv", "Month", "not a month (expected YYYY-MM)")
    ]


def test_a_folder_works_like_the_zip(warehouse: Path, tmp_path: Path) -> None:
    archive = _small_archive(tmp_path / "a.zip")
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as z:
        z.extractall(folder)
    result = import_source("police-uk", folder, warehouse)
    assert (result.rows_loaded, result.rows_quarantined) == (9, 2)
    assert len(result.files) == 6  # every file of the folder is hashed, README included


def test_a_broken_member_leaves_nothing(warehouse: Path, tmp_path: Path) -> None:
    import_source("police-crimes", Path(__file__).parent / "fixtures/police_crimes_small.csv",
                  warehouse)  # fmt: skip
    before = snapshot(warehouse)
    archive = _archive(
        tmp_path / "b.zip",
        {
            "2023-01/2023-01-northshire-street.csv": STREET_HEADER + "\n"
            "aaa1,2023-01,N,N,,,,,,Robbery,,\n",
            "2023-02/2023-02-northshire-street.csv": "Crime ID,Month\naaa2,2023-02\n",
        },
    )
    with pytest.raises(SvdutyError, match=r"2023-02/2023-02-northshire-street\.csv: not a "):
        import_source("police-uk", archive, warehouse)
    assert snapshot(warehouse) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.csv", b"a,b\n1,2\n", "not a data.police.uk archive"),
        ("x.zip", b"PK\x03\x04broken", "not a data.police.uk archive"),
        ("empty.zip", None, "no data.police.uk files found"),
    ],
)
def test_not_an_archive(
    warehouse: Path, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is None:
        _archive(path, {"notes.txt": "hello"})
    else:
        path.write_bytes(content)
    with pytest.raises(SvdutyError, match=message):
        import_source("police-uk", path, warehouse)


def _expected_from_zip(path: Path) -> dict[str, Counter]:
    """Counts computed independently with the csv module, straight from the zip."""
    expected: dict[str, Counter] = {"street": Counter(), "outcomes": Counter(),
                                    "stop-and-search": Counter()}  # fmt: skip
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            kind = next((k for k in expected if name.endswith(f"-{k}.csv")), None)
            if kind is None:
                continue
            with archive.open(name) as raw:
                for row in csv.DictReader(io.TextIOWrapper(raw, "utf-8-sig")):
                    if kind == "street":
                        expected[kind][
                            (row["Month"], row["Crime type"], bool(row["Crime ID"]))
                        ] += 1
                    elif kind == "outcomes":
                        expected[kind][(row["Month"], row["Outcome type"])] += 1
                    else:
                        expected[kind][row["Date"][:7]] += 1
    return expected


def _assert_archive_loaded(warehouse: Path, archive: Path) -> dict[str, Counter]:
    expected = _expected_from_zip(archive)
    result = import_source("police-uk", archive, warehouse)
    assert result.rows_quarantined == 0
    street = Counter({
        (m.strftime("%Y-%m"), t, has_id): n
        for m, t, has_id, n in query(
            warehouse,
            "SELECT occurred_month, police_uk_crime_type, crime_ref IS NOT NULL, count(*) "
            "FROM crimes WHERE source = 'police-uk' GROUP BY ALL",
        )
    })  # fmt: skip
    assert street == expected["street"]
    outcomes = Counter({
        (m.strftime("%Y-%m"), t): n
        for m, t, n in query(
            warehouse, "SELECT month, outcome_type, count(*) FROM police_uk_outcomes GROUP BY ALL"
        )
    })  # fmt: skip
    assert outcomes == expected["outcomes"]
    return expected


@pytest.mark.realdata
@pytest.mark.slow
def test_northumbria_archive_every_row(shared_data: Path, warehouse: Path) -> None:
    archive = shared_data / "police_uk" / "northumbria-2020-05-to-2023-03.zip"
    expected = _assert_archive_loaded(warehouse, archive)
    assert query(
        warehouse,
        "SELECT count(crime_ref), count(*) - count(crime_ref) FROM crimes "
        "WHERE source = 'police-uk'",
    ) == [(377_822, 146_248)]
    assert sum(expected["street"].values()) == 377_822 + 146_248
    searches = Counter({
        m.strftime("%Y-%m"): n
        for m, n in query(warehouse, "SELECT month, count(*) FROM stop_and_search GROUP BY ALL")
    })  # fmt: skip
    # A search near midnight UTC on the last day can fall in the next month by local time; the
    # archive files by UTC date, which is what `month` holds too.
    assert searches == expected["stop-and-search"]
    assert query(warehouse, "SELECT period_start, period_end FROM batches") == [
        (dt.date(2020, 5, 1), dt.date(2023, 3, 1))
    ]


@pytest.mark.realdata
@pytest.mark.parametrize(
    "name", ["warwickshire-2018-10-to-2019-02.zip", "northamptonshire-2018-10-to-2019-02.zip"]
)
def test_other_force_archives_load(shared_data: Path, warehouse: Path, name: str) -> None:
    _assert_archive_loaded(warehouse, shared_data / "police_uk" / name)
