"""How an official document writes numbers, dates and lengths of time (GB/T 9704-2012 for a
Chinese one): 一、二、 for headings, 2019年11月22日, "4分钟" rather than "4:00"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

CHINESE_NUMERALS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (headings never pass 99)."""
    if n <= 10:
        return CHINESE_NUMERALS[n]
    tens, ones = divmod(n, 10)
    return (CHINESE_NUMERALS[tens] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[ones] if ones else "")



def official_date(value: str | date | None, language: str) -> str:
    """A date as an official document writes it: 2019年11月22日 (Arabic numerals, the year in
    full, no leading zeros: GB/T 9704 7.3.5.4); ISO 2019-11-22 in English. Text that is not an
    ISO date is left as it is."""
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value or "").strip())
        except ValueError:
            return str(value or "")
    return f"{day.year}年{day.month}月{day.day}日" if language == "zh" else day.isoformat()


def official_dates(text: str, language: str) -> str:
    """Every ISO date inside ``text`` ("2019-12-07 10:30") in its official form."""
    if language != "zh":
        return text
    return re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", lambda m: official_date(m.group(0), language), text)


def duration(seconds: int | float | None, labels: Mapping[str, str]) -> str:
    """A length of time as words: "4 min", "7 min 30 s", "45 s" (4分钟, 7分30秒, 45秒): never
    "4:00", which reads as a clock time."""
    if seconds is None:
        return ""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return labels["duration_sec"].format(s=rest)
    if not rest:
        return labels["minutes_planned"].format(n=minutes)
    return labels["duration_min_sec"].format(n=minutes, s=rest)
