"""Regular expressions on RE2 where it gives the same matches, faster.

The duty cues, title rules and the extractors' patterns are scanned over
every posting. Python's backtracking engine tries each alternative at each
position; RE2 (Google's automaton engine, the ``google-re2`` package) scans
the text once, five to fifty times faster on these patterns. Patterns with
lookaround run on ``re`` behind an RE2 prefilter; patterns RE2 cannot parse,
and machines without ``google-re2``, use ``re``. The matches are always the
ones ``re`` finds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any, cast

try:
    import re2 as _re2
except ImportError:  # pragma: no cover - google-re2 is a dependency; this is the fallback
    _re2 = None
    _OPTIONS = None
else:
    _OPTIONS = _re2.Options()
    _OPTIONS.log_errors = False  # a pattern RE2 cannot run is not an error here
    # RE2 finds where a match starts and ends with its fast automaton (DFA)
    # alone; asking it for groups adds a slower pass over every match, so it
    # is asked for none and Python's engine reads the groups of the matches
    # whose groups are wanted (see _Re2Match).
    _OPTIONS.never_capture = True
    # The DFA's states are cached within this budget per pattern (RE2's default
    # is 8 MiB); the big duty cues, with their '(\S+ ){0,4}' gaps, need far
    # more states than that and ran several times slower as RE2 kept
    # flushing its cache. It is a ceiling, taken only as states are made:
    # one analyzing process peaks about 30 MiB higher (benchmarks/bench.py
    # --n 5000: 457 MiB instead of 425).
    _OPTIONS.max_mem = 64 << 20

# The wrapper's engine object and anchor, used directly (see _Cursor).
_UNANCHORED = getattr(getattr(_re2, "_Anchor", None), "UNANCHORED", None)
_LOW_LEVEL = _UNANCHORED is not None and hasattr(getattr(_re2, "_Regexp", None), "_match")

__all__ = ["FastPattern", "compile_fast"]


#: The type of a compiled pattern: ``re.Pattern`` or RE2's, which has the
#: same ``search``, ``finditer``, ``pattern`` and match methods.
FastPattern = re.Pattern[str]


_SPACE = r"\t\n\x{0b}\f\r \x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
# Python's classes for str patterns, spelt for RE2 (whose own are ASCII-only).
_OUTSIDE = {"s": f"[{_SPACE}]", "S": f"[^{_SPACE}]", "w": r"[\p{L}\p{N}_]", "W": r"[^\p{L}\p{N}_]", "d": r"\p{Nd}", "D": r"\P{Nd}"}
_INSIDE = {"s": _SPACE, "w": r"\p{L}\p{N}_", "d": r"\p{Nd}"}


class _Unsupported(Exception):
    """A pattern RE2 cannot run even with lookaround dropped."""


def _for_re2(pattern: str, *, drop_lookaround: bool, drop_boundaries: bool = False, verbose: bool = False) -> str:
    """Spell a Python pattern for RE2; with ``drop_lookaround``, remove lookahead and lookbehind groups.

    Dropping lookaround (and, with ``drop_boundaries``, ``\\b`` and ``\\B``)
    makes a pattern that matches wherever the original does (and maybe more),
    which is what a prefilter needs.
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            table = _INSIDE if in_class else _OUTSIDE
            if nxt in table:
                out.append(table[nxt])
            elif nxt in "bB" and drop_boundaries and not in_class:
                pass
            elif nxt == "Z" and not in_class:
                out.append(r"\z")
            elif nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", pattern[i + 2 : i + 6]):
                out.append(rf"\x{{{pattern[i + 2 : i + 6]}}}")
                i += 6
                continue
            elif in_class and nxt in "SWD":
                raise _Unsupported(pattern)
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "]" and not (out and out[-1] in ("[", "[^")):
                in_class = False
            out.append(char)
            i += 1
            continue
        if verbose and char.isspace():
            i += 1
            continue
        if verbose and char == "#":
            newline = pattern.find("\n", i)
            i = n if newline < 0 else newline + 1
            continue
        if char == "[":
            in_class = True
            if pattern.startswith("[^", i):
                out.append("[^")
                i += 2
            else:
                out.append("[")
                i += 1
            continue
        if char == "(" and pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            if not drop_lookaround:
                raise _Unsupported(pattern)
            i = _group_end(pattern, i)
            # A quantifier on a dropped group has nothing left to repeat.
            if i < n and pattern[i] in "?*":
                i += 1
            continue
        if char in "^$":
            # Python's $ also matches before a final newline, and both anchor
            # differently when searching from an offset: keep them on re.
            if not drop_lookaround:
                raise _Unsupported(pattern)
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _group_end(pattern: str, start: int) -> int:
    """Offset just past the group opening at ``start``."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern.startswith(("[]", "[^]"), i):
                i += 2 if pattern[i + 1] == "]" else 3
                continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise _Unsupported(pattern)


_UNICODE_WORD = re.compile(r"[^\W\x00-\x7f]")
_ASCII = bytes(range(0x80))
_LEADS = bytes(byte >= 0xC0 for byte in range(0x100))  # 1 for the first byte of a character beyond ASCII


class _Utf8:
    """A non-ASCII text's UTF-8 bytes, for RE2, with character offsets and byte offsets converted.

    RE2 reads bytes; the ``google-re2`` wrapper re-encodes the text on every
    call and converts offsets by scanning it. Here the text is encoded once
    and the offsets of its non-ASCII characters (a few in most postings) are
    kept, so a conversion is a binary search among them.

    Raises:
        UnicodeEncodeError: The text has a lone surrogate.
    """

    __slots__ = ("_chars", "_extra", "_starts", "ascii_words", "data")

    def __init__(self, text: str) -> None:
        self.data = data = text.encode("utf-8")
        chars: list[int] = []  # the character offset of each non-ASCII character
        starts: list[int] = []  # and its byte offset
        extra = [0]  # bytes beyond one a character before each of them (and in all)
        leads = data.translate(_LEADS)
        start = leads.find(1)
        while start >= 0:
            chars.append(start - extra[-1])
            starts.append(start)
            extra.append(extra[-1] + (1 if data[start] < 0xE0 else 2 if data[start] < 0xF0 else 3))
            start = leads.find(1, start + 1)
        self._chars = chars
        self._starts = starts
        self._extra = extra
        #: True when every word character is ASCII (RE2's ``\b`` then agrees with Python's).
        self.ascii_words = _UNICODE_WORD.search(data.translate(None, _ASCII).decode("utf-8")) is None

    def to_byte(self, offset: int) -> int:
        """The byte offset of a character offset."""
        return offset + self._extra[bisect_left(self._chars, offset)]

    def to_char(self, offset: int) -> int:
        """The character offset of a byte offset at a character's start."""
        return offset - self._extra[bisect_left(self._starts, offset)]


