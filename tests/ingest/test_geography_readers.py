"""imd, geo-lookup, boundaries and population: both header styles, real open data, refusals."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from svduty.errors import SvdutyError
from svduty.ingest import import_source

from .conftest import query, snapshot

WARWICKSHIRE = ("E07000218", "E07000219", "E07000220", "E07000221", "E07000222")

OFFICIAL_IMD = (
    "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
    "Local Authority District name (2019),Index of Multiple Deprivation (IMD) Score,"
    "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),"
    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),"
    '"Education, Skills and Training Score",Crime Decile (where 1 is most deprived 10% of LSOAs),'
    "Total population: mid 2015 (excluding prisoners)\n"
    "E01000001,City of London 001A,E09000001,City of London,6.208,29199,9,0.2,10,1296\n"
    "e01000002,City of London 001B,E09000001,City of London,5.143,30379,10,0.8,,1156\n"
    "E01000003,City of London 001C,E09000001,City of London,19.402,14915,11,7.5,4,1350\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# -- imd --------------------------------------------------------------------------------------


def test_imd_official_headers(tmp_path: Path, warehouse: Path) -> None:
    result = import_source("imd", write(tmp_path / "File_7.csv", OFFICIAL_IMD), warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (3, 2, 1)
    assert query(
        warehouse,
        "SELECT area_code, dataset, indicator, measure, value FROM area_indicators ORDER BY ALL",
    ) == [
        ("E01000001", "imd2019", "crime", "decile", 10.0),
        ("E01000001", "imd2019", "education", "score", 0.2),
        ("E01000001", "imd2019", "imd", "decile", 9.0),
        ("E01000001", "imd2019", "imd", "rank", 29199.0),
        ("E01000001", "imd2019", "imd", "score", 6.208),
        ("E01000002", "imd2019", "education", "score", 0.8),
        ("E01000002", "imd2019", "imd", "decile", 10.0),
        ("E01000002", "imd2019", "imd", "rank", 30379.0),
        ("E01000002", "imd2019", "imd", "score", 5.143),
    ]
    assert query(warehouse, 'SELECT row_number, "column", value, reason FROM quarantine') == [
        (
            4,
            "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)",
            "11",
            "not a whole number between 1 and 10",
        )
    ]


def test_imd_refusals(tmp_path: Path, warehouse: Path) -> None:
    cases = {
        "no_code.csv": ("IMD_decile\n3\n", "no LSOA code column"),
        "no_values.csv": ("lsoa_code,population\nE01000001,3\n", "no score, rank or decile"),
        "twice.csv": ("lsoa_code,IMD_decile\nE01000001,3\nE01000001,4\n", "E01000001 appears 2"),
    }
    for name, (text, expected) in cases.items():
        with pytest.raises(SvdutyError, match=expected) as error:
            import_source("imd", write(tmp_path / name, text), warehouse)
        assert str(error.value).startswith(f"{name}: ")
    assert query(warehouse, "SELECT count(*) FROM area_indicators") == [(0,)]


@pytest.mark.realdata
def test_imd_real_short_headers(shared_data: Path, warehouse: Path) -> None:
    path = shared_data / "geography" / "imd2019_england_lsoa11.csv"
    result = import_source("imd", path, warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (32844, 32844, 0)
    data = csv_rows(path)
    # every non-key column of every row is one indicator row
    assert query(warehouse, "SELECT count(*) FROM area_indicators") == [(32844 * 16,)]
    known = {r["lsoa_code"]: r for r in data}["E01031254"]  # Warwick 001A
    assert query(
        warehouse,
        "SELECT indicator, measure, value FROM area_indicators WHERE area_code = 'E01031254' "
        "AND indicator IN ('imd', 'barriers') ORDER BY ALL",
    ) == [
        ("barriers", "decile", float(known["Housing_and_Access_decile"])),
        ("barriers", "rank", float(known["Housing_and_Access_rank"])),
        ("imd", "decile", float(known["IMD_decile"])),
        ("imd", "rank", float(known["IMD_rank"])),
    ]
    assert query(
        warehouse,
        "SELECT count(*) FROM area_indicators WHERE indicator = 'imd' AND measure = 'decile' "
        "AND value = 1",
    ) == [(sum(r["IMD_decile"] == "1" for r in data),)]


# -- geo-lookup -------------------------------------------------------------------------------


@pytest.mark.realdata
def test_lad_csp_pfa_lookup_round_trip(shared_data: Path, warehouse: Path) -> None:
    path = shared_data / "geography" / "lad17_csp17_pfa17_lookup.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = import_source("geo-lookup", path, warehouse)
    data = csv_rows(path)
    assert (result.rows_read, result.rows_loaded) == (348, 348)
    round_trip = query(
        warehouse,
        "SELECT d.area_code, d.area_name, c.area_code, c.area_name, p.area_code, p.area_name "
        "FROM areas d JOIN areas c ON c.area_code = d.parent_code AND c.area_type = 'csp' "
        "JOIN areas p ON p.area_code = c.parent_code AND p.area_type = 'pfa' "
        "WHERE d.area_type = 'district' ORDER BY 1",
    )
    fields = ("LAD17CD", "LAD17NM", "CSP17CD", "CSP17NM", "PFA17CD", "PFA17NM")
    assert round_trip == sorted(tuple(r[f] for f in fields) for r in data)
    assert query(
        warehouse,
        "SELECT area_type, vintage, count(*) FROM areas GROUP BY ALL ORDER BY 1",
    ) == [
        ("csp", "2017", len({r["CSP17CD"] for r in data})),
        ("district", "2017", 348),
        ("pfa", "2017", len({r["PFA17CD"] for r in data})),
    ]
    # Stratford-on-Avon and Warwick share South Warwickshire
    assert query(
        warehouse,
        "SELECT area_code FROM areas WHERE parent_code = 'E22000359' ORDER BY 1",
    ) == [("E07000221",), ("E07000222",)]


def test_lookup_without_bom_and_bad_codes(tmp_path: Path, warehouse: Path) -> None:
    text = (
        "LAD21CD,LAD21NM,CSP21CD,CSP21NM,PFA21CD,PFA21NM\n"
        "E07000221,Stratford-on-Avon,E22000359,South Warwickshire,E23000017,Warwickshire\n"
        "E07000222,Warwick,E22000359,South Warwickshire,E23000017,Warwickshire\n"
        "E07000220,Rugby,E2200032,Rugby,E23000017,Warwickshire\n"
    )
    result = import_source("geo-lookup", write(tmp_path / "lookup.csv", text), warehouse)
    assert (result.rows_loaded, result.rows_quarantined) == (2, 1)
    assert query(warehouse, 'SELECT row_number, "column", value FROM quarantine') == [
        (4, "CSP21CD", "E2200032")
    ]
    assert query(
        warehouse, "SELECT area_code, parent_code, vintage FROM areas ORDER BY area_type, 1"
    ) == [
        ("E22000359", "E23000017", "2021"),
        ("E07000221", "E22000359", "2021"),
        ("E07000222", "E22000359", "2021"),
        ("E23000017", None, "2021"),
    ]


def test_lookup_conflicts_are_refused(tmp_path: Path, warehouse: Path) -> None:
    text = (
        "LAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM\n"
        "E07000221,Stratford-on-Avon,E22000359,South Warwickshire,E23000017,Warwickshire\n"
        "E07000222,Warwick,E22000359,South Warwickshire,E23000018,West Mercia\n"
    )
    with pytest.raises(SvdutyError, match="csp E22000359 has two different names or parents"):
        import_source("geo-lookup", write(tmp_path / "clash.csv", text), warehouse)
    with pytest.raises(SvdutyError, match="not a geo-lookup file"):
        import_source("geo-lookup", write(tmp_path / "x.csv", "a,b\n1,2\n"), warehouse)
    assert query(warehouse, "SELECT count(*) FROM areas") == [(0,)]


@pytest.mark.realdata
def test_lsoa_to_district_lookup(shared_data: Path, warehouse: Path) -> None:
    path = shared_data / "geography" / "lookup_lsoa11_to_ltla21.csv"
    data = csv_rows(path)
    result = import_source("geo-lookup", path, warehouse)
    assert result.rows_loaded == len(data) == 34753
    for district in WARWICKSHIRE:
        expected = sum(r["ltla21_code"] == district for r in data)
        assert query(
            warehouse,
            "SELECT count(*) FROM areas WHERE area_type = 'lsoa' AND parent_code = ?",
            [district],
        ) == [(expected,)]
    assert query(warehouse, "SELECT DISTINCT area_type, vintage FROM areas") == [("lsoa", "2011")]

    # the 2011 -> 2021 lookup: the newer LSOAs, each once, under their 2022 districts
    path21 = shared_data / "geography" / "lookup_lsoa11_to_lsoa21_ltla22.csv"
    data21 = csv_rows(path21)
    import_source("geo-lookup", path21, warehouse)
    expected = {(r["lsoa21_code"], r["ltla22_code"]) for r in data21}
    assert query(
        warehouse,
        "SELECT count(*), count(DISTINCT area_code) FROM areas WHERE vintage = '2021'",
    ) == [(len(expected), len(expected))]
    north_northants = sum(d == "E06000061" for _, d in expected)
    assert north_northants > 0
    assert query(
        warehouse,
        "SELECT count(*) FROM areas WHERE vintage = '2021' AND parent_code = 'E06000061'",
    ) == [(north_northants,)]


# -- boundaries -------------------------------------------------------------------------------


@pytest.fixture
def warwickshire_boundaries(shared_data: Path, tmp_path: Path) -> Path:
    """The Warwickshire districts' files, extracted from the England zip into a folder."""
    folder = tmp_path / "warwickshire"
    with zipfile.ZipFile(shared_data / "geography" / "lsoa11_boundaries_by_lad_england.zip") as z:
        for district in WARWICKSHIRE:
            z.extract(f"lsoa11_by_lad/{district}.json", folder)
    return folder


