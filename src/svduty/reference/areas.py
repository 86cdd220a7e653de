"""District (local authority) codes that ONS replaced after boundary changes.

The 2011 LSOA boundaries name each LSOA's district by its 2011 code; lookups from 2013 on
(e.g. the LAD17 → CSP → PFA lookup) use the replacement codes, so without this table
Gateshead, Northumberland and four Hertfordshire districts lose their names and parents.
Checked against ../shared/data/geography: every 2011 LSOA filed under an old code lies in the
new district in the ONS LSOA11 → LTLA21 lookup.
"""

from __future__ import annotations

#: superseded GSS district code -> its successor
DISTRICT_SUCCESSORS: dict[str, str] = {
    "E06000048": "E06000057",  # Northumberland, 2013
    "E08000020": "E08000037",  # Gateshead, 2013
    "E07000097": "E07000242",  # East Hertfordshire, 2014
    "E07000100": "E07000240",  # St Albans, 2014
    "E07000101": "E07000243",  # Stevenage, 2014
    "E07000104": "E07000241",  # Welwyn Hatfield, 2014
}
