"""Furniture ranges: sorted, disjoint [start, end) character ranges of the text, and the questions other stages ask
of them (is this character furniture, where does a span start once furniture is cut off)."""
from __future__ import annotations

import bisect

from spacy.tokens import Doc


def inside(doc: Doc, char: int) -> bool:
    """Whether character `char` of `doc` lies in page furniture (`doc._.boilerplate`)."""
    return in_ranges(doc._.boilerplate or [], char)


def in_ranges(ranges: list[list[int]], char: int) -> bool:
    """`char` in one of the sorted, disjoint [start, end) `ranges`."""
    k = bisect.bisect_right(ranges, [char, float("inf")]) - 1
    return k >= 0 and ranges[k][0] <= char < ranges[k][1]


def start_outside(ranges: list[list[int]], text: str, start: int, end: int) -> int | None:
    """Where a span [start, end) of `text` starts once the furniture it starts in is cut off: `start` when it
    starts outside furniture, the first non-space character after that furniture, or None when nothing of the
    span is left outside furniture ("DAMASCUS (Reuters) - Syrian forces shelled ..." starts at "Syrian")."""
    while True:
        k = bisect.bisect_right(ranges, [start, float("inf")]) - 1
        if k < 0 or not ranges[k][0] <= start < ranges[k][1]:
            return start
        start = ranges[k][1]
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            return None


def merge(ranges: list[tuple[int, int]]) -> list[list[int]]:
    """Sorted, overlapping or touching ranges joined."""
    out: list[list[int]] = []
    for s, e in sorted(ranges):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return out