@pytest.mark.realdata
def test_warwickshire_boundaries(
    shared_data: Path, warwickshire_boundaries: Path, warehouse: Path
) -> None:
    import shapely

    result = import_source("boundaries", warwickshire_boundaries, warehouse)
    lookup = csv_rows(shared_data / "geography" / "lookup_lsoa11_to_ltla21.csv")
    expected = {d: sum(r["ltla21_code"] == d for r in lookup) for d in WARWICKSHIRE}
    assert result.rows_loaded == sum(expected.values()) == 339
    assert [o.file for o in result.outcomes] == [f"lsoa11_by_lad/{d}.json" for d in WARWICKSHIRE]
    assert dict(query(warehouse, "SELECT parent_code, count(*) FROM areas GROUP BY 1")) == expected
    ((name, vintage, wkb),) = query(
        warehouse,
        "SELECT area_name, vintage, geometry FROM areas WHERE area_code = 'E01031254'",
    )
    assert (name, vintage) == ("Warwick 001A", "2011")
    polygon = shapely.from_wkb(wkb)
    assert polygon.geom_type in ("Polygon", "MultiPolygon")
    lon, lat = polygon.representative_point().coords[0]
    assert -1.8 < lon < -1.3 and 52.1 < lat < 52.5  # around Leamington and Warwick


