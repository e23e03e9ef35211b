"""Time limits reckoned as lag (1930:173) om beräkning av lagstadgad tid says.

2 §: a time of months or years from a given day ends on the day of the last month that has
the same number; when that month has no such day (29 February, 31 April), it ends on the
last day of that month. So a year from 29 February 2024 ends on 28 February 2025.

The act's rule that a last day on a Sunday or a public holiday moves to the next working day
is about what a party must do by then; a council decides at its own meetings, so the register
keeps the date itself and shows the last meeting before it instead.
"""

from __future__ import annotations

import calendar
import datetime


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The day ``months`` months after ``day``: the same day of the month, or the month's last."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def years_after(day: datetime.date, years: int = 1) -> datetime.date:
    """The day ``years`` years after ``day``; from 29 February, 28 February in a common year."""
    return months_after(day, 12 * years)


def one_year_after(day: datetime.date) -> datetime.date:
    """The last day of a time of one year from ``day`` (kommunallagen 5 kap. 35 §)."""
    return years_after(day, 1)


def days_between(start: datetime.date, end: datetime.date) -> int:
    """Whole days from ``start`` to ``end``: negative when ``end`` is before ``start``."""
    return (end - start).days
