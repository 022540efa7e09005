"""Tell the company's blurb from the job's text.

Postings describe the company, its products, funding and industry ("Acme is
a leading AI platform backed by top investors", "Transformers pushed NLP
forward...") next to the job. Those lines name technologies the candidate is
not asked for, so they are cut out as ``company`` sections, which are
boilerplate. The rules here decide which lines are blurb: company lines that
say nothing to the candidate in a posting's opening, funding lines anywhere,
industry prose before the opening first speaks to the candidate, the blurb
opening a long first line; and, the other way, which lines of an "About us"
section are the job's own text (the role being filled, the tech stack).

:func:`split_blurb` works on the sections :mod:`analyzer.sections` finds at
headings and is called by :func:`analyzer.sections.split_sections`.
"""

from __future__ import annotations

import re

from .eeo import is_eeo
from .fastre import compile_fast
from .model import Section
from .sentences import BULLET, line_spans, line_units

__all__ = ["company_spans", "perk_spans", "split_blurb"]

_COMPANY_LINE = compile_fast(
    r"\b(we are|we['\u2019]re|we have|we['\u2019]ve|we build|we help|our (mission|company|platform|products?|customers|clients|vision|values|culture|investors|"
    r"software|technology|technologies|solutions)|[A-Z][\w&.-]*['\u2019]s (founders|mission|platform|products?|software|technology)|founders|"
    r"(is|are) (a|an|the) ([\w'\u2019-]+ ){0,4}(company|platform|startup|provider|leader|pioneer|firm|organization|solution)|"
    r"founded (in|by)|headquartered|backed by|series [a-e]\b|investors|fortune \d+|employees|"
    r"(is|are) (the )?world['\u2019]s (first|leading|largest|fastest[- ]growing|most|premier|only|best))\b",
    re.I,
)
_CANDIDATE_LINE = compile_fast(
    r"\b(you will|you['\u2019]ll|you would|you have|your(?! (?:users|customers|clients|business|businesses)\b)|candidate|responsibilit|requirements?|qualifications?|experience (with|in)|"
    r"proficien|familiar|(looking|seeking|hiring|searching) (for(?! (new |better )?ways\b)|a|an)|this (role|position)|the (role|position)|as (a|an) [\w/ -]{0,40}engineer)\b",
    re.I,
)
_FUNDING_LINE = compile_fast(
    r"\b(founded (in|by)|backed by|headquartered|investors|series [a-e] (round|funding)|raised \$|venture (capital|partners)|unicorn)\b",
    re.I,
)
# Headings of a posting's opening paragraphs ("Job Description", "Overview", "The Opportunity"), which
# often describe the company before the job.
_OVERVIEW_HEADING = re.compile(
    r"[\W_]*((job|position|role) )?(description|summary|overview|introduction)[\W_]*$|[\W_]*the opportunity[\W_]*$", re.I
)
# Words of a job ad or its requirements: the opening ends at the first sentence holding one. "Knowledge" counts when
# it is the candidate's ("knowledge of", "strong knowledge"), not in a name or a field ("knowledge graphs", "the Search
# & Knowledge team", "knowledge and data mining").
_JOB_WORDS = compile_fast(
    r"\b(positions?|roles?|openings?|jobs?|hiring|hire|apply|experience|years|degree|skills?|expertise|"
    r"required|preferred|plus|must|knowledge (?:of|in|about|with|on|across)|"
    r"(?:strong|solid|deep|working|good|excellent|basic|extensive|in-depth|thorough|practical|expert|technical|domain|"
    r"sound|proven|broad) knowledge)\b",
    re.I,
)
# A unit opening with a requirements label ("Requirements: ..."): the job, though the word alone elsewhere is not.
_REQUIREMENTS_LABEL = re.compile(r"\W*(requirements|qualifications)\b", re.I)
_FIRST_PERSON = compile_fast(r"\b(we|we['\u2019]re|we['\u2019]ve|our|ours|us|team|team['\u2019]s)\b", re.I)
# A paragraph about the role being filled ("We're looking for a Deep Learning Engineer to...", "The role will
# concentrate on...") or the stack the job works with ("Tech stack: Python, PyTorch..."), inside an "About us" section.
_JOB_LINE = compile_fast(
    r"\b(looking|seeking|hiring|searching) (for|to (recruit|hire|add|bring on)) (a|an)\b|"
    r"\b(this|the) (role|position) (will|is|involves|focuses)\b|\bin this (role|position)\b|"
    r"^[\W_]*(our |the )?(tech(nology)?|technical|engineering|software|data|ml) stack\b|^[\W_]*technologies( we use)?\s*:",
    re.I,
)
# Perks and track records inside the job's text, cut from where they start to the end of their sentence: the chance
# to grow ("the opportunity to grow your skill set ... GenAI"), the exposure a role gives ("will provide exposure to ... NLP"), the hype list after an opportunity ("an incredible
# opportunity to innovate ... at the cutting edge of IoT, big data and generative AI") and what colleagues built
# before ("engineers who have been instrumental in building YouTube, AWS and Azure", "the team has many open source
# committers (TensorFlow, Ray ...)"), the backgrounds colleagues come from ("an organization that brings together talent
# from diverse backgrounds including software engineering, big data, ...") and what they specialize in ("a team of data
# scientists specializing in deep learning", "a team of experts in NLP").
_PERK = compile_fast(
    r"\bopportunit(?:y|ies) to (?:grow|develop|expand|broaden|deepen|sharpen|hone|build) (?:your|their) "
    r"(?:skills?|skill ?set|expertise|knowledge|careers?)\b[^.!?\n]*|"
    r"\b(?:provides?|provided|providing|gives?|giving|offers?|offering|get|gets|gain|gains|getting|gaining) "
    r"(?:you |them |candidates )?(?:(?:great|broad|hands-on|unique|wide) )?exposure to\b[^.!?\n]*|"
    r"\bopportunit(?:y|ies)\b[^.!?\n]{0,160}?\b((?:at|on|in) the (?:(?:very )?(?:cutting|leading|bleeding)[- ]edge|forefront) of\b[^.!?\n]*)|"
    r"\b(?:team|engineers|scientists|leaders|colleagues|founders|people)\b[^.!?\n]{0,80}?\b((?:who|that) (?:have|has) "
    r"(?:been instrumental in |previously )?(?:built|building|created|launched|shipped|scaled)\b[^.!?\n]*)|"
    r"\b(?:team|engineers|scientists|colleagues|founders|people)\b[^.!?\n]{0,80}?\b((?:has|have|includes?) (?:many |several |numerous )?"
    r"(?:core |active )?(?:open[- ]source )?(?:committers|maintainers|contributors) (?:to|of|\()[^.!?\n]*)|"
    r"\b(?:talent|people|individuals|colleagues|experts|professionals|engineers|scientists|researchers) (?:from|with) "
    r"(?:diverse|different|varied|various|many|multiple|a (?:wide |broad |diverse )?(?:variety|range|mix) of) "
    r"(?:backgrounds|disciplines|fields|specialties),? (?:including|such as|like|in|across|spanning)\b[^.!?\n]*|"
    r"\b(?:team|group)s? of\b[^.!?\n]{0,100}?\b((?:(?:who|that) speciali[sz]e|speciali[sz](?:ing|ed)|experts?) in\b[^.!?\n]*)",
    re.I,
)
# A recruiter introducing the company it hires for ("Acme Search are partnered with a startup who are ...",
# "We're currently partnered with ...", "Partnering with an exceptional team, who are building ..."). Working
# "in partnership with" a team, or partnering with other teams, is a duty and no such sentence.
_RECRUITER_PARTNER = compile_fast(
    r"(?:\b(?:are|is|am|have been|has been)|['\u2019](?:re|m|ve been))\s+(?:currently\s+|exclusively\s+|proudly\s+|now\s+)?"
    r"partner(?:ed|ing)\s+with\b|^[\W_]*partnering\s+with\b",
    re.I,
)
# A sentence about the recruiter's client in the third person ("The company's purpose is ...", "Their database
# includes ...", "They have raised ..."), or one going on from the sentence before ("Which is designed to ...").
_CLIENT_SENTENCE = re.compile(
    r"[\W_]*(?:(?:the|this) (?:company|companies|company['\u2019]s|business|business['\u2019]|firm|firm['\u2019]s|"
    r"start-?up|start-?up['\u2019]s|client|client['\u2019]s|organi[sz]ation)\b|their\b|its\b|they\b|which\b)",
    re.I,
)
# A sentence telling what a team does ("Our group is responsible for developing ... NLP", "The Behavior ML team is
# responsible for building ...", "Our team specializes in ...", "The Acme ML team is committed to developing ...",
# "The Search & Ads Platform team is building ...", "As a key part of Acme, our team was established to ..."). What a
# team uses ("Our team uses PyTorch and AWS") is the stack the hire works with, so it stays.
_TEAM_SENTENCE = compile_fast(
    r"^[\W_]*(?:[^,.!?\n]{1,60},\s*)?(?:our|the|this)\s+(?:[\w&/-]+\s+){0,5}"
    r"(?:team|group|org|organi[sz]ation|lab|department|division)\s+"
    r"(?:(?:is|are)\s+)?(?:responsible for|focused on|focuses on|tasked with|charged with|dedicated to|committed to|"
    r"specializes in|specialises in|develops|builds|(?:is|are) building|works on|(?:is|are) working on|owns|pioneers|"
    r"(?:was|were) (?:established|formed|founded|created|built) to|exists to)\b",
    re.I,
)
# A sentence stating what a company or its product is ("Acme Studio is the world's first IDE for ...", "Acme is a leading
# provider of ..."): a paragraph opening with one describes the product, not the job.
_PRODUCT_SENTENCE = re.compile(
    r"^[\W_]*(?:[A-Z][\w&.\u00ae'\u2019-]*\s+){1,4}(?:is|are)\s+(?:(?:a|an|the)\s+(?:[\w'\u2019-]+\s+){0,4}"
    r"(?:company|platform|startup|provider|leader|pioneer|firm|organization|solution)\b|(?:the\s+)?world['\u2019]s\s+"
    r"(?:first|leading|largest|fastest[- ]growing|most|premier|only|best)\b)",
)
# The words describing a company in front of the noun ("a new generative AI startup looking for ...", "an NLP
# company", "A generative AI scale-up that is building ..."): its industry, not what the job asks for.
_DESCRIPTOR = compile_fast(
    r"\b(?:a|an)\s+((?:[\w'\u2019/&.+-]+,?\s+){1,6}?)(?:start-?ups?|scale-?ups?|compan(?:y|ies)|firms?|unicorns?)\b",
    re.I,
)
# Words that end a company's description when read back from the noun ("a role at a robotics company": "robotics").
_NOT_DESCRIPTOR = frozenset(
    "a an the and or but for of to in on at by with from as into who that which whose where our your their its his her "
    "is are was were be been has have had will would can could should may might must this these those than".split()
)
# A sentence stating the company's mission ("At Acme, we're on a mission to ... on-device inference", "Our mission is to
# ..."), which is the company's, not the job's ("your work will contribute to our mission of ..." is left).
_MISSION = compile_fast(
    r"^[\W_]*(?:at [^,.!?\n]{1,40},\s*)?(?:we are|we['\u2019]re) on a mission\b|^[\W_]*(?:our|[A-Z][\w&.-]*['\u2019]s) mission is\b",
    re.I,
)
# A line announcing a list of the jobs a staffing or training firm places people in ("... placing the consultants on
# below following roles:"): the short lines after it are other jobs, not the skills this one asks for.
_ROLES_LIST = compile_fast(r"\b(?:following|below|these|other) (?:roles|positions|job titles|openings)\s*:\s*$", re.I)
# What a stretch must hold for either of the two above to match anywhere in it.
_MISSION_OR_ROLES = compile_fast(r"\bmission\b|\b(?:following|below|these|other) (?:roles|positions|job titles|openings)\s*:", re.I)
# A line of such a list holds at most this many words.
_ROLE_WORDS = 6
# "a firm understanding of ..." is no company.
_FIRM_SENSE = re.compile(r"\s+(?:understanding|grasp|knowledge|foundation|command|background|handle|belief)\b", re.I)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)\s*|[^\n]+")
# A sentence of running text has at least this many words.
_PROSE_WORDS = 12


