"""Which hits of a surface form name the skill: context words, list neighbours, fields of study, tags.

The rules read the tokens around a hit. An alias with context words keeps a
hit only when one of them is near (a list item alone on its line also looks
at the lines around it; a hit followed by a pronoun, at its whole sentence).
A hit among the subjects of a degree ("PhD in Robotics, Physics") or in a
list naming academic disciplines or industries ("fields such as Robotics,
Computer Science or Physics") is a field, not a skill; a practice named as
a bare item after two or more kinds of people ("data scientists, engineers
and MLOps") is a team; a hit inside a hashtag or after the hyphen of a
lowercase compound is a piece of another word. A hit after a phrase that
puts it out of the job ("This role is not focused on LLMs", "Web (not
required for this role): JavaScript") is not asked for.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.strings import get_string_id
from spacy.tokens import Doc

__all__ = [
    "CONTEXT_WINDOW",
    "FIELD_CATEGORIES",
    "HYPHEN",
    "PRODUCT_CATEGORIES",
    "TEAM_CATEGORIES",
    "after_negation",
    "among_companies",
    "among_fields",
    "among_people",
    "has_context",
    "in_degree_subjects",
    "in_team_list",
    "inside_compound",
    "is_break",
    "is_hashtag",
    "named_team",
    "tuned_for_quality",
]

#: Tokens on each side of a hit searched for its alias's context words.
CONTEXT_WINDOW = 6
#: Tokens searched back from a hit followed by a pronoun (its sentence, or this much of it).
_PRONOUN_REACH = 40
_PRONOUNS = frozenset({"them", "it", "these", "those"})


def has_context(doc: Doc, start: int, end: int, words: tuple[str, ...]) -> bool:
    """True when one of the words is near the hit, in the same sentence or line.

    A hit followed by a pronoun ("fine-tune them") looks back to the start of
    its sentence, where the thing the pronoun stands for is named.
    """
    reach = _PRONOUN_REACH if end < len(doc) and doc[end].lower_ in _PRONOUNS else CONTEXT_WINDOW
    lo = start
    while lo > 0 and start - lo < reach and not is_break(doc[lo - 1].text):
        lo -= 1
    hi = end
    while hi < len(doc) and hi - end < CONTEXT_WINDOW and not is_break(doc[hi].text):
        hi += 1
    tokens = {t.lower_ for t in doc[lo:start]} | {t.lower_ for t in doc[end:hi]}
    if any(w in tokens for w in words):
        return True
    window = doc[lo:hi].text.lower()
    if any(not w.isalnum() and w in window for w in words):
        return True
    if _bare_item(doc, lo, start, end, hi):
        # A list item alone on its line ("* R"): its neighbours are the lines around it.
        near = _list_neighbours(doc, lo, -1) | _list_neighbours(doc, hi, 1)
        return any(w in near for w in words)
    return False


def _bare_item(doc: Doc, lo: int, start: int, end: int, hi: int) -> bool:
    """True when the hit is all its line holds, but for bullets and punctuation (``* R``, ``- Go,``)."""
    if lo > 0 and not _is_line_break(doc[lo - 1].text):
        return False
    if hi < len(doc) and not _is_line_break(doc[hi].text):
        return False
    return all(not any(c.isalnum() for c in t.text) for t in (*doc[lo:start], *doc[end:hi]))


def _list_neighbours(doc: Doc, edge: int, step: int) -> set[str]:
    """Lowercase words of the list lines next to a line (up to CONTEXT_WINDOW words, stopping at a sentence end).

    ``edge`` is the line's first token (``step`` -1, looking up) or the token
    just past its end (``step`` 1, looking down).
    """
    words: set[str] = set()
    i = edge - 1 if step < 0 else edge
    while 0 <= i < len(doc) and len(words) < CONTEXT_WINDOW:
        text = doc[i].text
        if text in (".", "!", "?", ";"):
            break
        if any(c.isalnum() for c in text):
            words.add(doc[i].lower_)
        i += step
    return words


def _is_line_break(token_text: str) -> bool:
    return "\n" in token_text


_DEGREE_WORDS = frozenset(
    "degree degrees phd ph.d ph.d. doctorate bachelor bachelors bachelor's master masters master's "
    "bs b.s. bsc ms m.s. msc ba b.a. ma major majors".split()
)
#: Tokens searched back from a hit for "degree in" (a list of five or six subjects fits).
_DEGREE_REACH = 24
_NOT_A_SUBJECT = frozenset("experience with using skills knowledge proficiency familiarity years understanding".split())


#: Skill categories that are also fields of study (Robotics, Computer Vision, NLP).
FIELD_CATEGORIES = frozenset({"ai_specialties"})
#: Academic disciplines and industries: two or more in one list make it a list of fields, not of skills.
_FIELDS = frozenset(
    (
        "computer science",
        "physics",
        "mathematics",
        "applied mathematics",
        "math",
        "applied math",
        "electrical engineering",
        "mechanical engineering",
        "aerospace engineering",
        "computer engineering",
        "chemical engineering",
        "civil engineering",
        "industrial engineering",
        "biomedical engineering",
        "operations research",
        "cognitive science",
        "neuroscience",
        "linguistics",
        "computational linguistics",
        "economics",
        "chemistry",
        "biology",
        "mechanical",
        "electrical",
        "aerospace",
        # industries
        "healthcare",
        "health care",
        "finance",
        "financial services",
        "fintech",
        "banking",
        "insurance",
        "retail",
        "e-commerce",
        "ecommerce",
        "manufacturing",
        "automotive",
        "logistics",
        "transportation",
        "supply chain",
        "energy",
        "agriculture",
        "telecommunications",
        "telecom",
        "media",
        "entertainment",
        "gaming",
        "education",
        "government",
        "defense",
        "pharma",
        "pharmaceuticals",
        "life sciences",
        "biotech",
        "real estate",
        "hospitality",
        "travel",
        "advertising",
        "marketing",
    )
)
_LIST_GLUE = frozenset({",", "or", "and", "/", "&", "(", ")", "e.g.", "i.e.", "etc", "etc."})


def among_fields(doc: Doc, start: int, end: int) -> bool:
    """True for an item of a list that names two or more academic disciplines or industries.

    ``fields such as Robotics, Computer Science, Electrical Engineering or
    Physics`` lists fields of study and ``industries like healthcare, retail
    and robotics`` lists markets, whatever the words before them ("degree in"
    is handled by :func:`in_degree_subjects`).
    """
    if start > 0 and doc[start - 1].lower_ not in _LIST_GLUE and doc[start - 1].lower_ not in ("as", "in", ":"):
        if not _is_line_break(doc[start - 1].text):
            return False
    if end < len(doc) and doc[end].lower_ not in _LIST_GLUE and not is_break(doc[end].text):
        return False
    items: list[str] = []
    for step, edge in ((-1, start - 1), (1, end)):
        # Token indices of the current item, nearest to the hit first.
        item: list[int] = []
        i = edge
        while 0 <= i < len(doc) and abs(i - edge) < _DEGREE_REACH:
            token = doc[i]
            if is_break(token.text) or token.lower_ in _NOT_A_SUBJECT or token.lower_ in ("as", "in", ":"):
                break
            if token.lower_ in _LIST_GLUE:
                if item:
                    items.append(_item_text(doc, item))
                item = []
            else:
                item.append(i)
            i += step
        # The outermost item runs into the words before (after) the list:
        # "across transportation" ends in an item.
        items.extend(_item_text(doc, item[:n]) for n in range(1, min(len(item), 3) + 1))
    return len({item for item in items if item in _FIELDS}) >= 2


def _item_text(doc: Doc, indices: list[int]) -> str:
    """The lowercased text of a list item as written ("e-commerce", not "e - commerce"), its spaces made single."""
    return " ".join(doc[min(indices) : max(indices) + 1].text.lower().split())


#: Skill categories whose names also name the people who practise them (MLOps, DevOps, data engineering).
TEAM_CATEGORIES = frozenset({"containers_devops", "data_engineering", "ml_practices"})
#: Skill categories of products a team may be named after ("the Amazon SageMaker Studio team"): the team builds the
#: employer's product, which the name does not ask the hire to use.
PRODUCT_CATEGORIES = frozenset({"cloud", "cloud_ml"})
#: Kinds of people a job works with ("data scientists", "product owners").
_PEOPLE = frozenset(
    "scientists engineers developers owners managers designers analysts researchers stakeholders specialists "
    "architects".split()
)
#: Words that may follow the last item of a list of people ("... engineers and MLOps to build").
_AFTER_PEOPLE = frozenset({",", ")", "to", "for", "on", "in", "and", "or"})


def among_people(doc: Doc, start: int, end: int) -> bool:
    """True for a bare item after two or more kinds of people in a list: a team, not a skill.

    In ``collaborate with product owners, engineers and MLOps to ship models``
    and ``support developers, data scientists, and ML Ops`` the practice names
    the people who do it. The items right before the hit must be people
    (``scientists, engineers and NLP`` is not such a list when an item between
    names something else).
    """
    if start == 0 or doc[start - 1].lower_ not in _LIST_GLUE:
        return False
    if end < len(doc) and not is_break(doc[end].text) and doc[end].lower_ not in _AFTER_PEOPLE:
        return False
    people = 0
    i = start - 1
    while i >= 0 and start - i <= _DEGREE_REACH:
        while i >= 0 and doc[i].lower_ in _LIST_GLUE:
            i -= 1
        if i < 0 or is_break(doc[i].text) or doc[i].lower_ not in _PEOPLE:
            break
        people += 1
        while i >= 0 and doc[i].lower_ not in _LIST_GLUE and not is_break(doc[i].text):
            i -= 1
    return people >= 2


#: Words that end a team's name ("the Data Engineering team", "our MLOps group").
_TEAM_WORDS = frozenset({"team", "teams", "group", "groups", "org", "organization", "organisation", "squad", "pod"})
#: Capitalised words a team's name may hold after the practice it is named for ("Data Pipeline Engineering team").
_TEAM_NAME_REACH = 3


def named_team(doc: Doc, start: int, end: int) -> bool:
    """True for a practice in the capitalised name of a team ("the Data Pipeline Engineering team"): a team, not a skill.

    The hit and the words between it and ``team`` (at most a few) are all
    capitalised, as names are: ``work with our Data Engineering team``,
    ``partner with the MLOps Platform group``. A practice in lowercase before
    "team" (``a data engineering team``) is left to the other rules. The
    caller leaves out product names that are case-sensitive forms (the "Ray
    Data team" works on Ray).
    """
    if not all(t.text[:1].isupper() for t in doc[start:end]):
        return False
    i = end
    while i < len(doc) and i - end < _TEAM_NAME_REACH and doc[i].lower_ not in _TEAM_WORDS:
        if not doc[i].text[:1].isupper() or not doc[i].is_alpha:
            return False
        i += 1
    return i < len(doc) and doc[i].lower_ in _TEAM_WORDS


#: Words that end a list of teams ("ML platform, ML serving, and MLOps teams").
_TEAMS_WORDS = frozenset({"teams", "groups"})
#: Words no team name in such a list holds: the list is a phrase, not names ("NLP for the search teams").
_NOT_IN_TEAM_NAME = frozenset(
    "a an the our your their its for to with of in on by at from into across within using via that which who "
    "is are be build building develop developing support supporting help other".split()
)
_TEAM_ITEM_WORDS = 3


def in_team_list(lowers: list[int], start: int, end: int, is_break_id: Callable[[int], bool]) -> bool:
    """True for an item of a list of team names closed by "teams" ("ML platform, ML serving, and MLOps teams").

    The hit is followed by list glue and by more items of at most a few
    words each, the last of them right before ``teams``: ``work with internal
    ML teams (e.g., ML platform, ML serving, and MLOps teams)`` and
    ``partner with the NLP, vision and search teams`` name teams, not skills,
    as does a list closed by "and other teams" (``teams including Search,
    Ads, Personalization and other teams``).
    A phrase between the hit and ``teams`` (``NLP for the search teams``)
    is no list, nor is a list of people (``UX/UI designers, and client
    success teams``), which the people rules read.
    """
    i = end
    if i >= len(lowers) or lowers[i] not in _LIST_GLUE_IDS or lowers[i] in _PARENTHESES:
        return False
    words = 0
    while i < len(lowers) and i - end <= _DEGREE_REACH:
        lower = lowers[i]
        if lower in _PARENTHESES or is_break_id(lower):
            return False
        if lower in _LIST_GLUE_IDS:
            words = 0
        elif lower in _TEAMS_IDS:
            return words > 0
        elif lower == _OTHER and words == 0 and i + 1 < len(lowers) and lowers[i + 1] in _TEAMS_IDS:
            return True
        elif lower in _NOT_IN_TEAM_NAME_IDS or words >= _TEAM_ITEM_WORDS:
            return False
        else:
            words += 1
        i += 1
    return False


#: Words that open a list of employers ("companies such as Databricks, Google or Meta").
_EMPLOYERS = frozenset({"companies", "company", "firms", "employers", "startups", "organizations", "organisations"})
_SUCH_AS = frozenset({"like", "including", "as", "e.g.", "e.g", "incl", "incl."})
_EMPLOYER_REACH = 16


def among_companies(doc: Doc, lowers: list[int], start: int) -> bool:
    """True for an item of a list of employers (``experience at companies such as Databricks, Snapchat or Google``).

    The hit names a company the candidate may have worked at, not a tool the
    job uses. The words back to ``companies such as`` / ``firms like`` must be
    list glue or capitalised names.
    """
    if _EMPLOYER_IDS.isdisjoint(lowers[max(0, start - _EMPLOYER_REACH - 2) : start]):
        return False
    i = start - 1
    while i >= 1 and start - i <= _EMPLOYER_REACH:
        token = doc[i]
        if token.lower_ in _SUCH_AS:
            before = doc[i - 1].lower_
            if before == "such" and i >= 2:
                before = doc[i - 2].lower_
            return before in _EMPLOYERS
        if is_break(token.text) or not (token.lower_ in _LIST_GLUE or token.text[:1].isupper()):
            return False
        i -= 1
    return False


#: "not" as the tokenizer gives it; "nt" is what is left of "dont", "doesnt", "wont" written without an apostrophe.
_NOTS = frozenset({"not", "n't", "n’t", "nt"})


def _negations() -> frozenset[tuple[str, ...]]:
    need = ("required", "needed", "necessary", "expected")
    jobs = [(det, noun) for det in ("this", "the") for noun in ("role", "position", "job")]
    phrases: set[tuple[str, ...]] = {("not", "focused", "on"), ("does", "not", "involve"), ("will", "not", "involve"), ("need", "not")}
    phrases |= {("do", nt, "need") for nt in _NOTS}
    # A note to recruiters naming the profiles they should not send ("Don't submit ETL profiles").
    phrases |= {("do", nt, verb) for nt in _NOTS for verb in ("submit", "send")}
    phrases |= {("not", word, "for", det, noun) for word in need for det, noun in jobs}
    phrases |= {("not", "part", "of", det, noun) for det, noun in jobs}
    return frozenset(phrases)


#: Phrases that put what follows them out of the job.
_NEGATIONS = _negations()
#: Tokens searched back from a hit for a negation; the search stops at a sentence or line end, or a contrast.
_NEGATION_REACH = 16
_CONTRAST = frozenset({"instead", "but", "rather", "however", "whereas", "while"})


def after_negation(lowers: list[int], start: int, is_break_id: Callable[[int], bool]) -> bool:
    """True for a hit after a phrase that says the job does without it, in the same clause.

    ``This role is not focused on LLM, ChatGPT or similar``, ``Web (not
    required for this role): JavaScript, HTML``, ``candidates need not
    have worked on robotics`` and a note to recruiters such as ``Dont
    submit ETL profiles`` name what the job does not ask for. A
    contrast ends the clause (``..., it instead focuses on X``); "a plus,
    not required" after a skill is left alone (it makes the skill
    preferred, not absent). Tokens are given by their lowercase forms' ids.
    """
    if _NOT_IDS.isdisjoint(lowers[max(0, start - _NEGATION_REACH) : start]):
        return False
    i = start - 1
    stop = max(-1, start - 1 - _NEGATION_REACH)
    while i > stop and not (lowers[i] in _CONTRAST_IDS or is_break_id(lowers[i])):
        i -= 1
    words = lowers[i + 1 : start]
    return any(tuple(words[k : k + n]) in _NEGATION_IDS for k in range(len(words)) for n in (2, 3, 4, 5))


#: Verbs a fine-tuning form may end in ("fine-tune", "finetunes").
_TUNE_VERBS = frozenset({"tune", "tunes", "finetune", "finetunes"})
#: Qualities a model is tuned for ("fine-tune models for performance"): tuning, not fine-tuning a pretrained model.
_QUALITIES = frozenset(
    "performance accuracy scalability efficiency speed latency generalization generalisation generalizability "
    "robustness throughput".split()
)
#: Words that may stand between "for" and the quality ("for optimal performance").
_QUALITY_ADJECTIVES = frozenset("optimal better improved maximum best higher peak model".split())
#: Words that make any tuning the fine-tuning of a pretrained model ("fine-tune LLMs for accuracy").
_PRETRAINED = frozenset(
    "llm llms slm slms lora qlora peft pretrained pre-trained bert gpt foundation transformer transformers language "
    "rlhf instruction adapters".split()
)
#: Tokens after the verb searched for "for <quality>" ("fine-tune them for scalability": 1 word between).
_QUALITY_REACH = 3


def tuned_for_quality(lowers: list[int], start: int, end: int) -> bool:
    """True for a tuning verb followed by ``for <quality>``: tuning a model, not fine-tuning a pretrained one.

    ``Fine-tune models for optimal performance`` and ``fine-tune them for
    scalability`` say the job tunes what it builds; ``fine-tune LLMs for
    accuracy`` (a pretrained-model word within the context window) stays
    fine-tuning. Tokens are given by their lowercase forms' ids.
    """
    if end < 1 or lowers[end - 1] not in _TUNE_VERB_IDS:
        return False
    window = lowers[max(0, start - CONTEXT_WINDOW) : end + CONTEXT_WINDOW]
    if not _PRETRAINED_IDS.isdisjoint(window):
        return False
    for i in range(end, min(len(lowers), end + _QUALITY_REACH)):
        if lowers[i] == _FOR:
            j = i + 1
            while j < len(lowers) and j <= i + 2 and lowers[j] in _QUALITY_ADJECTIVE_IDS:
                j += 1
            return j < len(lowers) and lowers[j] in _QUALITY_IDS
    return False


_HASH = get_string_id("#")
HYPHEN = get_string_id("-")
_IN = get_string_id("in")
_FOR = get_string_id("for")
_OTHER = get_string_id("other")
_TUNE_VERB_IDS = frozenset(get_string_id(w) for w in _TUNE_VERBS)
_QUALITY_IDS = frozenset(get_string_id(w) for w in _QUALITIES)
_QUALITY_ADJECTIVE_IDS = frozenset(get_string_id(w) for w in _QUALITY_ADJECTIVES)
_PRETRAINED_IDS = frozenset(get_string_id(w) for w in _PRETRAINED)
_DEGREE_IDS = frozenset(get_string_id(w) for w in _DEGREE_WORDS)
_NOT_IDS = frozenset(get_string_id(w) for w in _NOTS)
_CONTRAST_IDS = frozenset(get_string_id(w) for w in _CONTRAST)
_NEGATION_IDS = frozenset(tuple(get_string_id(w) for w in phrase) for phrase in _NEGATIONS)
_LIST_GLUE_IDS = frozenset(get_string_id(w) for w in _LIST_GLUE)
_PARENTHESES = frozenset((get_string_id("("), get_string_id(")")))
_EMPLOYER_IDS = frozenset(get_string_id(w) for w in _EMPLOYERS)
_TEAMS_IDS = frozenset(get_string_id(w) for w in _TEAMS_WORDS)
_NOT_IN_TEAM_NAME_IDS = frozenset(get_string_id(w) for w in _NOT_IN_TEAM_NAME | _PEOPLE)
_NOT_A_SUBJECT_IDS = frozenset(get_string_id(w) for w in _NOT_A_SUBJECT)


def is_hashtag(doc: Doc, lowers: list[int], offsets: list[int], lengths: list[int], start: int) -> bool:
    """A hit inside a word that starts with ``#`` is a tag (``#GenAI``, ``#TeamGenAI``), not a requirement."""
    i = start
    while i > 0 and offsets[i - 1] + lengths[i - 1] == offsets[i]:
        i -= 1
        if lowers[i] == _HASH:
            return True
        if not doc[i].text.isalnum():
            return False
    return False


