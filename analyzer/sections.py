"""Split a posting's text into sections and tell boilerplate from duties.

Job postings are made of sections under headings ("About us",
"Responsibilities", "Requirements", "Benefits", "Equal opportunity"...).
Company boilerplate, benefits and EEO or legal text name technologies and
values that the job does not ask for, so skills and duty cues found there
are ignored. A paragraph that reads as EEO or legal text is boilerplate
wherever it stands.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .fastre import compile_fast

__all__ = ["BOILERPLATE", "CLAUSE_END", "SENTENCE_END", "Section", "content_units", "sentence_bounds", "split_sections"]

#: Section kinds whose text never yields skills or cues.
BOILERPLATE = frozenset({"company", "benefits", "eeo", "legal", "apply"})

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (
            "eeo",
            r"equal(ity)?[- ](employment[- ])?opportunit|\beeo\b|diversity|inclusion|accommodation|e-verify|affirmative action|non-?discrimination|our commitment",
        ),
        (
            "benefits",
            r"benefits|perks|what we offer|we offer|what you.ll get|what you get|compensation|salary|pay (range|transparency)|total rewards|why (you.ll love|join)|(?<!the )life at|rewards|base pay|401",
        ),
        ("legal", r"privacy|disclaimer|notice to|recruitment fraud|fraud|legal|background check|export control|visa sponsorship"),
        ("apply", r"how to apply|to apply|application process|next steps|interview process|hiring process"),
        (
            "company",
            r"^(the|our) (mission|story|founders|investors|vision|business)$|^(the |our )?founding team$|^(vision|business|founders)$|^(the|our) company\b|^(department|division|business unit|organi[sz]ation) (overview|description)|^about (?!you\b|the (role|team|job|position|opportunity|work)\b|this (role|job|position)\b)(us|the company|our company|[A-Z][\w&.\-]*( [A-Z][\w&.\-]*){0,3}$)|^who we are|^our (company|story|culture|values)|company (overview|description|information|profile)|^why (work|join)",
        ),
        (
            "preferred",
            r"preferred|nice[- ]to[- ]have|bonus|plus(es)?\b|desired|good to have|extra credit|ideal(ly)?|stand out|even better|additional (qualifications|skills)",
        ),
        (
            "requirements",
            r"requirements|qualifications|what you.ll need|what we.re looking for|what we are looking for|what we look for|must[- ]have|you have|skills|experience|who you are|about you|you bring|you.ll bring|you will bring|competenc|what you bring|you might be|background|basic|minimum|required|profile|ideal candidate|you should have|looking for",
        ),
        (
            "duties",
            r"responsibilit|day in the life|what you.ll do|what you will do|you will|duties|the role|role|the job|the position|position|day[- ]to[- ]day|impact|the work|your mission|mission|what you.ll be doing|in this role|opportunity|challenge|overview|summary|about the (job|team|role)|the team|team|project|you.ll|description",
        ),
        ("company", r"^about\b|culture|values|^at \w+"),
    )
)

_EEO_PARAGRAPH = compile_fast(
    r"equal[- ](employment[- ])?opportunity|without regard to|protected (veteran|characteristic|class)|"
    r"sexual orientation|gender identity|national origin|reasonable accommodation|e-verify|"
    r"affirmative action|pay transparency|drug[- ]free workplace|background check",
    re.I,
)
_BULLET = re.compile(r"^\s*([*\-\u2022\u25cf\u25aa\u2023\u2043\u00b7o]|\d{1,2}[.)])\s+")
_HEADING_MARK = re.compile(r"^\s*(#{1,6}\s+|\*\*|__)")


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of a posting's text and what kind of text it is.

    Attributes:
        kind: ``intro`` (before any heading), ``duties``, ``requirements``,
            ``preferred``, ``company``, ``benefits``, ``eeo``, ``legal``,
            ``apply`` or ``other``.
        heading: The heading line ("" for the intro).
        start: Offset of the section's first character.
        end: Offset just past its last character.
    """

    kind: str
    heading: str
    start: int
    end: int

    @property
    def boilerplate(self) -> bool:
        """True when skills named here are not asked of the candidate."""
        return self.kind in BOILERPLATE


