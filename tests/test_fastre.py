"""Tests for analyzer.fastre: RE2 where it gives Python's matches, re otherwise."""

from __future__ import annotations

import re

import pytest

from analyzer.fastre import _Utf8, compile_fast

TEXTS = [
    "We train ranking models and deploy them. Senior engineers welcome.",
    "Résumé: naïve café owners in Zürich train models\u00a0daily; e.g. Python.",
    "Ils développent des modèles — 5+ years of experience with PyTorch",
    "tabs\tand\x0bvertical\x1fseparators\u2009thin spaces train\u3000models",
    "experience\n\nwith SQL\nfoo\n",
    "",
]

PATTERNS = [
    (r"\b(?:train (\S+ ){0,4}models?)\b", 0),
    (r"(?<!e\.g\.)\s+(?=[A-Z])", 0),
    (r"\b(senior|junior)\b", re.I),
    (r"\w+\s\w+", 0),
    (r"\d+\+?\s?years?", 0),
    (r"foo$", 0),
    (r"^experience", 0),
    (r"[\s,]+(?P<word>[a-z]+)", 0),
    (r"\u2014\s\d", 0),
    (r"(?:  \d+ \+  )  # verbose\n  \s?years", re.X),
]


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_same_matches_as_re(pattern: str, flags: int) -> None:
    fast = compile_fast(pattern, flags)
    exact = re.compile(pattern, flags)
    for text in TEXTS:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in exact.finditer(text)], text
        found, expected = fast.search(text), exact.search(text)
        assert (found.span() if found else None) == (expected.span() if expected else None), text
        assert [m.span() for m in fast.finditer(text, 5, 40)] == [m.span() for m in exact.finditer(text, 5, 40)], text


def test_accented_word_boundary_follows_python() -> None:
    # RE2's \b is ASCII-only: "ów" would end a word there; Python's does not.
    fast = compile_fast(r"\w{2}\b")
    assert [m.group(0) for m in fast.finditer("milionów x")] == ["ów"]
    assert [m.group(0) for m in fast.finditer("setki milionów")] == ["ki", "ów"]


def test_groups_and_other_methods() -> None:
    fast = compile_fast(r"(?<!\d)(?P<n>\d+)k\b", re.I)
    match = fast.search("pay 120K-150k")
    assert match is not None and match.group("n") == "120"
    assert fast.sub("#", "120k and 5k") == "# and #"
    assert fast.pattern == r"(?<!\d)(?P<n>\d+)k\b"


def test_pattern_re2_cannot_parse_runs_on_re() -> None:
    fast = compile_fast(r"(\w)\1")
    assert [m.group(0) for m in fast.finditer("aabcc")] == ["aa", "cc"]


def test_bad_pattern_raises_re_error() -> None:
    with pytest.raises(re.error):
        compile_fast(r"(unclosed")


def test_plain_and_lookaround_patterns_use_re2() -> None:
    # The point of the module: these run on RE2 (directly or as a prefilter), not on re alone.
    assert not isinstance(compile_fast(r"\bagentic\b"), re.Pattern)
    assert not isinstance(compile_fast(r"(?<!e\.g\.)\s+(?=[A-Z])"), re.Pattern)


def test_match_objects_on_ascii_text_behave_like_re() -> None:
    pattern = r"(?P<low>\d+)\s?(?:-|to)\s?(?P<high>\d+)?\s?(years?)"
    fast, exact = compile_fast(pattern, re.I), re.compile(pattern, re.I)
    text = "5 to 7 years, then 3- years and 10-12 YEARS"
    for got, want in zip(fast.finditer(text), exact.finditer(text), strict=True):
        assert (got.span(), got.start("low"), got.end(2), got.group(0)) == (want.span(), want.start("low"), want.end(2), want.group(0))
        assert got.group("low", "high") == want.group("low", "high")
        assert got.groups() == want.groups() and got.groups("") == want.groups("")
        assert got.groupdict() == want.groupdict()
        assert got[3] == want[3]


def test_match_objects_on_non_ascii_text_have_character_offsets() -> None:
    # Non-ASCII text runs on RE2 as UTF-8 bytes: spans must come back in characters.
    pattern = r"(?P<low>\d+)\s?(?:-|to|\u2013)\s?(?P<high>\d+)?\s?(years?)"
    fast, exact = compile_fast(pattern, re.I), re.compile(pattern, re.I)
    text = "Caf\u00e9 \u2014 5\u20137 years \U0001f680, then 3- years and \u201c10-12 YEARS\u201d \u00b7"
    got_all, want_all = list(fast.finditer(text)), list(exact.finditer(text))
    assert len(got_all) == len(want_all) == 3
    for got, want in zip(got_all, want_all, strict=True):
        assert got.span() == want.span() and got.span("high") == want.span("high")
        assert got.groups() == want.groups() and got.group(0) == want.group(0)
    assert [m.span() for m in fast.finditer(text, 8, 30)] == [m.span() for m in exact.finditer(text, 8, 30)]


