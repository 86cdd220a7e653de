"""Domain reference lists shipped as package data: Home Office offence codes, ONS knife-crime
selected offences, ICD-10 assault codes, data.police.uk vocabularies, ISTV fields."""

from svduty.reference.areas import DISTRICT_SUCCESSORS
from svduty.reference.icd10 import (
    SHARP_OBJECT_ASSAULT,
    Icd10Cause,
    icd10_assault_codes,
    icd10_category,
    icd10_excluded_codes,
    is_assault_icd10,
    is_sharp_object_assault,
    normalise_icd10,
)
from svduty.reference.knife import (
    KnifeSelectedOffence,
    knife_selected_codes,
    knife_selected_offences,
)
from svduty.reference.offence_codes import (
    HOMICIDE_COMPONENTS,
    MERGED_HOMICIDE,
    OffenceCode,
    UnknownOffenceCode,
    ho_code_spellings,
    lookup_offence,
    normalise_ho_code,
    offence_codes,
    offence_groups,
    offence_subgroups,
)
from svduty.reference.police_uk import POLICE_UK_CRIME_TYPES, POLICE_UK_OUTCOME_CATEGORIES
from svduty.reference.vocabularies import (
    AGE_BANDS,
    ASSAULT_METHODS,
    ETHNICITIES,
    ISTV_FIELDS,
    LOCATION_TYPES,
    PUBLIC_SPACE_LOCATION_TYPES,
    SEXES,
    AgeBand,
    IstvField,
    age_band,
    canonical_spellings,
)

__all__ = [
    "AGE_BANDS",
    "ASSAULT_METHODS",
    "DISTRICT_SUCCESSORS",
    "ETHNICITIES",
    "HOMICIDE_COMPONENTS",
    "ISTV_FIELDS",
    "LOCATION_TYPES",
    "MERGED_HOMICIDE",
    "POLICE_UK_CRIME_TYPES",
    "POLICE_UK_OUTCOME_CATEGORIES",
    "PUBLIC_SPACE_LOCATION_TYPES",
    "SEXES",
    "SHARP_OBJECT_ASSAULT",
    "AgeBand",
    "Icd10Cause",
    "IstvField",
    "KnifeSelectedOffence",
    "OffenceCode",
    "UnknownOffenceCode",
    "age_band",
    "canonical_spellings",
    "ho_code_spellings",
    "icd10_assault_codes",
    "icd10_category",
    "icd10_excluded_codes",
    "is_assault_icd10",
    "is_sharp_object_assault",
    "knife_selected_codes",
    "knife_selected_offences",
    "lookup_offence",
    "normalise_ho_code",
    "normalise_icd10",
    "offence_codes",
    "offence_groups",
    "offence_subgroups",
]
