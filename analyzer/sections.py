"""Split a posting's text into sections and tell boilerplate from duties.

Job postings are made of sections under headings ("About us",
"Responsibilities", "Requirements", "Benefits", "Equal opportunity"...).
This module finds the headings, names the kind of section each one opens,
and yields the units a reader weighs one by one (:func:`content_units`).
Company boilerplate, benefits and EEO or legal text name technologies and
values that the job does not ask for, so skills and duty cues found there
are ignored. Two kinds of boilerplate are found inside other sections too:
company blurb (:mod:`analyzer.blurb`) and EEO or legal statements
(:mod:`analyzer.eeo`), wherever they stand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .blurb import company_spans, perk_spans, split_blurb
from .eeo import eeo_spans
from .model import BOILERPLATE, Section
from .sentences import BULLET, LONG_LINE, line_units

# Section and BOILERPLATE live in model (the blurb rules build sections too); they are named here, with the splitter.
__all__ = ["BOILERPLATE", "Section", "content_units", "split_sections"]

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (
            "eeo",
            r"equal(ity)?[- ](employment[- ])?opportunit|\beeo\b|diversity|inclusion|accommodation|e-verify|affirmative action|non-?discrimination|our commitment",
        ),
        (
            "benefits",
            r"benefits|benefit from|perks|in it for you|what we offer|we (can )?offer|what you.ll get|what you get|compensation|salary|pay (range|transparency)|total rewards|why (you.ll love|join)|(?<!the )life at|rewards|base pay|401",
        ),
        ("legal", r"privacy|disclaimer|notice to|recruitment fraud|fraud|legal|background check|export control|visa sponsorship"),
        ("apply", r"how to apply|to apply|application process|next steps|interview process|hiring process"),
        (
            "company",
            r"^(the|our) (mission|story|founders|investors|vision|business)$|^(the |our )?founding team$|^(vision|business|founders)$|^(the|our) company\b|^(department|division|business unit|organi[sz]ation) (overview|description)|^(more )?about (?!you\b|the (role|team|job|position|opportunity|work)\b|this (role|job|position)\b)(us\b|the company|our company|[A-Z][\w&.\-]*( [A-Z][\w&.\-]*){0,3}$)|^who (we are|are we)\b|^our (company|story|culture|values|background|history)\b|company (overview|description|information|profile|highlights)|^why (work|join)|^additional info(rmation)?$",
        ),
        (
            "preferred",
            r"preferred|nice[- ]to[- ]have|bonus|plus(es)?\b|desired|good to have|extra credit|ideal(ly)?|stand out|even better|additional (qualifications|skills)",
        ),
        (
            "requirements",
            r"requirements|qualifications|key ?words|^tags$|what you.ll need|you need\b|need you to have|what we.re looking for|what we are looking for|what we look for|must[- ]have|you have|skills|experience|who you are|about you|you bring|you.ll bring|you will bring|competenc|what you bring|you might be|background|basic|minimum|required|profile|ideal candidate|you should have|looking for",
        ),
        (
            "duties",
            r"responsibilit|day in the life|what you.ll do|what you will do|you will|duties|the role|role|the job|the position|position|day[- ]to[- ]day|impact|the work|your mission|mission|what you.ll be doing|will you (be )?do|\bstack\W*$|in this role|opportunity|challenge|overview|summary|about the (job|team|role)|the team|team|project|you.ll|description",
        ),
        ("company", r"^about\b|culture|values|^at \w+"),
    )
)

# Sections of the job itself: once one has opened, an "About Acme" heading closes it.
_JOB_KINDS = ("duties", "requirements", "preferred")

# The verbs a duty line opens with (base form, -s or -ing): such a line states work, it heads nothing.
_DUTY_VERB = re.compile(
    r"(?:analy[sz]|architect|automat|build|collaborat|conduct|contribut|creat|defin|deliver|deploy|design|develop|"
    r"document|driv|ensur|establish|evaluat|explor|identif|implement|improv|integrat|investigat|lead|maintain|manag|"
    r"mentor|monitor|optimi[sz]|own|partner|perform|prototyp|provid|research|review|scal|ship|support|test|train|"
    r"translat|tun|writ)(?:e|es|s|ing|ies|y)?\b",
    re.I,
)
_QUESTION_HEADING = re.compile(r"(who|what|why|where|how)\b[^?]*\?$", re.I)
_HEADING_MARK = re.compile(r"^\s*(#{1,6}\s+|\*\*|__)")
# A sum of money ("$55hr", "USD 120,000", "150k"): a line holding one states the pay.
_AMOUNT = re.compile(r"[$\u20ac\u00a3]\s?\d|\b(usd|eur|gbp)\s?\d|\b\d+(,\d{3})*(\.\d+)?\s?[kK]\b", re.I)


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
    # A heading may trail off into the list it opens ("WE NEED YOU TO HAVE...."): the dots are no sentence's end.
    core = re.sub(r"\s*(\u2026|\.{3})\.*$", "", re.sub(r"^[#*_\s]+|[*_\s]+$", "", stripped))
    if not core or (BULLET.match(stripped) and not marked):
        return None
    ends_colon = core.endswith(":")
    words = core.rstrip(":").split()
    if len(words) > 9:
        return None
    # A heading is short and either ends with ':' or is marked, or has no
    # sentence punctuation and is title-like.
    capitals = sum(w[:1].isupper() for w in words)
    title_like = not re.search(r"[.!,;]$", core) and (core.isupper() or capitals >= max(1, len(words) // 2))
    # A short phrase in sentence case ("What you will do") is a heading too
    # when it reads as one of the known headings.
    # So is a short question asked as a heading ("Who are we?", "What will you be doing?").
    short_phrase = len(words) <= 6 and core[:1].isupper() and (
        not re.search(r"[.!,;?]$", core) or bool(_QUESTION_HEADING.match(core))
    )
    if not (ends_colon or marked or title_like or short_phrase):
        return None
    # A duty written as a short line ("Train fraud detection models with XGBoost", "Deploy privacy-preserving
    # models with Docker") opens with its verb: unless it is plainly a heading (a colon or mark, capitalised
    # throughout or mostly, a question), it heads no section, even when it names one ("fraud", "privacy", "bonus").
    clear = ends_colon or marked or core.isupper() or 2 * capitals > len(words) or bool(_QUESTION_HEADING.match(core))
    if not clear and _DUTY_VERB.match(core) and not re.search(r"[.;!?]\s", core):  # glued: "Mentor engineers. Basic Qualifications"
        return None
    text = core.rstrip(":").strip()
    for kind, pattern in _KINDS:
        if pattern.search(text):
            # A pay line ("Pay Range $55hr - $62hr") states a fact and opens no benefits section.
            return None if kind == "benefits" and _AMOUNT.search(text) else kind
    return "other" if (ends_colon or marked) and len(words) <= 6 else None


# A heading that kept the text it opens on its own line, in text that lost its line breaks:
# "Responsibilities: Perform ETL...", "About Acme Acme is a leading..."
_GLUED_COLON_HEADING = re.compile(r"\s*([A-Z][^:.!?\n]{2,50}?)\s?:\s+\S")
_GLUED_ABOUT_HEADING = re.compile(r"\s*(About(?: [A-Z][\w&.\u00ae'\u2019-]*){1,2}) \S")


def _glued_heading(line: str) -> tuple[str | None, str]:
    """The section kind and heading a line of glued text opens with, before its text; None and "" when it opens none.

    A heading ending in a colon ("Responsibilities: Perform ETL...") opens any
    kind but a company section (a sentence ending in a colon, such as "Exhibit
    our values:", reads as one); "About" and a name opens a company section
    ("About Acme Acme is a leading...") and "About The Team" a duties one.
    """
    colon = _GLUED_COLON_HEADING.match(line)
    if colon is not None and len(colon.group(1).split()) <= 5:
        kind = _heading_kind(colon.group(1) + ":")
        if kind not in (None, "other", "company"):
            return kind, colon.group(1) + ":"
    about = _GLUED_ABOUT_HEADING.match(line)
    if about is not None:
        kind = _heading_kind(about.group(1))
        if kind is not None:
            return kind, about.group(1)
    return None, ""


# A header line naming the job ("Job Title: Gen AI ML Engineer", "Position: MLOps Lead Engineer"): the title, a hint
# at the job, not a skill its duties or requirements ask for. The value must read as a job title: words in title case
# (bracketed notes aside) with a job noun among them, so a label line stating the work ("Role: Build Spark pipelines
# with data engineers") stays.
_TITLE_LABEL = re.compile(
    r"[ \t*#\u2022-]*(?:job title|position title|job role|job position|title|position|role)\s*(?::+|[-\u2013\u2014|])\s*", re.I
)
_BRACKETED = re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]")
_JOB_NOUN = re.compile(
    r"(?:engineers?|developers?|scientists?|architects?|leads?|managers?|analysts?|specialists?|consultants?|interns?|"
    r"researchers?|directors?|programmers?|administrators?|designers?)\W*$",
    re.I,
)
# Words a title may hold besides capitalised ones ("Head of Data", "Engineer with Python and GCP", "ML - GenAI").
_TITLE_GLUE = frozenset("of and in with for on at or & / - \u2013 \u2014 | , +".split())


def _is_title_line(line: str) -> bool:
    """True for a header line naming the job: a title label and a value written as a job title."""
    label = _TITLE_LABEL.match(line)
    if label is None or len(line) > 160:
        return False
    words = _BRACKETED.sub(" ", line[label.end() :]).split()
    return (
        0 < len(words) <= 12
        and any(_JOB_NOUN.match(w) for w in words)
        and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_GLUE for w in words)
    )


def _title_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the header lines naming the job ("Job Title: ML Engineer") in a stretch of text."""
    spans: list[tuple[int, int]] = []
    if not re.search(r"title|position|role", text[start:end], re.I):
        return spans
    offset = start
    for line in text[start:end].split("\n"):
        if _is_title_line(line):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


# Where a line ends in text that lost its line breaks (see split_sections).
_GLUED_BREAKS = re.compile(r"\n|[^\S\n]{2,}")


def split_sections(text: str) -> tuple[Section, ...]:
    """Split text into sections at heading lines.

    Args:
        text: A posting's text.

    Returns:
        Sections covering the whole text in order. Company blurb inside
        other sections (:func:`analyzer.blurb.split_blurb`) is returned as
        ``company`` sections, and EEO and legal paragraphs
        (:func:`analyzer.eeo.eeo_spans`) as ``eeo`` sections.
    """
    sections: list[Section] = []
    kind, heading, start = "intro", "", 0
    # Scraped text that lost its newlines often keeps runs of spaces (or
    # no-break spaces) where they were ("What You'll Do  Develop models..."):
    # read those as breaks.
    glued = text.count("\n") < 3
    offset = 0
    job_seen = False
    # Without runs of spaces to read as breaks, the lines are what str.split gives, much faster.
    for line in _lines(text, _GLUED_BREAKS) if glued else text.split("\n"):
        line_end = offset + len(line)
        found, heading_text = _heading_kind(line), line.strip()
        if found is None and glued:
            found, heading_text = _glued_heading(line)
        if found == "company" and glued and len(text) > LONG_LINE and not job_seen:
            # Glued text opening with "About Acme" holds the job in the same run of text: read it as the
            # intro, whose company blurb the blurb rules cut up to where the text first speaks to the candidate.
            found = "intro"
        job_seen = job_seen or found in _JOB_KINDS
        if found is not None and offset > start:
            sections.append(Section(kind, heading, start, offset))
        if found is not None:
            kind, heading, start = found, heading_text, offset
            if offset == 0 and not sections:
                start = 0
        offset = line_end + 1
    sections.append(Section(kind, heading, start, len(text)))
    return tuple(_cut_eeo_and_perks(text, split_blurb(text, sections)))


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


def _cut_eeo_and_perks(text: str, sections: list[Section]) -> list[Section]:
    """Cut EEO and legal statements out of the other sections as ``eeo`` sections, perks as ``benefits`` ones.

    The statements are found by :func:`analyzer.eeo.eeo_spans`, the perks by
    :func:`analyzer.blurb.perk_spans` and the company's words ("a generative
    AI startup", mission statements) by :func:`analyzer.blurb.company_spans`,
    cut as ``company`` sections, and header lines naming the job ("Job Title: ML Engineer") as ``title`` ones;
    boilerplate sections are left whole.
    """
    out: list[Section] = []
    for whole in sections:
        if whole.boilerplate:
            out.append(whole)
            continue
        titled = whole.cut_out(_title_lines(text, whole.start, whole.end), "title")
        for section in titled:
            if section.boilerplate:
                out.append(section)
                continue
            out.extend(_cut_eeo_and_perks_of(text, section))
    return out


def _cut_eeo_and_perks_of(text: str, section: Section) -> list[Section]:
    """:func:`_cut_eeo_and_perks` of one section that is no boilerplate."""
    out: list[Section] = []
    for part in section.cut_out(eeo_spans(text, section.start, section.end), "eeo"):
        if part.boilerplate:
            out.append(part)
            continue
        for piece in part.cut_out(perk_spans(text, part.start, part.end), "benefits"):
            out.extend([piece] if piece.boilerplate else
                       piece.cut_out(company_spans(text, piece.start, piece.end), "company"))
    return out


def content_units(text: str, sections: Sequence[Section]) -> list[tuple[str, int, int]]:
    """The lines outside boilerplate, long lines cut into sentences: what a reader weighs one by one.

    Args:
        text: A posting's text.
        sections: Its sections (:func:`split_sections`).

    Returns:
        ``(section kind, start, end)`` of each unit, in text order.
    """
    return [
        (section.kind, start, end)
        for section in sections
        if not section.boilerplate
        for start, end in line_units(text, section.start, section.end)
    ]