def test_groups_of_a_match_within_endpos_are_python_s() -> None:
    # RE2 gives spans only; the groups come from re at the same start, with the same endpos.
    pattern = r"(?P<word>\w+) (\w+)?\b"
    fast, exact = compile_fast(pattern), re.compile(pattern)
    for text in ("train models daily", "caf\u00e9 na\u00efve models x"):
        for endpos in (len(text), 12, 9):
            got, want = list(fast.finditer(text, 0, endpos)), list(exact.finditer(text, 0, endpos))
            assert [(m.span(), m.span(2), m.groups(), m.groupdict(), m[1]) for m in got] == [
                (m.span(), m.span(2), m.groups(), m.groupdict(), m[1]) for m in want
            ]


def test_empty_matches_on_non_ascii_text_advance_by_a_character() -> None:
    fast = compile_fast(r"x*")
    assert [m.span() for m in fast.finditer("\u00e9x\u20acxx\U0001f680")] == [(0, 0), (1, 2), (2, 2), (3, 5), (5, 5), (6, 6)]


def test_text_with_lone_surrogate_runs_on_re() -> None:
    # UTF-8 cannot hold a lone surrogate: such text goes to Python's engine.
    fast = compile_fast(r"\bmodels?\b")
    assert [m.span() for m in fast.finditer("caf\udcff models \u00e9 model")] == [(5, 11), (14, 19)]


@pytest.mark.parametrize(
    "text",
    ["\u00e9", "a\u00e9b\u20acc\U0001f680d", "\u05e9\u05dc\u05d5\u05dd x", "plain \u00a0 spaces\u202f"],
    ids=["one", "mixed-widths", "hebrew", "spaces"],
)
def test_utf8_offsets_round_trip(text: str) -> None:
    utf8 = _Utf8(text)
    assert utf8.data == text.encode("utf-8")
    for offset in range(len(text) + 1):
        byte = len(text[:offset].encode("utf-8"))
        assert utf8.to_byte(offset) == byte
        assert utf8.to_char(byte) == offset
    assert utf8.ascii_words == (re.search(r"[^\W\x00-\x7f]", text) is None)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [(r"\b(?:ai|ml)\b", 0), (r"(?<!\w)\d+\s?years?\b", re.I), (r"\bcaf\w*", 0), (r"\Bé\w+\b", 0)],
    ids=["words", "lookbehind", "accented-word", "not-boundary"],
)
def test_word_boundaries_next_to_accented_letters_follow_python(pattern: str, flags: int) -> None:
    # RE2 finds candidates without \b, Python's engine confirms them.
    fast, exact = compile_fast(pattern, flags), re.compile(pattern, flags)
    text = "naïve ai mlé éml ml 5 years 7 yearsé café caféx cafés cliché ai"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in exact.finditer(text)]
    assert [m.span() for m in fast.finditer(text, 3, 40)] == [m.span() for m in exact.finditer(text, 3, 40)]
    found, expected = fast.search(text, 9), exact.search(text, 9)
    assert (found.span() if found else None) == (expected.span() if expected else None)
    # The work goes through RE2's loose pattern with Python's engine confirming, not through Python alone.
    plan = fast._plan(text)  # type: ignore[attr-defined]
    assert plan is not None and plan[1] is True and plan[0] is fast._loose  # type: ignore[attr-defined]


def test_prefilter_tries_each_candidate() -> None:
    # The lookbehind rejects the first candidates; later ones still match, and an empty match hands over to re.
    fast = compile_fast(r"(?<!\$)\d+k\b")
    assert [m.group(0) for m in fast.finditer("$100k 5k $7k 90k")] == ["00k", "5k", "90k"]
    empty = compile_fast(r"(?<=a)x*")
    assert [m.span() for m in empty.finditer("aab axxa")] == [m.span() for m in re.finditer(r"(?<=a)x*", "aab axxa")]


@pytest.mark.parametrize("pattern", [r"\bfamiliar\b", r"familiar$", r"(?<!un)familiar\b"], ids=["boundary", "dollar", "lookbehind"])
@pytest.mark.parametrize("text", ["Familiarity with Python. familiar", "Familiarität – familiar"], ids=["ascii", "non-ascii"])
def test_an_end_position_is_the_end_of_the_text(pattern: str, text: str) -> None:
    fast, slow = compile_fast(pattern, re.I), re.compile(pattern, re.I)
    for end in range(len(text) + 1):
        assert [m.span() for m in fast.finditer(text, 0, end)] == [m.span() for m in slow.finditer(text, 0, end)], end
        assert getattr(fast.search(text, 0, end), "span", lambda: None)() == getattr(slow.search(text, 0, end), "span", lambda: None)()
