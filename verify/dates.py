"""Dates as real documents write them, with their precision.

A date read from a page may be known to the day, the month or only the year
(``2022年度``), or to a month range (``2022年第5期``: an issue number). Comparisons
respect precision and answer ``None`` when the answer cannot be decided, which the
rules turn into ``review``.

>>> PartialDate(2019, 6, 30).iso()
'2019-06-30'
>>> PartialDate(2019, 6).compare(PartialDate(2019, 6, 30)) is None
True
>>> PartialDate(2019, 7).compare(PartialDate(2019, 6, 30))
1
>>> PartialDate(2018).compare(PartialDate(2019, 6, 30))
-1
>>> PartialDate.parse_iso("2019-06")
PartialDate(year=2019, month=6, day=None, month_hi=None)
"""
from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to the year, month or day.

    ``month_hi`` is set when only a month range is known (journal issue numbers):
    ``PartialDate(2022, 5, month_hi=6)`` means "some day in May or June 2022".
    """

    year: int
    month: int | None = None
    day: int | None = None
    month_hi: int | None = None

    def __post_init__(self):
        if not 1900 <= self.year <= 2100:
            raise ValueError(f"year out of range: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.month_hi is not None and (self.month is None or not self.month <= self.month_hi <= 12):
            raise ValueError(f"month range out of order: {self.month}-{self.month_hi}")
        if self.day is not None:
            if self.month is None:
                raise ValueError("a day without a month")
            _dt.date(self.year, self.month, self.day)  # raises ValueError on 2月30日

    @property
    def precision(self) -> str:
        """``day``, ``month``, ``month_range`` or ``year``."""
        if self.day is not None:
            return "day"
        if self.month_hi is not None:
            return "month_range"
        if self.month is not None:
            return "month"
        return "year"

    def earliest(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        if self.day is not None:
            return _dt.date(self.year, self.month, self.day)
        month = self.month_hi or self.month or 12
        return _dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def compare(self, other: "PartialDate") -> int | None:
        """-1 if surely earlier, 1 if surely later, 0 if surely the same day,
        ``None`` when the precision does not allow an answer."""
        if self.latest() < other.earliest():
            return -1
        if self.earliest() > other.latest():
            return 1
        if self.precision == other.precision == "day" and self.earliest() == other.earliest():
            return 0
        return None

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            s = f"{self.year:04d}-{self.month:02d}"
            return f"{s}/{self.month_hi:02d}" if self.month_hi else s
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()

    @classmethod
    def parse_iso(cls, text: str) -> "PartialDate":
        """Parse the metadata spellings ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``
        (also a ``datetime.date`` from YAML). Raises ``ValueError`` otherwise."""
        if isinstance(text, _dt.date):
            return cls(text.year, text.month, text.day)
        s = str(text).strip()
        parts = s.split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"不是合法的日期写法（应为 YYYY-MM 或 YYYY-MM-DD）：{s!r}")
        nums = [int(p) for p in parts]
        return cls(*nums)