# The last few texts seen, long ones (whole postings) apart from short ones
# (lines, sentences): many short ones in turn must not push out the posting.
_recent: tuple[list[tuple[str, _Utf8 | None]], list[tuple[str, _Utf8 | None]]] = ([], [])
_LONG = 1000  # characters from which a text counts as long


def _utf8(text: str) -> _Utf8 | None:
    """The :class:`_Utf8` of a non-ASCII text, None when it has a lone surrogate (UTF-8 cannot hold it).

    The last few are kept: the patterns are scanned over the same text in turn.
    """
    recent = _recent[len(text) >= _LONG]
    for seen, known in recent:
        if seen is text:
            return known
    try:
        value: _Utf8 | None = _Utf8(text)
    except UnicodeEncodeError:
        value = None
    recent.insert(0, (text, value))
    del recent[4:]
    return value


_recent_ascii: list[tuple[str, bytes]] = []


def _ascii(text: str) -> bytes:
    """The bytes of an ASCII text; those of the last few long texts are kept, as by :func:`_utf8`."""
    for seen, data in _recent_ascii:
        if seen is text:
            return data
    data = text.encode("ascii")
    if len(text) >= _LONG:
        _recent_ascii.insert(0, (text, data))
        del _recent_ascii[4:]
    return data


class _Re2Pattern:
    """A pattern run by RE2, or by Python's ``re`` on texts RE2 would read differently.

    With ``prefilter``, RE2 runs the pattern without its lookaround (it matches
    wherever the pattern does): texts where it finds nothing are skipped in
    one fast scan, and Python's engine tries the pattern only where it found
    something. Without, RE2 runs the pattern itself. RE2's ``\\b`` is
    ASCII-only, so on texts with accented or other non-ASCII letters (a few
    percent of postings) a pattern with word boundaries runs on Python's
    engine behind ``loose``, RE2's spelling without lookaround or word
    boundaries, as a prefilter (or alone when RE2 cannot run that).
    """

    def __init__(self, exact: re.Pattern[str], fast: Any, *, prefilter: bool, loose: Any = None) -> None:
        self._exact = exact
        self._fast = fast
        self._prefilter = prefilter
        self._loose = loose
        # Only \b and \B read differently on RE2 (ASCII-only word boundaries).
        self._boundaries = "\\b" in exact.pattern or "\\B" in exact.pattern
        self.pattern = exact.pattern
        self.flags = exact.flags
        self.groupindex = exact.groupindex

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        stop = len(text) if endpos is None else min(endpos, len(text))
        plan = self._plan(text)
        if plan is None:
            return self._exact.search(text, pos, stop)
        fast, confirm = plan
        return next(self._confirmed(text, pos, stop, fast) if confirm else self._scan(text, pos, stop, fast), None)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        stop = len(text) if endpos is None else min(endpos, len(text))
        plan = self._plan(text)
        if plan is None:
            return self._exact.finditer(text, pos, stop)
        fast, confirm = plan
        return self._confirmed(text, pos, stop, fast) if confirm else self._scan(text, pos, stop, fast)

    def _plan(self, text: str) -> tuple[Any, bool] | None:
        """The RE2 pattern to run on text and whether Python's engine confirms its matches; None for Python's alone.

        RE2 reads text differently with ``\\b`` next to non-ASCII letters
        (then the loose pattern is a prefilter) and cannot read a lone
        surrogate.
        """
        if text.isascii():
            return self._fast, self._prefilter
        utf8 = _utf8(text)
        if utf8 is None:
            return None
        if utf8.ascii_words or not self._boundaries:
            return self._fast, self._prefilter
        return None if self._loose is None else (self._loose, True)

    def _confirmed(self, text: str, pos: int, stop: int, prefilter: Any) -> Iterator[Any]:
        """Python's matches from pos to stop, tried only where RE2 finds that the prefilter matches.

        The pattern matches only where its prefilter (spelt without what RE2
        cannot run) does, so Python's engine is run at each place RE2 finds,
        instead of at every character. After an empty match, Python's
        ``finditer`` goes on by itself: only it knows what may follow one.
        """
        cursor = _Cursor(text, stop, prefilter)
        while pos <= stop:
            candidate = cursor.first(pos)
            if candidate is None:
                return
            start = candidate[0]
            match = self._exact.match(text, start, stop)
            if match is None:
                pos = start + 1
            elif match.end() == start:
                yield from self._exact.finditer(text, start, stop)
                return
            else:
                yield match
                pos = match.end()

    def _scan(self, text: str, pos: int, stop: int, fast: Any) -> Iterator[Any]:
        """The RE2 pattern's matches from pos to stop, straight from its engine (see :class:`_Cursor`)."""
        cursor = _Cursor(text, stop, fast)
        while pos <= stop:
            span = cursor.first(pos)
            if span is None:
                return
            start, end = span
            yield _Re2Match(text, start, end, self._exact, stop)
            pos = end if end > start else end + 1  # past an empty match, by one character

    def __getattr__(self, name: str) -> Any:
        return getattr(self._exact, name)