@pytest.mark.realdata
@pytest.mark.slow
def test_england_boundaries_zip(shared_data: Path, warehouse: Path) -> None:
    path = shared_data / "geography" / "lsoa11_boundaries_by_lad_england.zip"
    with zipfile.ZipFile(path) as archive:
        members = sorted(m for m in archive.namelist() if m.endswith(".json"))
    result = import_source("boundaries", path, warehouse)
    assert [o.file for o in result.outcomes] == members
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (32844, 32844, 0)
    # the district of every LSOA is the name of the file it came from
    assert query(
        warehouse,
        "SELECT count(DISTINCT parent_code), count(*) FILTER (WHERE geometry IS NULL) FROM areas",
    ) == [(326, 0)]
    assert query(warehouse, "SELECT parent_code FROM areas WHERE area_code = 'E01031254'") == [
        ("E07000222",)
    ]


def test_a_bad_file_in_a_folder_refuses_the_whole_import(tmp_path: Path, warehouse: Path) -> None:
    folder = tmp_path / "districts"
    folder.mkdir()
    write(
        folder / "E07000221.geojson",
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
        '{"LSOA11CD":"E01031183","LSOA11NM":"Stratford-on-Avon 001A"},"geometry":{"type":'
        '"Polygon","coordinates":[[[-1.7,52.2],[-1.6,52.2],[-1.6,52.3],[-1.7,52.2]]]}}]}',
    )
    write(folder / "E07000222.geojson", '{"type":"FeatureCollection","features":[{"type"')
    import_source("geo-lookup", small_lookup(tmp_path), warehouse)
    before = snapshot(warehouse)
    with pytest.raises(SvdutyError, match=r"^E07000222\.geojson: cannot read"):
        import_source("boundaries", folder, warehouse)
    assert snapshot(warehouse) == before