def _heading_kind(line: str) -> str | None:
    """The section kind a line opens, or None when the line is not a heading."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return None
    return _short_line_kind(stripped)


@lru_cache(maxsize=8192)
def _short_line_kind(stripped: str) -> str | None:
    """:func:`_heading_kind` of a stripped line of at most 80 characters (headings repeat across postings)."""
    marked = bool(_HEADING_MARK.match(stripped))
    core = re.sub(r"^[#*_\s]+|[*_\s]+$", "", stripped)
    if not core or (_BULLET.match(stripped) and not marked):
        return None
    ends_colon = core.endswith(":")
    words = core.rstrip(":").split()
    if len(words) > 9:
        return None
    # A heading is short and either ends with ':' or is marked, or has no
    # sentence punctuation and is title-like.
    title_like = not re.search(r"[.!,;]$", core) and (
        core.isupper() or sum(w[:1].isupper() for w in words) >= max(1, len(words) // 2)
    )
    # A short phrase in sentence case ("What you will do") is a heading too
    # when it reads as one of the known headings.
    short_phrase = len(words) <= 6 and not re.search(r"[.!,;?]$", core) and core[:1].isupper()
    if not (ends_colon or marked or title_like or short_phrase):
        return None
    text = core.rstrip(":").strip()
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return "other" if (ends_colon or marked) and len(words) <= 6 else None


def split_sections(text: str) -> tuple[Section, ...]:
    """Split text into sections at heading lines.

    Args:
        text: A posting's text.

    Returns:
        Sections covering the whole text in order. EEO and legal paragraphs
        inside other sections are returned as their own ``eeo`` sections.
    """
    sections: list[Section] = []
    kind, heading, start = "intro", "", 0
    # Scraped text that lost its newlines often keeps runs of spaces where
    # they were ("What You'll Do  Develop models..."): read those as breaks.
    breaks = re.compile(r"\n| {2,}" if text.count("\n") < 3 else r"\n")
    offset = 0
    for line in _lines(text, breaks):
        line_end = offset + len(line)
        found = _heading_kind(line)
        if found is not None and offset > start:
            sections.append(Section(kind, heading, start, offset))
        if found is not None:
            kind, heading, start = found, line.strip(), offset
            if offset == 0 and not sections:
                start = 0
        offset = line_end + 1
    sections.append(Section(kind, heading, start, len(text)))
    return tuple(_split_eeo_paragraphs(text, _split_company_intro(text, sections)))


_COMPANY_LINE = compile_fast(
    r"\b(we are|we're|we have|we build|we help|our (mission|company|platform|products?|customers|clients|vision|values|culture|investors|"
    r"software|technology|technologies|solutions)|[A-Z][\w&.-]*['\u2019]s (founders|mission|platform|products?|software|technology)|founders|"
    r"(is|are) (a|an|the) ([\w'\u2019-]+ ){0,4}(company|platform|startup|provider|leader|pioneer|firm|organization|solution)|"
    r"founded (in|by)|headquartered|backed by|series [a-e]\b|investors|fortune \d+|employees)\b",
    re.I,
)
_CANDIDATE_LINE = compile_fast(
    r"\b(you will|you'll|you would|you have|your|candidate|responsibilit|requirements?|qualifications?|experience (with|in)|"
    r"proficien|familiar|(looking|seeking|hiring|searching) (for|a|an)|this (role|position)|the (role|position)|as (a|an) [\w/ -]{0,40}engineer)\b",
    re.I,
)


_FUNDING_LINE = compile_fast(
    r"\b(founded (in|by)|backed by|headquartered|investors|series [a-e] (round|funding)|raised \$|venture (capital|partners)|unicorn)\b",
    re.I,
)


def _split_company_intro(text: str, sections: list[Section]) -> list[Section]:
    """Mark company blurb lines as ``company`` sections.

    In the intro (before any heading), a line that describes the company
    ("Acme is a leading AI platform...", "We are backed by...") and says
    nothing to the candidate is company blurb. Elsewhere only lines about
    the company's founding, funding and investors are. Long lines (a posting
    that lost its line breaks) hold the duties too: of a long first line, only
    the sentences before the first one that speaks to the candidate are
    blurb, and only when the line opens by describing the company (in one of
    its first two sentences). Sections under an overview heading ("Job
    Description", "The Opportunity") that open the posting are read like the
    intro, and so is the industry prose opening them (:func:`_opening_blurb`).
    Inside a company section, a line about the role being filled or the tech
    stack is the job's text, not blurb.
    """
    out: list[Section] = []
    leading = True
    for index, section in enumerate(sections):
        if index == 0 and section.kind == "intro":
            cut = _long_blurb_end(text, section)
            if cut is not None:
                out.append(Section("company", section.heading, section.start, cut))
                section = Section(section.kind, section.heading, cut, section.end)
        opening = leading and (section.kind in ("intro", "company") or bool(_OVERVIEW_HEADING.match(section.heading)))
        leading = opening
        if section.kind == "company":
            out.extend(_cut(section, _job_lines(text, section), "duties"))
            continue
        if section.boilerplate:
            out.append(section)
            continue
        pattern = _COMPANY_LINE if opening else _FUNDING_LINE
        if not pattern.search(text, section.start, section.end):
            out.append(section)
            continue
        blurb = [
            (section.start + m.start(), section.start + m.end())
            for m in re.finditer(r"[^\n]+", text[section.start : section.end])
            if len(m.group(0)) <= 1500 and pattern.search(m.group(0)) and not _CANDIDATE_LINE.search(m.group(0))
        ]
        if opening:
            blurb = _merge_spans(blurb, _opening_blurb(text, section))
        out.extend(_cut(section, blurb, "company"))
    return out


# Headings of a posting's opening paragraphs ("Job Description", "Overview", "The Opportunity"), which
# often describe the company before the job.
_OVERVIEW_HEADING = re.compile(
    r"[\W_]*((job|position|role) )?(description|summary|overview|introduction)[\W_]*$|[\W_]*the opportunity[\W_]*$", re.I
)


def _intro_units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of text[start:end], long lines cut into sentences."""
    units: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        l_start, l_end = start + line.start(), start + line.end()
        if l_end - l_start <= _LONG_LINE:
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


def _opening_blurb(text: str, section: Section) -> list[tuple[int, int]]:
    """The prose that opens the intro before it first speaks to the candidate, when it describes the world, not the job.

    A posting often opens with a paragraph about its industry or its market
    ("Transformers pushed NLP forward and now vision adopts them too") next to
    the company blurb, before it turns to the job. Such sentences speak of
    neither the candidate nor "we", "our" or a team: when the opening also
    holds a company line, they are blurb. Sentences in the first person or
    about a team may describe the job's own work and are left, as are short
    lines (titles, locations, lists of skills).
    """
    opening: list[tuple[int, int]] = []
    company = False
    for start, end in _intro_units(text, section.start, section.end):
        unit = text[start:end]
        if _speaks_to_candidate(unit):
            break
        company = company or bool(_COMPANY_LINE.search(unit))
        if _is_prose(unit) and not _FIRST_PERSON.search(unit) and not _COMPANY_LINE.search(unit) and not _is_eeo(unit):
            opening.append((start, end))
    return opening if company else []


# Words of a job ad or its requirements: the opening ends at the first sentence holding one.
_JOB_WORDS = compile_fast(
    r"\b(positions?|roles?|openings?|jobs?|hiring|hire|apply|experience|years|degree|skills?|knowledge|expertise|"
    r"required|preferred|plus|must)\b",
    re.I,
)
_FIRST_PERSON = compile_fast(r"\b(we|we're|we've|our|ours|us|team|team's)\b", re.I)


def _speaks_to_candidate(unit: str) -> bool:
    """True when a sentence addresses the candidate or the role (a question to the reader counts)."""
    if unit.rstrip().endswith("?") or _JOB_WORDS.search(unit):
        return True
    return any(m.group(0).lower() not in ("requirement", "requirements", "qualification", "qualifications")
               for m in _CANDIDATE_LINE.finditer(unit)) or bool(re.match(r"\W*(requirements|qualifications)\b", unit, re.I))


def _is_prose(unit: str) -> bool:
    """True for a sentence of running text, not a title, a label or a list of skills."""
    words = unit.split()
    return len(words) >= _PROSE_WORDS and unit.count(",") * 4 < len(words) and not _BULLET.match(unit)


_PROSE_WORDS = 12


def _merge_spans(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ordered, non-overlapping union of two lists of spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(a + b):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# A paragraph about the role being filled ("We're looking for a Deep Learning Engineer to...", "The role will
# concentrate on...") or the stack the job works with ("Tech stack: Python, PyTorch..."), inside an "About us" section.
_JOB_LINE = compile_fast(
    r"\b(looking|seeking|hiring|searching) (for|to (recruit|hire|add|bring on)) (a|an)\b|"
    r"\b(this|the) (role|position) (will|is|involves|focuses)\b|\bin this (role|position)\b|"
    r"^[\W_]*(our |the )?(tech(nology)?|technical|engineering|software|data|ml) stack\b|^[\W_]*technologies( we use)?\s*:",
    re.I,
)


def _job_lines(text: str, section: Section) -> list[tuple[int, int]]:
    """Lines of a company section that describe the role or its tech stack: not blurb."""
    return [
        (section.start + m.start(), section.start + m.end())
        for m in re.finditer(r"[^\n]+", text[section.start : section.end])
        if len(m.group(0)) <= 1500 and _JOB_LINE.search(m.group(0)) and not _is_eeo(m.group(0))
    ]


def _cut(section: Section, spans: list[tuple[int, int]], kind: str) -> list[Section]:
    """The section with the given spans (ordered, inside it) cut out as sections of ``kind``."""
    out: list[Section] = []
    cursor = section.start
    for start, end in spans:
        if start > cursor:
            out.append(Section(section.kind, section.heading, cursor, start))
        out.append(Section(kind, section.heading, start, end))
        cursor = end
    if cursor < section.end:
        out.append(Section(section.kind, section.heading, cursor, section.end))
    return out


def _long_blurb_end(text: str, section: Section) -> int | None:
    """Where the company blurb opening a long first line ends, or None."""
    newline = text.find("\n", section.start, section.end)
    line_end = section.end if newline < 0 else newline
    if line_end - section.start <= 1500:
        return None
    sentences = [m for m in _SENTENCE.finditer(text, section.start, line_end) if m.group(0).strip()]
    # The blurb may open with a slogan ("There is only one Data Cloud.") before it names the company.
    opening = sentences[:2]
    if not any(_COMPANY_LINE.search(m.group(0)) for m in opening) or any(_CANDIDATE_LINE.search(m.group(0)) for m in opening):
        return None
    return next((m.start() for m in sentences[len(opening) :] if _CANDIDATE_LINE.search(m.group(0))), None)


def _lines(text: str, breaks: re.Pattern[str]) -> list[str]:
    """Lines of text, each followed in the text by exactly one separator character.

    Runs of spaces are kept as leading text of the next line minus one space,
    so that offsets add up.
    """
    out: list[str] = []
    cursor = 0
    for match in breaks.finditer(text):
        out.append(text[cursor : match.start()])
        # One separator character is consumed; the rest of a run of spaces
        # starts the next line (a heading check strips it).
        cursor = match.start() + 1
    out.append(text[cursor:])
    return out


def _split_eeo_paragraphs(text: str, sections: list[Section]) -> list[Section]:
    """Cut EEO and legal statements out of the other sections.

    The unit is a line; a long line (scraped text that lost its line breaks)
    is read sentence by sentence, and consecutive EEO sentences form one section.
    """
    out: list[Section] = []
    for section in sections:
        if section.boilerplate:
            out.append(section)
            continue
        out.extend(_cut(section, _eeo_spans(text, section.start, section.end), "eeo"))
    return out


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)\s*|[^\n]+")
# Sentences of a long line, also ended by a run of spaces where a scraper lost a line break.
_GLUED_SENTENCE = re.compile(r"(?:[^.!?\n ]| (?! ))+(?:[.!?]+ ?|(?= {2})|$)| +|[^\n]+")


def _eeo_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    # Only lines holding one of the hint words can be EEO text: find those once.
    hints = [m.start() for m in _EEO_HINT.finditer(text, start, end)]
    if not hints:
        return spans
    for line in re.finditer(r"[^\n]+", text[start:end]):
        if not _has_hint(hints, start + line.start(), start + line.end()):
            continue
        line_start = start + line.start()
        units = (
            [(line_start, start + line.end())]
            if len(line.group(0)) <= 600
            else [(line_start + m.start(), line_start + m.end()) for m in _GLUED_SENTENCE.finditer(line.group(0)) if m.group(0).strip()]
        )
        for u_start, u_end in units:
            if _has_hint(hints, u_start, u_end) and _is_eeo(text[u_start:u_end]):
                if u_end - u_start > _LONG_LINE:
                    # A run-on "sentence" (bullets that lost their line breaks and
                    # full stops) holds requirements before the statement: cut from its first phrase.
                    first = _EEO_PARAGRAPH.search(text, u_start, u_end)
                    if first is not None and first.start() - u_start > _LONG_LINE // 2:
                        u_start = first.start()
                if spans and spans[-1][1] >= u_start - 1:
                    spans[-1] = (spans[-1][0], u_end)
                else:
                    spans.append((u_start, u_end))
    return spans


def _has_hint(hints: list[int], start: int, end: int) -> bool:
    i = bisect_left(hints, start)
    return i < len(hints) and hints[i] < end


_EEO_HINT = compile_fast(
    r"equal|regard|orientation|origin|accommodat|verify|affirmative|transparency|drug|background|protected|identity", re.I
)


def _is_eeo(paragraph: str) -> bool:
    if not _EEO_HINT.search(paragraph):
        return False
    hits = len(set(m.group(0).lower() for m in _EEO_PARAGRAPH.finditer(paragraph)))
    return hits >= 2 or (
        hits == 1 and len(paragraph) < 400 and bool(re.search(r"equal|without regard|accommodation", paragraph, re.I))
    )


# Spelt to start with \s, so that Python's engine skips other characters fast:
# a newline; three or more spaces; .!? (not in e.g., i.e., vs.) then spaces
# before a capital, a bracket, a bullet or a quote.
_ENDS = r"(?<=\n)|\s{2,}|(?<=[.!?]\s)(?<!e\.g\.\s)(?<!i\.e\.\s)(?<!\bvs\.\s)\s*(?=[A-Z(*•\"“-])"
#: A sentence or line ends here: a newline, a run of spaces, or .!? before a capital.
SENTENCE_END = re.compile(rf"\s(?:{_ENDS})")
#: A clause ends here: where a sentence ends, or after a semicolon.
CLAUSE_END = re.compile(rf"\s(?:{_ENDS}|(?<=;\s)\s*)")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence (or line) around text[start:end], at most 300 characters each way."""
    window_start = max(0, start - 300)
    s_start = window_start
    for match in SENTENCE_END.finditer(text, window_start, start):
        s_start = match.end()
    stop = SENTENCE_END.search(text, end, min(len(text), end + 300))
    return s_start, stop.start() if stop else min(len(text), end + 300)


def content_units(text: str, sections: Sequence[Section]) -> list[tuple[str, int, int]]:
    """The lines outside boilerplate, long lines cut into sentences: what a reader weighs one by one.

    Args:
        text: A posting's text.
        sections: Its sections (:func:`split_sections`).

    Returns:
        ``(section kind, start, end)`` of each unit, in text order.
    """
    out = []
    for section in sections:
        if section.boilerplate:
            continue
        for line in re.finditer(r"[^\n]+", text[section.start : section.end]):
            start, end = section.start + line.start(), section.start + line.end()
            if end - start <= _LONG_LINE:
                out.append((section.kind, start, end))
                continue
            cursor = start
            for stop in SENTENCE_END.finditer(text, start, end):
                if stop.start() > cursor:
                    out.append((section.kind, cursor, stop.start()))
                cursor = stop.end()
            if cursor < end:
                out.append((section.kind, cursor, end))
    return out


_LONG_LINE = 400
