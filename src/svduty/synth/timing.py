"""When incidents happen: month volumes with a summer peak, days of the week, hours of the day.

The night-time economy is modelled directly: a night-time incident falls on a Friday or Saturday
between 22:00 and 03:00 the next morning.
"""

from __future__ import annotations

import numpy as np

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
