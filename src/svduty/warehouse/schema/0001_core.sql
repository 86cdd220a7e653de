-- Version 1: provenance, quarantine, geography, population and police recorded crime.
-- Every data table carries batch_id so a batch can be traced, replaced or removed as a unit.

CREATE TABLE batches (
    batch_id INTEGER NOT NULL,
    source VARCHAR NOT NULL,
    files VARCHAR[] NOT NULL,           -- file names as given (members of a zip are listed by the reader)
    sha256 VARCHAR[] NOT NULL,          -- SHA-256 of each input file, same order as the hashed inputs
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    period_start DATE,                  -- first month covered (first of the month)
    period_end DATE,                    -- last month covered (first of the month)
    imported_by VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL,     -- UTC
    mapping_profile VARCHAR,
    replaced_batches INTEGER[],         -- older batches this one replaced (--replace)
    replaced_by INTEGER                 -- set when a later batch replaced this one
);

CREATE TABLE quarantine (
    batch_id INTEGER NOT NULL,
    file VARCHAR NOT NULL,
    row_number BIGINT,                  -- spreadsheet row: the header is row 1, first data row is 2
    "column" VARCHAR,
    value VARCHAR,                      -- the cell as written; NULL for person identifiers
    reason VARCHAR NOT NULL
);

CREATE TABLE areas (
    batch_id INTEGER NOT NULL,
    area_code VARCHAR NOT NULL,
    area_name VARCHAR,
    area_type VARCHAR NOT NULL,         -- lsoa | district | csp | pfa
    parent_code VARCHAR,                -- lsoa -> district -> csp -> pfa
    vintage VARCHAR,                    -- e.g. 2011, 2021, 2017
    geometry BLOB                       -- WKB, WGS84 longitude/latitude; NULL when no boundary
);

CREATE TABLE area_indicators (
    batch_id INTEGER NOT NULL,
    area_code VARCHAR NOT NULL,
    dataset VARCHAR NOT NULL,           -- e.g. imd2019
    indicator VARCHAR NOT NULL,         -- e.g. imd, income, employment, crime
    measure VARCHAR NOT NULL,           -- score | rank | decile
    value DOUBLE
);

CREATE TABLE population (
    batch_id INTEGER NOT NULL,
    area_code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    age_band VARCHAR NOT NULL,          -- 'all', a single year '17', '90+', or a band '0-17', '25+'
    age_min INTEGER,                    -- NULL for 'all'
    age_max INTEGER,                    -- NULL when open-ended ('90+', '25+', 'all')
    sex VARCHAR NOT NULL,               -- F | M | all
    ethnicity VARCHAR NOT NULL,         -- ONS group or 'all'
    population BIGINT NOT NULL
);

CREATE TABLE crimes (
    batch_id INTEGER NOT NULL,
    source VARCHAR NOT NULL,            -- police-crimes | police-uk
    crime_ref VARCHAR,                  -- NULL for police.uk anti-social behaviour rows
    ho_code VARCHAR,                    -- canonical Home Office code; NULL for police.uk
    police_uk_crime_type VARCHAR,       -- police.uk crime type; NULL for force extracts
    occurred_at TIMESTAMP,              -- NULL when no time of day is known
    occurred_date DATE,                 -- NULL when only the month is known
    occurred_month DATE NOT NULL,       -- first of the month
    lsoa_code VARCHAR,
    lsoa_name VARCHAR,
    longitude DOUBLE,
    latitude DOUBLE,
    knife BOOLEAN,
    firearm BOOLEAN,
    domestic_abuse BOOLEAN,
    location_type VARCHAR,
    location_description VARCHAR,
    outcome VARCHAR,
    force_name VARCHAR,
    context VARCHAR
);

CREATE TABLE crime_people (
    batch_id INTEGER NOT NULL,
    source VARCHAR NOT NULL,
    crime_ref VARCHAR NOT NULL,
    person_key VARCHAR NOT NULL,        -- HMAC-SHA256 of the force's person id
    role VARCHAR NOT NULL,              -- victim | suspect
    age SMALLINT,
    sex VARCHAR,
    ethnicity VARCHAR
);
