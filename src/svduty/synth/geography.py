"""Fictional LSOAs, districts, Community Safety Partnerships and police force areas.

LSOAs are cells of a jittered grid: neighbouring cells share their corner vertices, so queen
contiguity works exactly as on real boundaries. Codes are valid in format but cannot collide with
real ones (real LSOA codes never start ``E019``, districts ``E0790``, CSPs ``E2290``, force
areas ``E2390``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svduty.synth.scales import Scale

COUNTY_DISTRICT_NAMES = (
    "Northby",
    "Sample Vale",
    "Easton Marsh",
    "Westford",
    "Brookhampton",
    "Kingsmere",
)
_JITTER = 0.18  # of a cell; small enough that every quadrilateral stays convex


@dataclass(frozen=True)
class Areas:
    """Every synthetic area, as parallel numpy arrays indexed by LSOA (or district, CSP, force)."""

    lsoa_code: np.ndarray
    lsoa_name: np.ndarray
    row: np.ndarray
    col: np.ndarray
    vertices: np.ndarray  # (n, 4, 2) lon/lat corners, anticlockwise
    district_of_lsoa: np.ndarray
    district_code: np.ndarray
    district_name: np.ndarray
    csp_of_district: np.ndarray
    csp_code: np.ndarray
    csp_name: np.ndarray
    force_of_csp: np.ndarray
    force_code: np.ndarray
    force_name: np.ndarray
    rows: int
    columns: int

    @property
    def n(self) -> int:
        return len(self.lsoa_code)

    @property
    def centroid(self) -> np.ndarray:
        return self.vertices.mean(axis=1)

    def index_at(self, row: int, col: int) -> int:
        """LSOA index of grid cell (row, col), or -1 outside the grid."""
        if not (0 <= row < self.rows and 0 <= col < self.columns):
            return -1
        index = row * self.columns + col
        return index if index < self.n else -1

    def rook_neighbours(self, index: int) -> list[int]:
        r, c = int(self.row[index]), int(self.col[index])
        found = [self.index_at(r + dr, c + dc) for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1))]
        return [i for i in found if i >= 0]


def _vertex_grid(scale: Scale, rows: int, rng: np.random.Generator) -> np.ndarray:
    """(rows+1, columns+1, 2) jittered lon/lat vertices shared by neighbouring cells."""
    lon_step = (scale.lon_max - scale.lon_min) / scale.columns
    lat_step = (scale.lat_max - scale.lat_min) / rows
    jr, jc = np.meshgrid(np.arange(rows + 1), np.arange(scale.columns + 1), indexing="ij")
    jitter = rng.uniform(-_JITTER, _JITTER, size=(rows + 1, scale.columns + 1, 2))
    # Keep the outer edge straight so the area is a clean rectangle.
    jitter[0, :, 1] = jitter[-1, :, 1] = 0.0
    jitter[:, 0, 0] = jitter[:, -1, 0] = 0.0
    lon = scale.lon_min + (jc + jitter[..., 0]) * lon_step
    lat = scale.lat_max - (jr + jitter[..., 1]) * lat_step
    return np.stack([lon, lat], axis=-1)


def _blocks(n_items: int, n_groups: int) -> np.ndarray:
    """Group index of each of ``n_items`` ordered items split into near-equal runs."""
    sizes = [len(part) for part in np.array_split(np.arange(n_items), n_groups)]
    return np.repeat(np.arange(n_groups), sizes)


def build_areas(scale: Scale, rng: np.random.Generator) -> Areas:
    """Lay out the LSOA grid and group it into districts, partnerships and forces."""
    n, columns = scale.n_lsoas, scale.columns
    rows = -(-n // columns)
    grid = _vertex_grid(scale, rows, rng)
    index = np.arange(n)
    row, col = index // columns, index % columns
    vertices = np.stack(
        [grid[row + 1, col], grid[row + 1, col + 1], grid[row, col + 1], grid[row, col]], axis=1
    )

    wanted = max(1, round(n / scale.lsoas_per_district))
    block_rows = max(1, round(np.sqrt(wanted * rows / columns)))
    block_cols = -(-wanted // block_rows)
    block = (row * block_rows // rows) * block_cols + (col * block_cols // columns)
    _, district_of_lsoa = np.unique(block, return_inverse=True)
    n_districts = int(district_of_lsoa.max()) + 1

    if scale.name == "county" and n_districts <= len(COUNTY_DISTRICT_NAMES):
        district_name = np.array(COUNTY_DISTRICT_NAMES[:n_districts], dtype=object)
    else:
        district_name = np.array([f"Sample District {i + 1:03d}" for i in range(n_districts)])
    district_code = np.array([f"E0790{i + 1:04d}" for i in range(n_districts)])

    n_csps = max(1, round(n_districts / scale.districts_per_csp))
    csp_of_district = _blocks(n_districts, n_csps)
    csp_name = np.array(
        [
            " and ".join(district_name[csp_of_district == k]) + " Community Safety Partnership"
            if scale.name == "county"
            else f"Sample Partnership {k + 1:03d}"
            for k in range(n_csps)
        ],
        dtype=object,
    )
    csp_code = np.array([f"E2290{k + 1:04d}" for k in range(n_csps)])
    n_forces = min(scale.n_forces, n_csps)
    force_of_csp = _blocks(n_csps, n_forces)
    force_name = np.array(
        [
            scale.county_name if n_forces == 1 else f"Sample Force {f + 1:02d}"
            for f in range(n_forces)
        ]
    )
    force_code = np.array([f"E2390{f + 1:04d}" for f in range(n_forces)])

    lsoa_code = np.array([f"E019{i + 1:05d}" for i in index])
    within = np.zeros(n, dtype=np.int64)
    for d in range(n_districts):
        members = np.flatnonzero(district_of_lsoa == d)
        within[members] = np.arange(len(members))
    letters = np.array(list("ABCD"))
    lsoa_name = np.array(
        [
            f"{district_name[d]} {w // 4 + 1:03d}{letters[w % 4]}"
            for d, w in zip(district_of_lsoa, within, strict=True)
        ]
    )
    return Areas(
        lsoa_code=lsoa_code,
        lsoa_name=lsoa_name,
        row=row,
        col=col,
        vertices=vertices,
        district_of_lsoa=district_of_lsoa,
        district_code=district_code,
        district_name=district_name,
        csp_of_district=csp_of_district,
        csp_code=csp_code,
        csp_name=csp_name,
        force_of_csp=force_of_csp,
        force_code=force_code,
        force_name=force_name,
        rows=rows,
        columns=columns,
    )


def points_in_lsoas(areas: Areas, lsoa: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """(k, 2) lon/lat points strictly inside the given LSOAs (bilinear in the convex quad)."""
    u = rng.uniform(0.08, 0.92, size=len(lsoa))[:, None]
    v = rng.uniform(0.08, 0.92, size=len(lsoa))[:, None]
    quad = areas.vertices[lsoa]
    bottom = quad[:, 0] * (1 - u) + quad[:, 1] * u
    top = quad[:, 3] * (1 - u) + quad[:, 2] * u
    return bottom * (1 - v) + top * v
