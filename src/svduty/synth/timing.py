"""When incidents happen: month volumes with a summer peak, days of the week, hours of the day.

The night-time economy is modelled directly: a night-time incident falls on a Friday or Saturday
between 22:00 and 03:00 the next morning.

The 2020-21 coronavirus restrictions are modelled as a multiplier per month and kind of place:
public places emptied (street, shops, transport, parks, schools, workplaces), licensed premises
and the night-time economy closed, homes held steady, and domestic abuse did not fall (NPCC
snapshots: serious assault and personal robbery down 30% in the four weeks to 10 May 2020,
domestic abuse incidents up 4%; ONS: police recorded domestic-abuse-related crime up 7% in
March-June 2020 on a year earlier, in line with its rising trend).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from svduty.synth.calibration import PUBLIC_PLACES

HOURS = {
    # relative frequency by hour 0..23
    "evening": np.array(
        [
            5,
            4,
            3,
            2,
            1.5,
            1,
            1,
            1.5,
            2.5,
            3,
            3.5,
            4,
            4.5,
            4.5,
            5,
            6.5,
            7,
            7,
            6.5,
            6.5,
            6.5,
            6.5,
            6,
            5.5,
        ]
    ),
    "day": np.array(
        [
            1.5,
            1,
            0.8,
            0.6,
            0.5,
            0.5,
            0.8,
            1.5,
            3,
            4.5,
            5.5,
            6,
            6.5,
            6.5,
            6.5,
            6.5,
            6.5,
            6,
            5,
            4,
            3.5,
            3,
            2.5,
            2,
        ]
    ),
    "any": np.array(
        [4.5, 4, 3, 2, 1.5, 1.2, 1.2, 2, 3, 3.5, 4, 4, 4.5, 4.5, 4.5, 5, 5.5, 6, 6, 6, 6, 6, 5.5, 5]
    ),
}
WEEKDAYS = {  # Monday .. Sunday
    "evening": np.array([0.9, 0.9, 0.95, 1.0, 1.15, 1.25, 1.0]),
    "day": np.array([1.05, 1.05, 1.05, 1.05, 1.1, 1.0, 0.7]),
    "any": np.array([1.0, 0.95, 0.95, 1.0, 1.05, 1.15, 1.1]),
}
NTE_HOUR_OFFSETS = np.array([22, 23, 24, 25, 26])
NTE_HOUR_WEIGHTS = np.array([0.15, 0.22, 0.25, 0.22, 0.16])


def month_days(year: int, month: int) -> np.ndarray:
    """The days of one month as datetime64[D]."""
    start = np.datetime64(f"{year:04d}-{month:02d}", "M")
    return np.arange(start.astype("datetime64[D]"), (start + 1).astype("datetime64[D]"))


def weekday(days: np.ndarray) -> np.ndarray:
    """Monday = 0 … Sunday = 6."""
    return (days.astype("datetime64[D]").astype(np.int64) + 3) % 7


def seasonal_factor(month: int, amplitude: float) -> float:
    """Relative volume of a month: peak in July, trough in January, mean one over a year."""
    return 1.0 + amplitude * np.cos(2 * np.pi * (month - 7) / 12)


def occurrence_times(
    rng: np.random.Generator,
    n: int,
    year: int,
    month: int,
    hours: str,
    nte: np.ndarray,
    period_end: np.datetime64,
) -> np.ndarray:
    """datetime64[m] times for ``n`` incidents of one month; ``nte`` marks night-time ones."""
    days = month_days(year, month)
    dow = weekday(days)
    weights = WEEKDAYS[hours][dow]
    day = days[rng.choice(len(days), size=n, p=weights / weights.sum())]
    hour_p = HOURS[hours] / HOURS[hours].sum()
    offset = rng.choice(24, size=n, p=hour_p).astype(np.int64)
    if nte.any():
        nights = days[(dow == 4) | (dow == 5)]
        k = int(nte.sum())
        day[nte] = nights[rng.integers(0, len(nights), size=k)]
        offset[nte] = rng.choice(NTE_HOUR_OFFSETS, size=k, p=NTE_HOUR_WEIGHTS)
    minutes = offset * 60 + rng.integers(0, 60, size=n)
    when = day.astype("datetime64[m]") + minutes.astype("timedelta64[m]")
    late = when >= period_end
    when[late] -= np.timedelta64(7, "D")
    return when


def in_nte_window(when: np.ndarray) -> np.ndarray:
    """True for times between Friday or Saturday 22:00 and 03:00 the next morning."""
    minutes = when.astype("datetime64[m]").astype(np.int64)
    shifted = minutes - 3 * 60  # 03:00 becomes midnight, so the night is one calendar day
    day = shifted // (24 * 60)
    minute_of_day = shifted % (24 * 60)
    dow = (day + 3) % 7
    return ((dow == 4) | (dow == 5)) & (minute_of_day >= 19 * 60)


@dataclass(frozen=True)
class Restrictions:
    """How much crime a month of coronavirus restrictions left, by kind of place (1 = usual)."""

    public: float  # non-domestic crime in public places
    night: float  # licensed premises (closed in the lockdowns)
    home: float  # non-domestic crime in dwellings and other private places
    domestic: float  # domestic-abuse crime, wherever it happens

    @property
    def ceiling(self) -> float:
        return max(self.public, self.night, self.home, self.domestic)


# England's restrictions, month by month: the first lockdown from 23 March 2020 (eased from 13 May,
# pubs reopened 4 July), tiers and a 10 pm curfew in the autumn, the second lockdown
# (5 November - 2 December), the third (6 January 2021; schools back 8 March, outdoor hospitality
# 12 April, indoor 17 May) and the end of most restrictions on 19 July 2021.
RESTRICTIONS: dict[tuple[int, int], Restrictions] = {
    (2020, 3): Restrictions(0.90, 0.75, 0.98, 1.00),
    (2020, 4): Restrictions(0.74, 0.35, 0.94, 1.06),
    (2020, 5): Restrictions(0.78, 0.35, 0.95, 1.06),
    (2020, 6): Restrictions(0.86, 0.45, 0.97, 1.05),
    (2020, 7): Restrictions(0.94, 0.80, 0.99, 1.02),
    (2020, 8): Restrictions(0.97, 0.90, 1.00, 1.00),
    (2020, 9): Restrictions(0.96, 0.85, 1.00, 1.00),
    (2020, 10): Restrictions(0.92, 0.70, 1.00, 1.00),
    (2020, 11): Restrictions(0.82, 0.40, 0.96, 1.04),
    (2020, 12): Restrictions(0.88, 0.55, 0.98, 1.00),
    (2021, 1): Restrictions(0.74, 0.30, 0.94, 1.06),
    (2021, 2): Restrictions(0.76, 0.30, 0.94, 1.06),
    (2021, 3): Restrictions(0.82, 0.35, 0.96, 1.04),
    (2021, 4): Restrictions(0.88, 0.55, 0.98, 1.00),
    (2021, 5): Restrictions(0.93, 0.75, 1.00, 1.00),
    (2021, 6): Restrictions(0.96, 0.85, 1.00, 1.00),
    (2021, 7): Restrictions(0.98, 0.95, 1.00, 1.00),
}
_PUBLIC = np.array(sorted(set(PUBLIC_PLACES) - {"licensed_premises"}))


def restrictions(year: int, month: int) -> Restrictions | None:
    """The month's restrictions, or None in an ordinary month."""
    return RESTRICTIONS.get((year, month))


def restricted_share(rules: Restrictions, location: np.ndarray, domestic: np.ndarray) -> np.ndarray:
    """Per incident, the part of the usual volume that the month's restrictions left.

    Licensed premises closed; night-time fights in the street went on at the public places' rate
    (street drinking, parties); domestic abuse follows its own rate wherever it happens.
    """
    share = np.where(np.isin(location, _PUBLIC), rules.public, rules.home)
    share = np.where(location == "licensed_premises", rules.night, share)
    return np.where(domestic, rules.domestic, share)