def small_lookup(tmp_path: Path) -> Path:
    return write(
        tmp_path / "lookup.csv",
        "LAD17CD,LAD17NM,CSP17CD,CSP17NM,PFA17CD,PFA17NM\n"
        "E07000222,Warwick,E22000359,South Warwickshire,E23000017,Warwickshire\n",
    )


def test_boundaries_geopackage_shapefile_zip_and_quarantine(
    tmp_path: Path, warehouse: Path
) -> None:
    import geopandas as gpd
    from shapely.geometry import LineString, Polygon, box

    frame = gpd.GeoDataFrame(
        {
            "LSOA21CD": ["E01000001", "E01000002", "E0100000X", "E01000004", "E01000001", None],
            "LSOA21NM": ["A 001A", "A 001B", "bad", "line", "repeat", "nameless"],
        },
        geometry=[
            box(-1.60, 52.30, -1.59, 52.31),
            Polygon([(-1.5, 52.3), (-1.4, 52.4), (-1.4, 52.3), (-1.5, 52.4)]),  # bow-tie
            box(-1.50, 52.30, -1.49, 52.31),
            LineString([(-1.5, 52.3), (-1.4, 52.4)]),
            box(-1.50, 52.30, -1.49, 52.31),
            box(-1.50, 52.30, -1.49, 52.31),
        ],
        crs="EPSG:4326",
    )
    gpkg = tmp_path / "E07000222.gpkg"
    frame.to_file(gpkg, driver="GPKG")
    (tmp_path / "empty").mkdir()
    frame.iloc[[]].to_file(tmp_path / "empty" / "E07000220.geojson", driver="GeoJSON")
    with pytest.raises(SvdutyError, match=r"^empty: no data rows; nothing loaded$"):
        import_source("boundaries", tmp_path / "empty", warehouse)
    assert query(warehouse, "SELECT count(*) FROM batches") == [(0,)]
    result = import_source("boundaries", gpkg, warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (6, 2, 4)
    assert query(warehouse, 'SELECT row_number, "column", value, reason FROM quarantine '
                 'ORDER BY 1, 2') == [
        (3, "LSOA21CD", "E0100000X", "not an LSOA code (expected E01 or W01 and six digits)"),
        (4, "geometry", None, "not a polygon"),
        (5, "LSOA21CD", "E01000001", "LSOA code repeated in this import"),
        (6, "LSOA21CD", None, "missing value"),
    ]  # fmt: skip
    assert query(warehouse, "SELECT area_code, parent_code, vintage FROM areas ORDER BY 1") == [
        ("E01000001", "E07000222", "2021"),
        ("E01000002", "E07000222", "2021"),
    ]

    # British National Grid shapefiles are reprojected to WGS84; a zip of several is one batch
    shp_dir = tmp_path / "shp"
    shp_dir.mkdir()
    frame.iloc[[0, 1]].to_crs("EPSG:27700").to_file(shp_dir / "E07000221.shp")
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for file in shp_dir.iterdir():
            z.write(file, f"shapes/{file.name}")
    zipped = import_source("boundaries", archive, warehouse, replace=False)
    assert (zipped.rows_read, zipped.rows_loaded) == (2, 2)
    (wkb,) = query(
        warehouse,
        "SELECT geometry FROM areas WHERE batch_id = ? AND area_code = 'E01000001'",
        [zipped.batch_id],
    )[0]
    import shapely

    assert shapely.from_wkb(wkb).bounds == pytest.approx((-1.60, 52.30, -1.59, 52.31), abs=1e-6)


def test_boundaries_refusals(tmp_path: Path, warehouse: Path) -> None:
    before = snapshot(warehouse) if warehouse.exists() else None
    cases = {
        "empty.geojson": ("", "cannot read"),
        "props.geojson": (
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":'
            '{"code":"E01000001"},"geometry":{"type":"Point","coordinates":[0,52]}}]}',
            "no LSOA code property",
        ),
        "notes.txt": ("hello", "not a boundary file"),
    }
    for name, (text, expected) in cases.items():
        with pytest.raises(SvdutyError, match=expected) as error:
            import_source("boundaries", write(tmp_path / name, text), warehouse)
        assert str(error.value).startswith(f"{name}: ") and "\n" not in str(error.value)
    (tmp_path / "none").mkdir()
    write(tmp_path / "none" / "readme.md", "x")
    with pytest.raises(SvdutyError, match="no boundary files found"):
        import_source("boundaries", tmp_path / "none", warehouse)
    assert before is None or snapshot(warehouse) == before


# -- population -------------------------------------------------------------------------------


def ons_text(header_code: str, header_total: str) -> str:
    ages = [str(a) for a in range(90)] + ["90+"]
    header = ["LSOA Name" if "Code" in header_code else "lsoa11_name", header_code, header_total]
    row_a = ["Warwick 001A", "E01031254", str(sum(range(91)))] + [str(a) for a in range(91)]
    row_b = ["Warwick 001B", "E01031255", "91"] + ["1"] * 90 + ["-1"]
    return "\n".join(",".join(r) for r in (header + ages, row_a, row_b)) + "\n"


def test_population_official_ons_headers(tmp_path: Path, warehouse: Path) -> None:
    path = write(tmp_path / "SAPE22DT2-mid-2019-lsoa-syoa.csv", ons_text("LSOA Code", "All Ages"))
    result = import_source("population", path, warehouse)
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (2, 1, 1)
    assert query(
        warehouse,
        "SELECT year, count(*), sum(population) FILTER (WHERE age_band <> 'all'), "
        "sum(population) FILTER (WHERE age_band = 'all') FROM population GROUP BY 1",
    ) == [(2019, 92, sum(range(91)), sum(range(91)))]
    assert query(
        warehouse,
        "SELECT age_band, age_min, age_max, sex, ethnicity, population FROM population "
        "WHERE age_band IN ('all', '0', '17', '90+') ORDER BY age_min NULLS FIRST",
    ) == [
        ("all", None, None, "all", "all", sum(range(91))),
        ("0", 0, 0, "all", "all", 0),
        ("17", 17, 17, "all", "all", 17),
        ("90+", 90, None, "all", "all", 90),
    ]
    assert query(warehouse, 'SELECT row_number, "column", value FROM quarantine') == [
        (3, "90+", "-1")
    ]


def test_population_long_layouts(tmp_path: Path, warehouse: Path) -> None:
    census = write(
        tmp_path / "census.csv",
        "lsoa21_code,lsoa21_name,age_group,usual_residents\n"
        "E01031254,Warwick 001A,Aged 15 years and under,300\n"
        "E01031254,Warwick 001A,Aged 16 to 24 years,250\n"
        "E01031254,Warwick 001A,Aged 65 years and over,120\n"
        "E01031254,Warwick 001A,Aged about 30,5\n",
    )
    result = import_source("population", census, warehouse)
    assert (result.rows_loaded, result.rows_quarantined) == (3, 1)
    assert query(
        warehouse, "SELECT year, age_band, age_min, age_max, population FROM population ORDER BY 3"
    ) == [(2021, "0-15", 0, 15, 300), (2021, "16-24", 16, 24, 250), (2021, "65+", 65, None, 120)]
    own = write(
        tmp_path / "own.csv",
        "area_code,year,age_band,sex,ethnicity,population\n"
        "E01031254,2023,0-17,F,Asian,18\n"
        "E01031254,2023,25+,all,all,900\n"
        "E07000222,2023,all,M,White,70000\n"
        "E01031254,2023,0-17,Q,Asian,18\n",
    )
    result = import_source("population", own, warehouse)
    assert (result.rows_loaded, result.rows_quarantined) == (3, 1)
    assert query(
        warehouse,
        "SELECT area_code, age_band, age_min, age_max, sex, ethnicity, population FROM population "
        "WHERE year = 2023 ORDER BY 1, 2",
    ) == [
        ("E01031254", "0-17", 0, 17, "F", "Asian", 18),
        ("E01031254", "25+", 25, None, "all", "all", 900),
        ("E07000222", "all", None, None, "M", "White", 70000),
    ]


def test_population_refusals(tmp_path: Path, warehouse: Path) -> None:
    no_year = write(tmp_path / "ons_population.csv", ons_text("lsoa11_code", "total_population"))
    with pytest.raises(SvdutyError, match="cannot tell the year"):
        import_source("population", no_year, warehouse)
    with pytest.raises(SvdutyError, match="not a population file"):
        import_source("population", write(tmp_path / "p.csv", "a,b\n1,2\n"), warehouse)
    twice = write(
        tmp_path / "twice.csv",
        "area_code,year,age_band,sex,ethnicity,population\n"
        "E01031254,2023,0-17,F,Asian,18\nE01031254,2023,0-17,F,Asian,19\n",
    )
    with pytest.raises(SvdutyError, match="appears more than once"):
        import_source("population", twice, warehouse)
    assert query(warehouse, "SELECT count(*) FROM population") == [(0,)]


@pytest.mark.realdata
@pytest.mark.slow
def test_population_real_files(shared_data: Path, warehouse: Path) -> None:
    geography = shared_data / "geography"
    ons = import_source(
        "population", geography / "ons_mid2020_population_lsoa11_single_year_of_age.csv", warehouse
    )
    assert (ons.rows_read, ons.rows_loaded) == (34753, 34753)
    assert query(
        warehouse,
        "SELECT sum(population) FILTER (WHERE age_band = 'all'), "
        "sum(population) FILTER (WHERE age_band <> 'all'), count(DISTINCT age_band) "
        "FROM population WHERE year = 2020",
    ) == [(59719724, 59719724, 92)]  # ONS's published England and Wales total
    census_path = geography / "census2021_usual_residents_lsoa21_age_bands.csv"
    census = import_source("population", census_path, warehouse)
    data = csv_rows(census_path)
    assert census.rows_loaded == len(data)
    assert query(
        warehouse,
        "SELECT age_band, sum(population) FROM population WHERE year = 2021 GROUP BY 1 ORDER BY 1",
    ) == sorted(
        {
            label: sum(int(r["usual_residents"]) for r in data if r["age_group"] == group)
            for group, label in [
                ("Aged 15 years and under", "0-15"),
                ("Aged 16 to 24 years", "16-24"),
                ("Aged 25 to 34 years", "25-34"),
                ("Aged 35 to 49 years", "35-49"),
                ("Aged 50 to 64 years", "50-64"),
                ("Aged 65 years and over", "65+"),
            ]
        }.items()
    )


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("ons_mid2019_population_lsoa11_single_year_of_age.csv", 2019),
        ("SAPE22DT2-mid-2020-lsoa-syoa-estimates.csv", 2020),
        ("population_lsoa2011_2018.csv", 2018),
        ("lsoa2011.csv", None),
        ("estimates_2019_2020.csv", None),
    ],
)
def test_ons_year_from_file_name(name: str, year: int | None) -> None:
    from svduty.ingest.readers.population import ons_year

    if year is None:
        with pytest.raises(SvdutyError, match="cannot tell the year"):
            ons_year(Path(name))
    else:
        assert ons_year(Path(name)) == year