def inside_compound(doc: Doc, lowers: list[int], offsets: list[int], lengths: list[int], start: int) -> bool:
    """A hit that starts after the hyphen of a lowercase compound (``cutting-edge AI``) is a piece of that word.

    A single letter before the hyphen is not a word of a compound but what a
    scraper left of one (``c-Augmented Generation``), so the hit stands.
    """
    if start < 2 or lowers[start - 1] != HYPHEN:
        return False
    glued = offsets[start - 1] + 1 == offsets[start] and offsets[start - 2] + lengths[start - 2] == offsets[start - 1]
    before = doc[start - 2].text
    return glued and len(before) >= 2 and before.isalpha() and before.islower()


def is_break(token_text: str) -> bool:
    return token_text in (".", "!", "?", ";") or "\n" in token_text


def in_degree_subjects(lowers: list[int], start: int, is_break_id: Callable[[int], bool]) -> bool:
    """True inside the subjects of a degree ("PhD in Robotics, Physics or ..."): fields of study, not skills."""
    if _IN not in lowers[max(0, start - _DEGREE_REACH) : start]:
        return False
    i = start - 1
    seen_in = False
    while i >= 0 and start - i <= _DEGREE_REACH:
        lower = lowers[i]
        if lower in _NOT_A_SUBJECT_IDS or is_break_id(lower):
            return False
        if lower == _IN:
            seen_in = True
        elif seen_in and lower in _DEGREE_IDS:
            return True
        i -= 1
    return False