class _Cursor:
    """RE2's first match of a pattern in a text from any offset up to ``stop``, the text encoded once.

    The ``google-re2`` wrapper encodes the text and converts between
    character and byte offsets on every call: here ASCII text needs no
    conversion and other text is encoded once (:class:`_Utf8`), and a
    pattern tried again further on (a prefilter, a scan for every match)
    reuses the bytes. Without the engine (another version of the wrapper),
    the wrapper's search.
    """

    __slots__ = ("_data", "_fast", "_stop", "_text", "_utf8")

    def __init__(self, text: str, stop: int, fast: Any) -> None:
        self._text = text
        self._fast = fast
        self._stop = stop
        self._utf8 = utf8 = None if text.isascii() else _utf8(text)
        if not _LOW_LEVEL:
            return
        data: bytes | memoryview = _ascii(text) if utf8 is None else utf8.data
        self._stop = stop if utf8 is None else utf8.to_byte(stop)
        if self._stop < len(data):
            # Python's engine takes endpos as the end of the text (for \b and $); RE2 would look past it.
            data = memoryview(data)[: self._stop]
        self._data = data

    def first(self, pos: int) -> tuple[int, int] | None:
        """The character span of the pattern's first match from pos, or None."""
        if not _LOW_LEVEL:
            found = self._fast.search(self._text, pos, self._stop)
            return None if found is None else (found.start(), found.end())
        utf8 = self._utf8
        start, end = self._fast._regexp.Match(_UNANCHORED, self._data, pos if utf8 is None else utf8.to_byte(pos), self._stop)[0]
        if start < 0:
            return None
        return (start, end) if utf8 is None else (utf8.to_char(start), utf8.to_char(end))


