"""Read experience, seniority and requirement level from a posting's text.

Every function here is pure: text in, values out. Pay is read by :mod:`analyzer.pay`.

Experience (``extract_min_years``): "N years" counts when the words around it
ask for experience ("5+ years of experience", "Experience: 3 years", "3+ years
building...", "BS + 5 years"); see ``_is_experience`` for the rules by
section. Company age ("for over 20 years", "founded 10 years ago"), ages,
"4-year degree", contract length, "in the last 2 years" do not count, nor do
numbers over 25. Alternatives (joined by "or", or each tied to a degree:
"MS + 2 years / BS + 5 years") give their smallest; separate requirements give
the largest (the candidate must meet them all). Preferred ones ("preferred",
"ideally", a preferred section) count only when nothing else is asked.

Seniority (``extract_seniority``): see the function. Years bands: 0-1 junior,
2-4 mid, 5-7 senior, 8 and more staff.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .fastre import compile_fast
from .sections import BOILERPLATE, Section, split_sections
from .sentences import CLAUSE_END, sentence_bounds

__all__ = ["SENIORITY_LEVELS", "extract_min_years", "extract_seniority", "requirement_level", "requirement_levels"]

#: The values ``extract_seniority`` returns, most junior first.
SENIORITY_LEVELS = ("intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager")


# --- experience --------------------------------------------------------------------------------------------------------

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())
}
_N = r"(?:\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
_YEARS = compile_fast(
    rf"\b(?P<low>{_N})(?:\s?\(\d{{1,2}}\+?\))?"
    rf"(?:\s?(?:\+|-?plus\b)(?:\s?\(\d{{1,2}}\+?\))?|\s?(?:-|–|—|to|and|or)\s?(?P<high>{_N})(?:\s?\(\d{{1,2}}\+?\))?)?\s?\+?"
    r"\s?(?:or more\s+)?(?P<unit>years?|yrs?)\b(?:['’]s?)?",
    re.I,
)
_EXPERIENCE_WORD = re.compile(
    r"\.?[^\d.;:!?\n]{0,80}?\b(experience[ds]?|exp|expertise|exposure|knowledge|background|track record)\b", re.I
)
_EXPERIENCE_LINK = re.compile(r"\W{0,3}((minimum|min|required)\s+)?(in|as|at|on|with|of\s+\w+ing|\w+ing|post|hands)\b", re.I)
_EXPERIENCE_BEFORE = re.compile(
    r"(experience|exp)\.?\s*(level|required|requirements?)?\s*(of|[:=\-–—]{1,2})?\s*(at least|min(imum)?( of)?|over|around)?\s*\Z"
    r"|(bachelor|master|b\.?s|m\.?s|b\.?a|m\.?a|ph\.?d|degree)['’]?s?\b[^.\n]{0,30}(with|and|\+|plus)\s*(at least\s+)?\Z",
    re.I,
)
_NOT_EXPERIENCE_BEFORE = re.compile(
    r"\b(last|past|next|previous|first|within|every|each|after|upon|over the|during the)\s*\Z"
    r"|\bfor\s+(over|more than|nearly|almost|about|the (last|past))\s*\Z|\b(been|operating|business|existed|around) for\s*\Z",
    re.I,
)
_NOT_EXPERIENCE_AFTER = re.compile(
    r"\W{0,3}(old|ago|degree|college|university|program|contract|warranty|vest|cliff|of (employment|service|operation))", re.I
)
_COMPANY = re.compile(
    r"\b(we|we've|we're|our (company|firm|founders?|history|clients|customers)|the company|has been|have been|founded|"
    r"established|in business|serving|history|trusted)\b",
    re.I,
)
_CANDIDATE = re.compile(
    r"\b(you|your|you've|you're|candidates?|applicants?|required|requirements?|minimum|must|need|qualifications?|preferred|"
    r"ideally|looking for|seeking|bring)\b",
    re.I,
)
_PREFERRED_SENTENCE = re.compile(
    r"\b(preferred|preferably|ideally|a plus|nice[- ]to[- ]have|bonus points|is a bonus|desirable|desired|advantageous)\b", re.I
)
_DEGREE_WORDS = r"(bachelor|master|b\.?s|m\.?s|b\.?a|m\.?a|ph\.?d|doctorate|degree)"
_DEGREE = re.compile(rf"\b{_DEGREE_WORDS}", re.I)
_DEGREE_AFTER = re.compile(rf"[^.;\n]{{0,40}}?\b(with|and|plus|\+)\s+(an?\s+|the\s+)?{_DEGREE_WORDS}", re.I)
_ALTERNATIVE = re.compile(r"\bor\b[^\n.;]{0,40}\Z|\A\W*or\b", re.I)
_OR_BARE = re.compile(rf"\A[^.;\n]{{0,40}}?\bor\s+(?:[\w'’]+\s+){{0,4}}?(?P<n>{_N})\+?\s+(?:with|for|if)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Years:
    start: int
    end: int
    years: int
    preferred: bool
    degree: bool  # tied to a degree ("BS + 5 years", "5 years with a Master's")


def extract_min_years(text: str, sections: Sequence[Section] | None = None) -> int | None:
    """The years of professional experience a posting asks for at least.

    Args:
        text: A posting's text.
        sections: Its sections, when already split (``split_sections(text)``).

    Returns:
        The years asked: the low end of a range ("3-5 years" is 3), the smallest
        of alternatives ("BS + 5 years or MS + 3 years" is 3), the largest of
        separate requirements; None when the posting asks for no years.

    Example:
        >>> extract_min_years("You have 5+ years of experience with Python.")
        5
    """
    if sections is None:
        sections = split_sections(text)
    mentions = _year_mentions(text, sections)
    required = [m for m in mentions if not m.preferred] or mentions
    if not required:
        return None
    groups: list[list[int]] = []
    previous: _Years | None = None
    for mention in required:
        between = text[previous.end : mention.start] if previous else ""
        alternative = _ALTERNATIVE.search(between) or (previous is not None and previous.degree and mention.degree)
        if previous is not None and len(between) < 200 and alternative:
            groups[-1].append(mention.years)
        else:
            groups.append([mention.years])
        previous = mention
    return max(min(group) for group in groups)


def _year_mentions(text: str, sections: Sequence[Section]) -> list[_Years]:
    found: list[_Years] = []
    for match in _YEARS.finditer(text):
        section = _section_at(sections, match.start())
        s_start, s_end = sentence_bounds(text, match.start(), match.end())
        before, after = text[max(s_start, match.start() - 80) : match.start()], text[match.end() : s_end]
        low = match.group("low").lower()
        years = _NUMBER_WORDS[low] if low in _NUMBER_WORDS else int(low)
        kind = section.kind if section is not None else None
        if years > 25 or not _is_experience(text[s_start:s_end], before, match.group(0), after, kind):
            continue
        preferred = bool(_PREFERRED_SENTENCE.search(text[s_start:s_end])) or (section is not None and section.kind == "preferred")
        degree = bool(_DEGREE.search(before[-40:]) or _DEGREE_AFTER.match(after))
        found.append(_Years(match.start(), match.end(), years, preferred, degree))
        alternative = _OR_BARE.match(after)
        if alternative:
            n = alternative.group("n").lower()
            found.append(
                _Years(
                    match.end() + alternative.start("n"),
                    match.end() + alternative.end("n"),
                    _NUMBER_WORDS[n] if n in _NUMBER_WORDS else int(n),
                    preferred,
                    degree,
                )
            )
    found.sort(key=lambda m: m.start)
    return found


def _is_experience(sentence: str, before: str, mention: str, after: str, kind: str | None) -> bool:
    """True when a years mention asks the candidate for experience.

    In requirements and preferred sections any "N years" counts unless it reads
    as a duration (age, contract, "in the last N years"). Elsewhere it needs
    an experience word ("of experience", "Experience: N years", "BS + N
    years", "N years with a Master's"), or a link to work ("in", "as",
    "building...") in a sentence addressed to the candidate. In boilerplate sections (company, benefits,
    EEO...) only an experience word counts, as section splitting may leave
    requirements there in text that lost its line breaks.
    """
    if _NOT_EXPERIENCE_AFTER.match(after):
        return False
    if _NOT_EXPERIENCE_BEFORE.search(before) and not _EXPERIENCE_BEFORE.search(before):
        return False
    listed = kind in ("requirements", "preferred")
    if not listed and _COMPANY.search(sentence) and not _CANDIDATE.search(sentence):
        return False
    explicit = bool(_EXPERIENCE_WORD.match(after) or _EXPERIENCE_BEFORE.search(before) or _DEGREE_AFTER.match(after))
    if kind in BOILERPLATE:
        return explicit and not re.search(r"\bwith\s+(over|more than|nearly|almost)\s*\Z", before, re.I)
    if explicit:
        return True
    if re.search(r"\bfor\s*\Z", before, re.I):
        return False
    if listed:
        return True
    return bool(_EXPERIENCE_LINK.match(after)) and bool(
        _CANDIDATE.search(sentence) or "+" in mention or re.search(r"(at least|minimum( of)?)\s*\Z", before, re.I)
    )


def _section_at(sections: Sequence[Section], offset: int) -> Section | None:
    return next((s for s in sections if s.start <= offset < s.end), None)


# --- seniority ---------------------------------------------------------------------------------------------------------

_TITLE_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (level, re.compile(pattern, flags))
    for level, pattern, flags in (
        ("intern", r"\b(intern|internship|co-?op|summer student)\b", re.I),
        ("manager", r"\b(?<!product )(?<!program )(?<!project )(manager|director|vp|vice president|chief|cto|cio)\b", re.I),
        ("principal", r"\b(principal|distinguished|(?<!research )(?<!postdoctoral )(?<!teaching )fellow)\b", re.I),
        ("staff", r"\bstaff\b", re.I),
        ("staff", r"(?<![\w/&-])IV(?![\w/&-])|\b(?i:engineer|scientist|developer|analyst)\s*4\b", 0),
        ("lead", r"\b(lead|head of)\b", re.I),
        ("senior", r"\b(senior|sr|snr)\b", re.I),
        ("senior", r"(?<![\w/&-])III(?![\w/&-])|\b(?i:engineer|scientist|developer|analyst)\s*3\b", 0),
        ("mid", r"\bmid\b|(?<![\w/&-])II(?![\w/&-])|\b(engineer|scientist|developer|analyst)\s*2\b", re.I),
        ("junior", r"\b(junior|jr|entry|associate|new grad(uate)?s?|graduate|early career|apprentice)\b", re.I),
        ("junior", r"(?<![\w/&'’-])I(?![\w/&'’-])|\b(?i:engineer|scientist|developer|analyst)\s*1\b", 0),
    )
)
_EXPLICIT_LEVEL = compile_fast(
    r"\b(?:seniority|career|job|position)\s+level\s*[:\-–*\s]{1,8}"
    r"(?P<level>internship|entry[- ]level|associate|mid[- ]senior(?: level)?|mid[- ]level|junior|senior|staff|principal|lead|"
    r"director|executive|manager)\b",
)
_EXPLICIT_LEVELS = {
    "internship": "intern",
    "entry level": "junior",
    "entry-level": "junior",
    "associate": "junior",
    "mid level": "mid",
    "mid-level": "mid",
    "director": "manager",
    "executive": "manager",
}
_ROLE_LEVEL = compile_fast(
    r"(?:\b(?:looking for|seeking|hiring|searching for|this is|this (?:role|position|job) is|you are)(?:\s+an?|\s+our)?"
    r"|(?<!experience )(?<!years )(?<!worked )(?<!working )\bas an?)\s+"
    r"(?:(?:talented|experienced|motivated|passionate|skilled|highly[- ]\w+)\s+)?"
    r"(?P<level>intern|junior|jr\.?|entry[- ]level|mid[- ]level|senior|sr\.?|staff|principal|lead)\b"
    r"|\b(?P<role>entry[- ]level|mid[- ]level|senior[- ]level|junior[- ]level) (?:role|position|opportunity|candidates?)\b"
    r"|\b(?:ideal|open|suitable|perfect|great) (?:for|to) (?:an?\s+)?(?P<grad>(?:new|recent) (?:college )?grad(?:uate)?s?)\b"
    r"|\b(?P<grad2>new (?:college )?grad(?:uate)?s?) (?:are )?(?:welcome|encouraged)\b",
)  # both matched against lowercased text: faster than re.IGNORECASE


_NOT_GIVEN = -1


def extract_seniority(
    title: str | None, text: str, *, sections: Sequence[Section] | None = None, min_years: int | None = _NOT_GIVEN
) -> str | None:
    """The seniority of a job, from its title first and its text second.

    The title decides when it names a level: Intern or Co-op is ``intern``;
    Junior, Jr, Entry, Associate, New Grad or a trailing ``I`` is ``junior``;
    Mid or ``II`` is ``mid``; Senior, Sr or ``III`` is ``senior``; Staff or
    ``IV`` is ``staff``; Principal, Distinguished or Fellow is ``principal``;
    Lead, Tech Lead or Head of is ``lead``; Manager, Director, VP or Chief is
    ``manager`` (not Product, Program or Project Manager, which are roles, not
    levels). When a title names several, the first of intern, manager,
    principal, staff, lead, senior, mid, junior wins ("Senior Staff" is staff).

    Otherwise the text decides: an explicit "Seniority level: X" (LinkedIn's
    "Mid-Senior level" is settled by the years asked: senior from 5 years, else
    mid), then the role described as one ("we are looking for a senior
    engineer", "entry-level role", "new graduates"), then the years of
    experience asked: 0-1 junior, 2-4 mid, 5-7 senior, 8 and more staff.

    Args:
        title: The job title, when known.
        text: The posting's text.
        sections: Its sections, when already split.
        min_years: The years asked, when already read with :func:`extract_min_years`.

    Returns:
        One of ``SENIORITY_LEVELS``, or None when nothing tells.

    Example:
        >>> extract_seniority("Sr. Machine Learning Engineer", "")
        'senior'
    """
    if title:
        for level, pattern in _TITLE_LEVELS:
            if pattern.search(title):
                return level
    lowered = text.lower()
    years = extract_min_years(text, sections) if min_years == _NOT_GIVEN else min_years
    explicit = _EXPLICIT_LEVEL.search(lowered)
    if explicit:
        value = re.sub(r"\s+", " ", explicit.group("level"))
        if value.startswith("mid-senior") or value.startswith("mid senior"):
            return "senior" if years is not None and years >= 5 else "mid"
        return _EXPLICIT_LEVELS.get(value, value)
    described = _ROLE_LEVEL.search(lowered)
    if described:
        if described.group("grad") or described.group("grad2"):
            return "junior"
        value = (described.group("level") or described.group("role")).lower().rstrip(".")
        value = re.sub(r"[- ]level$", "", value)
        return {"jr": "junior", "entry": "junior", "sr": "senior"}.get(value, value)
    if years is None:
        return None
    return "junior" if years <= 1 else "mid" if years <= 4 else "senior" if years <= 7 else "staff"


# --- requirement level -------------------------------------------------------------------------------------------------

_PREFERRED_CUE = compile_fast(
    r"\b(preferred|preferably|a plus|is a bonus|nice[- ]to[- ]have|bonus points|ideally|desirable|desired|advantageous|"
    r"an advantage|not required|optional)\b|\b(is|are|would be) (helpful|beneficial|great)\b|\b(plus|bonus)\s*:",
    re.I,
)
_REQUIRED_CUE = compile_fast(r"\b(must[- ]have|must be|must know|(you|candidates?) must|a must|required|minimum|mandatory)\b", re.I)


def requirement_level(text: str, start: int, end: int, sections: Sequence[Section]) -> str:
    """Whether a skill mentioned at text[start:end] is required, preferred or neither.

    The sentence (or bullet line) around the mention decides first: "preferred",
    "a plus", "is a bonus", "nice to have", "ideally", "desirable", "is
    helpful", "not required"... make it ``preferred``; "must have", "a
    must", "required", "minimum", "mandatory" make it ``required``; when
    both kinds appear, the cue nearer the mention wins (a tie is preferred).
    Otherwise the section decides: ``requirements`` is required, ``preferred``
    is preferred, anything else is ``unspecified``.

    Args:
        text: The posting's text.
        start: Offset of the mention's first character.
        end: Offset just past the mention.
        sections: The posting's sections (``split_sections(text)``).

    Returns:
        ``required``, ``preferred`` or ``unspecified``.
    """
    return requirement_levels(text, [(start, end)], sections)[0]


def requirement_levels(text: str, spans: Sequence[tuple[int, int]], sections: Sequence[Section]) -> list[str]:
    """:func:`requirement_level` for many mentions of one text, reading each sentence once."""
    if not spans:
        return []
    clauses = [(m.start(), m.end()) for m in CLAUSE_END.finditer(text)]
    starts = [start for start, _ in clauses]
    ends = [end for _, end in clauses]
    # Every cue of the text, found in one scan each, then picked per sentence.
    all_cues = sorted(
        (match.start(), match.end(), level)
        for level, pattern in (("preferred", _PREFERRED_CUE), ("required", _REQUIRED_CUE))
        for match in pattern.finditer(text)
    )
    cue_starts = [cue[0] for cue in all_cues]
    cues_by_sentence: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    levels = []
    for start, end in spans:
        index = bisect_right(ends, start) - 1
        s_start = max(ends[index] if index >= 0 else 0, start - 400)
        stop = bisect_left(starts, end)
        s_end = starts[stop] if stop < len(starts) else len(text)
        key = (s_start, s_end)
        if key not in cues_by_sentence:
            first, last = bisect_left(cue_starts, s_start), bisect_left(cue_starts, s_end)
            cues_by_sentence[key] = [cue for cue in all_cues[first:last] if cue[1] <= s_end]
        cues = [
            (start - c_end if c_end <= start else max(0, c_start - end), level) for c_start, c_end, level in cues_by_sentence[key]
        ]
        if cues:
            levels.append(min(cues, key=lambda cue: (cue[0], cue[1] != "preferred"))[1])
            continue
        section = _section_at(sections, start)
        kind = section.kind if section is not None else None
        levels.append("required" if kind == "requirements" else "preferred" if kind == "preferred" else "unspecified")
    return levels
