"""Tell equal-opportunity and legal statements from the job's own text.

A paragraph that reads as an EEO or legal statement ("Acme is an equal
opportunity employer... without regard to national origin") is boilerplate
wherever it stands, even under a requirements heading or glued to the duties
of a posting that lost its line breaks. :mod:`analyzer.sections` cuts the
spans found here out as ``eeo`` sections; :mod:`analyzer.blurb` keeps such
lines out of its rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .fastre import compile_fast
from .sentences import LONG_LINE, line_spans

__all__ = ["eeo_spans", "is_eeo"]

_EEO_PARAGRAPH = compile_fast(
    r"equal[- ](employment[- ])?opportunity|without regard to|protected (veteran|characteristic|class)|"
    r"sexual orientation|gender identity|national origin|reasonable accommodation|e-verify|"
    r"affirmative action|pay transparency|drug[- ]free workplace|background check",
    re.I,
)
# A short paragraph with one EEO phrase is EEO text when it also holds one of these.
_EEO_WORDS = re.compile(r"equal|without regard|accommodation", re.I)
# The end of a sentence before an EEO phrase.
_STOP = re.compile(r"[.!?]\s+")
# Only text holding one of these words can be EEO text.
_EEO_HINT = compile_fast(
    r"equal|regard|orientation|origin|accommodat|verify|affirmative|transparency|drug|background|protected|identity", re.I
)
# A run of spaces inside a line, where scraped text lost a line break: such a line is read sentence by sentence.
_GLUED_BREAK = re.compile(r"\S {2,}\S")
# Sentences of a long line, also ended by a run of spaces where a scraper lost a line break.
_GLUED_SENTENCE = re.compile(r"(?:[^.!?\n ]| (?! ))+(?:[.!?]+ ?|(?= {2})|$)| +|[^\n]+")


def is_eeo(paragraph: str) -> bool:
    """Tell whether a paragraph reads as an EEO or legal statement.

    Args:
        paragraph: A line or sentence of a posting.

    Returns:
        True when it holds two different EEO phrases, or one in a short
        paragraph that also speaks of equality, "without regard" or
        accommodation.
    """
    if not _EEO_HINT.search(paragraph):
        return False
    hits = len(set(m.group(0).lower() for m in _EEO_PARAGRAPH.finditer(paragraph)))
    return hits >= 2 or (
        hits == 1 and len(paragraph) < 400 and bool(_EEO_WORDS.search(paragraph))
    )


def eeo_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Find the EEO and legal statements in a stretch of text.

    The unit is a line; a line of more than 600 characters (scraped text that
    lost its line breaks) is read sentence by sentence, and consecutive EEO
    sentences form one span.

    Args:
        text: A posting's text.
        start: Offset where the stretch starts.
        end: Offset just past its end.

    Returns:
        ``(start, end)`` of each statement, ordered and not overlapping.
    """
    spans: list[tuple[int, int]] = []
    # Only lines holding one of the hint words can be EEO text: find those once.
    hints = [m.start() for m in _EEO_HINT.finditer(text, start, end)]
    if not hints:
        return spans
    for line_start, line_end in line_spans(text, start, end):
        if not _has_hint(hints, line_start, line_end):
            continue
        line = text[line_start:line_end]
        units = (
            [(line_start, line_end)]
            if len(line) <= 600 and not _GLUED_BREAK.search(line)
            else [(line_start + m.start(), line_start + m.end()) for m in _GLUED_SENTENCE.finditer(line) if m.group(0).strip()]
        )
        for u_start, u_end in units:
            if _has_hint(hints, u_start, u_end) and is_eeo(text[u_start:u_end]):
                if u_end - u_start > LONG_LINE:
                    # A run-on "sentence" (bullets that lost their line breaks and
                    # full stops) holds requirements before the statement: cut from its first phrase.
                    first = _EEO_PARAGRAPH.search(text, u_start, u_end)
                    if first is not None and first.start() - u_start > LONG_LINE // 2:
                        u_start = _sentence_start(text, u_start, first.start())
                if spans and spans[-1][1] >= u_start - 1:
                    spans[-1] = (spans[-1][0], u_end)
                else:
                    spans.append((u_start, u_end))
    return spans


def _sentence_start(text: str, start: int, phrase: int) -> int:
    """Where the sentence holding an EEO phrase starts ("Acme is an equal opportunity employer"), or the phrase itself.

    Only a full stop within the 80 characters before the phrase counts: a run-on
    line of bullets without full stops is cut at the phrase.
    """
    window = max(start, phrase - 80)
    stops = list(_STOP.finditer(text[window:phrase]))
    return window + stops[-1].end() if stops else phrase


def _has_hint(hints: list[int], start: int, end: int) -> bool:
    """True when one of the sorted hint offsets falls in [start, end)."""
    i = bisect_left(hints, start)
    return i < len(hints) and hints[i] < end