def split_blurb(text: str, sections: list[Section]) -> list[Section]:
    """Cut the company blurb out of a posting's sections.

    In the intro (before any heading), a line that describes the company
    ("Acme is a leading AI platform...", "We are backed by...") and says
    nothing to the candidate is company blurb. Elsewhere only lines about
    the company's founding, funding and investors are. Long lines (a posting
    that lost its line breaks) hold the duties too: of the first long line of
    the opening intro sections (after at most a title, a location or an
    "About Acme" heading), only the sentences before the first one that
    speaks to the candidate are blurb, and only when the line opens by
    describing the company (in one of its first two sentences). Sections
    under an overview heading ("Job Description", "The Opportunity") that
    open the posting are read like the intro, and so is the industry prose opening them (:func:`_opening_blurb`).
    Inside a company section, a line about the role being filled or the tech
    stack is the job's text, not blurb.

    Args:
        text: A posting's text.
        sections: Its sections as split at headings, covering the text in order.

    Returns:
        Sections covering the text in order: blurb lines cut out as
        ``company`` sections, and the job's lines of a company section cut out
        as ``duties``.
    """
    out: list[Section] = []
    leading = True
    for section in sections:
        parts = [section]
        if leading and section.kind == "intro":
            blurb = _long_blurb(text, section)
            if blurb is not None:
                parts = section.cut_out([blurb], "company")
        for part in parts:
            leading = leading and (part.kind in ("intro", "company") or bool(_OVERVIEW_HEADING.match(part.heading)))
            out.extend(_split_section(text, part, opening=leading))
    return out


