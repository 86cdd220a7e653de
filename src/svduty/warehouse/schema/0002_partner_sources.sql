-- Version 2: data.police.uk outcomes and stop and search, and the non-police partner sources.

CREATE TABLE police_uk_outcomes (
    batch_id INTEGER NOT NULL,
    crime_ref VARCHAR NOT NULL,
    month DATE NOT NULL,
    reported_by VARCHAR,
    force_name VARCHAR,                 -- "Falls within"
    longitude DOUBLE,
    latitude DOUBLE,
    location_description VARCHAR,
    lsoa_code VARCHAR,
    lsoa_name VARCHAR,
    outcome_type VARCHAR NOT NULL
);

CREATE TABLE stop_and_search (
    batch_id INTEGER NOT NULL,
    force_name VARCHAR NOT NULL,        -- from the file name (e.g. northumbria)
    search_type VARCHAR NOT NULL,
    searched_at TIMESTAMP NOT NULL,     -- UTC
    month DATE NOT NULL,
    part_of_policing_operation BOOLEAN,
    policing_operation VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    gender VARCHAR,
    age_range VARCHAR,
    self_defined_ethnicity VARCHAR,
    officer_defined_ethnicity VARCHAR,
    legislation VARCHAR,
    object_of_search VARCHAR,
    outcome VARCHAR,
    outcome_linked_to_object BOOLEAN,
    removal_of_more_than_outer_clothing BOOLEAN
);

CREATE TABLE ed_assaults (
    batch_id INTEGER NOT NULL,
    site_code VARCHAR NOT NULL,
    reporting_period_start DATE NOT NULL,
    reporting_period_end DATE NOT NULL,
    arrival_at TIMESTAMP NOT NULL,
    assault_at TIMESTAMP,
    assault_method VARCHAR NOT NULL,
    assault_method_other VARCHAR,
    location_type VARCHAR NOT NULL,
    location_description VARCHAR,
    assault_lsoa VARCHAR,
    age_band VARCHAR,
    sex VARCHAR,
    residence_lsoa VARCHAR
);

CREATE TABLE hospital_admissions (
    batch_id INTEGER NOT NULL,
    patient_key VARCHAR NOT NULL,
    admission_date DATE NOT NULL,
    icd10_cause VARCHAR NOT NULL,       -- normalised, e.g. X99 or X99.0
    age SMALLINT NOT NULL,
    sex VARCHAR,
    ethnicity VARCHAR,
    residence_lsoa VARCHAR
);

CREATE TABLE yj_cases (
    batch_id INTEGER NOT NULL,
    person_key VARCHAR NOT NULL,
    offence_date DATE NOT NULL,
    ho_code VARCHAR NOT NULL,
    outcome VARCHAR,
    age SMALLINT NOT NULL,
    sex VARCHAR,
    ethnicity VARCHAR,
    send BOOLEAN,
    looked_after BOOLEAN,
    excluded BOOLEAN,
    ace_domestic_abuse BOOLEAN,
    ace_parental_substance_misuse BOOLEAN,
    ace_parental_mental_health BOOLEAN,
    ace_parental_imprisonment BOOLEAN,
    ace_abuse_neglect BOOLEAN,
    ace_bereavement BOOLEAN
);

CREATE TABLE probation_cases (
    batch_id INTEGER NOT NULL,
    person_key VARCHAR NOT NULL,
    offence_date DATE NOT NULL,
    ho_code VARCHAR NOT NULL,
    outcome VARCHAR,
    age SMALLINT NOT NULL,
    sex VARCHAR,
    ethnicity VARCHAR,
    send BOOLEAN,
    looked_after BOOLEAN,
    excluded BOOLEAN,
    ace_domestic_abuse BOOLEAN,
    ace_parental_substance_misuse BOOLEAN,
    ace_parental_mental_health BOOLEAN,
    ace_parental_imprisonment BOOLEAN,
    ace_abuse_neglect BOOLEAN,
    ace_bereavement BOOLEAN
);

CREATE TABLE education_events (
    batch_id INTEGER NOT NULL,
    pupil_key VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    event_type VARCHAR NOT NULL,        -- suspension | permanent_exclusion
    reason VARCHAR NOT NULL,
    age SMALLINT,
    sex VARCHAR,
    ethnicity VARCHAR,
    send BOOLEAN,
    residence_lsoa VARCHAR
);

CREATE TABLE case_study_events (
    batch_id INTEGER NOT NULL,
    case_key VARCHAR NOT NULL,
    age_at_event SMALLINT NOT NULL,
    event_type VARCHAR NOT NULL,
    sex VARCHAR
);
