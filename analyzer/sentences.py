"""Where a posting's lines, sentences and clauses end.

Postings are read line by line, and a long line (scraped text that lost its
line breaks) sentence by sentence. These patterns and helpers are shared by
the section splitter (:mod:`analyzer.sections`), the blurb rules
(:mod:`analyzer.blurb`), EEO detection (:mod:`analyzer.eeo`) and the
extractors that look at the sentence around a match (pay, requirement levels).
"""

from __future__ import annotations

import re

__all__ = ["BULLET", "CLAUSE_END", "LONG_LINE", "SENTENCE_END", "line_spans", "line_units", "sentence_bounds"]

#: A line longer than this is read sentence by sentence.
LONG_LINE = 400

#: A bullet glyph or a list number ("1.", "2)") opening a line.
BULLET = re.compile(r"^\s*([*\-\u2022\u25cf\u25aa\u2023\u2043\u00b7o]|\d{1,2}[.)])\s+")

# Spelt to start with \s, so that Python's engine skips other characters fast:
# a newline; three or more spaces; .!? (not in e.g., i.e., vs.) then spaces
# before a capital, a bracket, a bullet or a quote.
_ENDS = r"(?<=\n)|\s{2,}|(?<=[.!?]\s)(?<!e\.g\.\s)(?<!i\.e\.\s)(?<!\bvs\.\s)\s*(?=[A-Z(*•\"“-])"
_LINE = re.compile(r"[^\n]+")
#: A sentence or line ends here: a newline, a run of spaces, or .!? before a capital.
SENTENCE_END = re.compile(rf"\s(?:{_ENDS})")
#: A clause ends here: where a sentence ends, or after a semicolon.
CLAUSE_END = re.compile(rf"\s(?:{_ENDS}|(?<=;\s)\s*)")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Find the sentence (or line) around a stretch of text.

    Args:
        text: A posting's text.
        start: Offset of the stretch's first character.
        end: Offset just past its last character.

    Returns:
        ``(start, end)`` of the sentence holding text[start:end], looking at
        most 300 characters each way.
    """
    window_start = max(0, start - 300)
    s_start = window_start
    for match in SENTENCE_END.finditer(text, window_start, start):
        s_start = match.end()
    stop = SENTENCE_END.search(text, end, min(len(text), end + 300))
    return s_start, stop.start() if stop else min(len(text), end + 300)


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Find the non-empty lines of a stretch of text.

    Args:
        text: A posting's text.
        start: Offset where the stretch starts.
        end: Offset just past its end.

    Returns:
        ``(start, end)`` of each line of text[start:end] that holds a
        character (spaces count), without its newline, in order.
    """
    return [m.span() for m in _LINE.finditer(text, start, end)]


def line_units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a stretch of text into lines, and long lines into sentences.

    Args:
        text: A posting's text.
        start: Offset where the stretch starts.
        end: Offset just past its end.

    Returns:
        ``(start, end)`` of each non-empty line of text[start:end] in order;
        a line longer than :data:`LONG_LINE` gives its sentences instead.
    """
    units: list[tuple[int, int]] = []
    for l_start, l_end in line_spans(text, start, end):
        if l_end - l_start <= LONG_LINE:
            units.append((l_start, l_end))
            continue
        cursor = l_start
        for stop in SENTENCE_END.finditer(text, l_start, l_end):
            if stop.start() > cursor:
                units.append((cursor, stop.start()))
            cursor = stop.end()
        if cursor < l_end:
            units.append((cursor, l_end))
    return units
