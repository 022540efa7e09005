"""Tests for analyzer.fastre: RE2 where it gives Python's matches, re otherwise."""

from __future__ import annotations

import re

import pytest

from analyzer.fastre import compile_fast

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
