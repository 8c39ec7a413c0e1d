"""Seasons and dates: one turn is one season.

Winter runs December to February and belongs to the year it ends in, so
December 1922 and January 1923 are both "Winter 1922/23". Dates in scenario
files are months ("1924-01"); the engine works in absolute season numbers.
"""

from __future__ import annotations

import re

SEASONS = ("winter", "spring", "summer", "autumn")
_MONTH_SEASON = {12: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3}
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


class InvalidDateError(ValueError):
    """A date string that is not a month in the form YYYY-MM."""


def parse_month(text: str) -> tuple[int, int]:
    """Return (year, month) from "YYYY-MM".

    >>> parse_month("1924-01")
    (1924, 1)
    """
    m = _MONTH_RE.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InvalidDateError(f"expected a month like 1924-01, got {text!r}")
    return int(m.group(1)), int(m.group(2))


def season_of(text: str) -> int:
    """Absolute season number of a month: year * 4 + season index.

    >>> season_of("1922-12") == season_of("1923-02")
    True
    """
    year, month = parse_month(text)
    if month == 12:
        year += 1
    return year * 4 + _MONTH_SEASON[month]


def season_label(absolute: int) -> str:
    """Human label of an absolute season.

    >>> season_label(season_of("1924-01"))
    'Winter 1923/24'
    >>> season_label(season_of("1922-07"))
    'Summer 1922'
    """
    year, idx = divmod(absolute, 4)
    if idx == 0:
        return f"Winter {year - 1}/{year % 100:02d}"
    return f"{SEASONS[idx].capitalize()} {year}"


def season_key(absolute: int) -> str:
    """Short stable key of a season, e.g. ``1924-winter`` for Winter 1923/24."""
    year, idx = divmod(absolute, 4)
    return f"{year}-{SEASONS[idx]}"