def _split_section(text: str, section: Section, *, opening: bool) -> list[Section]:
    """Cut the blurb out of one section (the job's lines out of a company one); ``opening`` when it opens the posting."""
    if section.kind == "company":
        return section.cut_out(_job_lines(text, section), "duties")
    if section.boilerplate:
        return [section]
    recruiter = _recruiter_blurb(text, section) if opening else []
    recruiter = _merge_spans(recruiter, _team_blurb(text, section))
    pattern = _COMPANY_LINE if opening else _FUNDING_LINE
    if not pattern.search(text, section.start, section.end):
        return section.cut_out(recruiter, "company")
    blurb = [
        (start, end)
        for start, end in line_spans(text, section.start, section.end)
        if end - start <= 1500 and pattern.search(line := text[start:end]) and not _CANDIDATE_LINE.search(line)
    ]
    if not opening:
        blurb = [span for start, end in blurb for span in _funding_sentences(text, start, end)]
    if opening:
        blurb = _merge_spans(blurb, _opening_blurb(text, section))
    return section.cut_out(_merge_spans(blurb, recruiter), "company")


def _funding_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The blurb of a line holding a founding or funding phrase past the opening: the line, or its funding sentences.

    A paragraph about the company (it opens with the funding sentence, or
    another of its sentences describes the company: "Acme was founded in
    2019. We build NLP tools for lawyers.") is blurb whole. A paragraph of
    the job's duties naming the company's backers further on ("Develop and
    optimize algorithm modules for deep learning. ... Backed by top research
    institutes, digest their research.") keeps all but its funding sentences.
    """
    sentences = [m for m in _SENTENCE.finditer(text, start, end) if m.group(0).strip()]
    if len(sentences) <= 1 or _FUNDING_LINE.search(sentences[0].group(0)):
        return [(start, end)]
    funding = [m for m in sentences if _FUNDING_LINE.search(m.group(0))]
    if any(_COMPANY_LINE.search(m.group(0)) for m in sentences if m not in funding):
        return [(start, end)]
    return [(m.start(), m.start() + len(m.group(0).rstrip())) for m in funding]


def _recruiter_blurb(text: str, section: Section) -> list[tuple[int, int]]:
    """The sentences about the client in a recruiter's line that introduces it, when they say nothing of the job.

    A recruiter opens with the company it hires for ("Acme Search are
    partnered with a startup who are using generative AI to transform
    payments. They are looking for an ML Engineer ..."), often in the same
    paragraph as the role. Of such a line, the sentence naming the
    partnership and the sentences about the client in the third person
    ("Their database includes satellite imagery") are blurb unless they
    speak to the candidate or the role.
    """
    spans: list[tuple[int, int]] = []
    for start, end in line_spans(text, section.start, section.end):
        if end - start > 1500 or not _RECRUITER_PARTNER.search(text[start:end]):
            continue
        for m in _SENTENCE.finditer(text, start, end):
            sentence = m.group(0)
            if not sentence.strip() or _speaks_to_candidate(sentence) or is_eeo(sentence):
                continue
            if _RECRUITER_PARTNER.search(sentence) or _CLIENT_SENTENCE.match(sentence):
                spans.append((m.start(), m.start() + len(sentence.rstrip())))
    return spans


def _opening_blurb(text: str, section: Section) -> list[tuple[int, int]]:
    """The prose that opens the intro before it first speaks to the candidate, when it describes the world, not the job.

    A posting often opens with a paragraph about its industry or its market
    ("Transformers pushed NLP forward and now vision adopts them too") next to
    the company blurb, before it turns to the job. Such sentences speak of
    neither the candidate nor "we", "our" or a team: when the opening also
    holds a company line, they are blurb, and so is a company line in the
    third person that shares its line with the job ("Acme Studio is the
    world's first IDE for ... We are looking for engineers to ..."). Sentences
    in the first person or about a team may describe the job's own work and
    are left, as are short lines (titles, locations, lists of skills).
    """
    opening: list[tuple[int, int]] = []
    company = False
    for start, end in line_units(text, section.start, section.end):
        unit = text[start:end]
        # A short line of facts ("Full time - Must have authorization to work in US") does not yet speak of the work.
        if _speaks_to_candidate(unit) and (_is_prose(unit) or _CANDIDATE_LINE.search(unit) or unit.rstrip().endswith("?")):
            break
        if _COMPANY_LINE.search(unit):
            company = True
        if _is_prose(unit) and not _FIRST_PERSON.search(unit) and not is_eeo(unit):
            opening.append((start, end))
    return opening if company else []


def _speaks_to_candidate(unit: str) -> bool:
    """True when a sentence addresses the candidate or the role (a question to the reader counts)."""
    if unit.rstrip().endswith("?") or _JOB_WORDS.search(unit):
        return True
    return any(m.group(0).lower() not in ("requirement", "requirements", "qualification", "qualifications")
               for m in _CANDIDATE_LINE.finditer(unit)) or bool(_REQUIREMENTS_LABEL.match(unit))


def _is_prose(unit: str) -> bool:
    """True for a sentence of running text, not a title, a label or a list of skills."""
    words = unit.split()
    return len(words) >= _PROSE_WORDS and unit.count(",") * 4 < len(words) and not BULLET.match(unit)


def _merge_spans(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ordered, non-overlapping union of two lists of spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(a + b):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _job_lines(text: str, section: Section) -> list[tuple[int, int]]:
    """Lines of a company section that describe the role or its tech stack: not blurb."""
    return [
        (start, end)
        for start, end in line_spans(text, section.start, section.end)
        if end - start <= 1500 and _JOB_LINE.search(line := text[start:end]) and not is_eeo(line)
    ]


def perk_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Find the perk and track-record clauses in a stretch of the job's text.

    A sentence may name technologies the job does not ask for in a perk ("you
    will have the opportunity to grow your skill set in projects at the
    forefront of GenAI"), a hype list after an opportunity ("an incredible
    opportunity to ... at the cutting edge of IoT, big data and generative
    AI"), colleagues' past work ("engineers who have been instrumental in
    building ... Amazon AWS and Microsoft Azure") or what colleagues
    specialize in ("a team of engineers specializing in deep learning").
    The clause runs from the perk's first words to the end of its sentence;
    what the sentence says before it stays the job's text.

    Args:
        text: A posting's text.
        start: Offset where the stretch starts.
        end: Offset just past its end.

    Returns:
        ``(start, end)`` of each clause, ordered and not overlapping.
    """
    spans: list[tuple[int, int]] = []
    for m in _PERK.finditer(text, start, end):
        group = next((g for g in (4, 3, 2, 1) if m.group(g) is not None), 0)
        spans.append((m.start(group), m.end(group)))
    return spans


def _long_blurb(text: str, section: Section) -> tuple[int, int] | None:
    """The company blurb opening the first long line of an intro, or None.

    Only title lines (short, neither about the company nor the candidate:
    "Senior ML Engineer", "Remote") may come before the long line.
    """
    for start, end in line_spans(text, section.start, section.end):
        if end - start > 1500:
            break
        unit = text[start:end]
        if _is_prose(unit) or _COMPANY_LINE.search(unit) or _CANDIDATE_LINE.search(unit):
            return None
    else:
        return None
    sentences = [m for m in _SENTENCE.finditer(text, start, end) if m.group(0).strip()]
    # The blurb may open with a slogan ("There is only one Data Cloud.") before it names the company.
    opening = sentences[:2]
    if not any(_COMPANY_LINE.search(m.group(0)) for m in opening) or any(_CANDIDATE_LINE.search(m.group(0)) for m in opening):
        return None
    cut = next((m.start() for m in sentences[len(opening) :] if _CANDIDATE_LINE.search(m.group(0))), None)
    return None if cut is None else (start, cut)


def _team_blurb(text: str, section: Section) -> list[tuple[int, int]]:
    """A paragraph about what a team does, up to where it first speaks to the candidate.

    Postings often open a paragraph with the hiring team's work before the
    job's ("Our group is responsible for developing core solutions in anomaly
    detection and natural language processing. We are building multi-agent
    systems ... As part of this group, you will ..."). The team's work is not
    what the candidate is asked for: a line whose first sentence tells what a
    team is responsible for, builds or uses is blurb up to the first sentence
    that speaks to the candidate or the role. So is a paragraph opening with
    a sentence stating, in the third person, what a company or its product is
    ("Acme Studio is the world's first IDE for ..."), wherever it stands. A
    team or product sentence further into a paragraph, or a bullet, is the
    job's own text and is left. In text that lost its line breaks the
    paragraph may follow its heading on the same line ("Summary   The Search
    team is building ..."): it is read from after the heading.
    """
    spans: list[tuple[int, int]] = []
    for start, end in line_spans(text, section.start, section.end):
        if start == section.start and section.heading and text.startswith(section.heading, start):
            start += len(section.heading)
        if end - start > 1500 or BULLET.match(line := text[start:end]):
            continue
        if not _TEAM_SENTENCE.search(line) and not _product_opening(line):
            continue
        for m in _SENTENCE.finditer(text, start, end):
            sentence = m.group(0)
            if _speaks_to_candidate(sentence):
                break
            if sentence.strip():
                spans.append((m.start(), m.start() + len(sentence.rstrip())))
    return spans


def _product_opening(line: str) -> bool:
    """True when a line opens with a sentence stating, in the third person, what a company or its product is."""
    first = _SENTENCE.match(line)
    if first is None or not _PRODUCT_SENTENCE.match(sentence := first.group(0)):
        return False
    return _is_prose(sentence) and not _FIRST_PERSON.search(sentence) and not _speaks_to_candidate(sentence)


def company_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Find the company's words inside a stretch of the job's text.

    A sentence that speaks to the candidate may still describe the company
    ("Acme is a new generative AI startup looking for an ML Data Engineer",
    "experience at a robotics company"): the words between the article and
    "startup", "scale-up", "company" or "firm" name its industry, not a skill
    the job asks for. Read back from the noun, the description stops at a
    function word ("a role at a robotics company" keeps "a role at"). A
    sentence stating the company's mission ("At Acme, we're on a mission to
    ... on-device inference") is the company's too, and so are the short
    lines listing the jobs a staffing or training firm places people in
    ("... placing consultants on the following roles:" then "Java Developer",
    "Gen AI", ...).

    Args:
        text: A posting's text.
        start: Offset where the stretch starts.
        end: Offset just past its end.

    Returns:
        ``(start, end)`` of each stretch of company text, ordered and not overlapping.
    """
    spans: list[tuple[int, int]] = []
    for m in _DESCRIPTOR.finditer(text, start, end):
        if m.group(0).lower().endswith(("firm", "firms")) and _FIRM_SENSE.match(text, m.end()):
            continue
        words = list(re.finditer(r"[^\s,]+", m.group(1)))
        first = len(words)
        while first > 0 and words[first - 1].group(0).lower() not in _NOT_DESCRIPTOR:
            first -= 1
        if first < len(words):
            spans.append((m.start(1) + words[first].start(), m.start(1) + words[-1].end()))
    # Most stretches have neither a mission nor a list of roles: a quick look first spares the loop over lines.
    if not _MISSION_OR_ROLES.search(text, start, end):
        return _merge_spans(spans, [])
    roles = False
    for line_start, line_end in line_spans(text, start, end):
        line = text[line_start:line_end]
        if roles and line.strip() and len(line.split()) <= _ROLE_WORDS and not line.rstrip().endswith((".", ":")):
            spans.append((line_start, line_end))
            continue
        roles = bool(_ROLES_LIST.search(line))
        if line_end - line_start > 1500:
            continue
        for m in _SENTENCE.finditer(text, line_start, line_end):
            sentence = m.group(0)
            if _MISSION.match(sentence) and not _CANDIDATE_LINE.search(sentence):
                spans.append((m.start(), m.start() + len(sentence.rstrip())))
    return _merge_spans(spans, [])