class _Re2Match:
    """A match found by RE2's engine, in character offsets: the methods of ``re.Match`` the analyzer uses.

    RE2 gives the span of the whole match only (it runs without groups, see
    ``_OPTIONS``). Groups come from Python's engine matching the pattern at
    the same start, on first use: it finds the same match there, since RE2
    runs the pattern only where the two agree.
    """

    __slots__ = ("_end", "_exact", "_full", "_start", "_stop", "_text")

    def __init__(self, text: str, start: int, end: int, exact: re.Pattern[str], stop: int) -> None:
        self._text = text
        self._start = start
        self._end = end
        self._exact = exact
        self._stop = stop  # the end of the text the pattern was run on (endpos)
        self._full: re.Match[str] | None = None

    def _groups(self) -> re.Match[str]:
        """Python's match of the pattern here, with its groups."""
        if self._full is None:
            self._full = self._exact.match(self._text, self._start, self._stop)
            if self._full is None or self._full.end() != self._end:  # pragma: no cover - would be a bug in _for_re2
                raise AssertionError(f"RE2 and re disagree on {self._exact.pattern!r} at {self._start}")
        return self._full

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return (self._start, self._end) if group == 0 else self._groups().span(group)

    def start(self, group: int | str = 0) -> int:
        return self._start if group == 0 else self._groups().start(group)

    def end(self, group: int | str = 0) -> int:
        return self._end if group == 0 else self._groups().end(group)

    def group(self, *groups: int | str) -> Any:
        if groups in ((), (0,)):
            return self._text[self._start : self._end]
        return self._groups().group(*groups)

    def groups(self, default: Any = None) -> tuple[Any, ...]:
        return self._groups().groups(default)

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        return self._groups().groupdict(default)

    def __getitem__(self, group: int | str) -> str | None:
        found: str | None = self.group(group)
        return found


def compile_fast(pattern: str, flags: int = 0) -> FastPattern:
    """Compile a pattern for speed with the meaning Python's ``re`` gives it.

    A pattern without lookaround runs on RE2; one with lookaround runs on
    ``re`` behind an RE2 prefilter; anything RE2 cannot parse runs on ``re``
    alone (see :class:`_Re2Pattern`). The matches are the same as ``re``'s:
    ``\\s``, ``\\w`` and ``\\d`` keep their Unicode meaning, and on texts
    with non-ASCII letters, where RE2's ``\\b`` differs, ``re`` confirms
    the matches of a prefilter without word boundaries.
    Worth it for patterns scanned over whole texts; on short strings ``re``
    is as fast.

    Args:
        pattern: The regular expression, in Python's syntax.
        flags: ``re.IGNORECASE``, ``re.VERBOSE``, both or 0 (others run on ``re``).

    Returns:
        A compiled pattern with ``search``, ``finditer``, ``pattern`` and,
        through ``re``, every other method.

    Raises:
        re.error: The pattern is not a valid Python regular expression.
    """
    exact = re.compile(pattern, flags)  # the reference syntax: errors are Python's
    if _re2 is None or flags & ~(re.IGNORECASE | re.VERBOSE):
        return exact
    prefix = "(?i)" if flags & re.IGNORECASE else ""
    verbose = bool(flags & re.VERBOSE)
    for prefilter in (False, True):
        try:
            fast = _re2.compile(prefix + _for_re2(pattern, drop_lookaround=prefilter, verbose=verbose), options=_OPTIONS)
        except (_Unsupported, _re2.error):
            continue
        loose = None  # needed only by a pattern with word boundaries (see _Re2Pattern._plan)
        if "\\b" in pattern or "\\B" in pattern:
            try:
                spelt = _for_re2(pattern, drop_lookaround=True, drop_boundaries=True, verbose=verbose)
                loose = _re2.compile(prefix + spelt, options=_OPTIONS)
            except (_Unsupported, _re2.error):  # pragma: no cover - it parsed with the boundaries
                pass
        return cast(FastPattern, _Re2Pattern(exact, fast, prefilter=prefilter, loose=loose))
    return exact
