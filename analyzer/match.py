"""Find taxonomy skills in a posting's text with spaCy's tokenizer and phrase matchers.

Matching works on tokens, never on raw substrings, so ``Java`` never matches
inside ``JavaScript``. Surface forms match case-insensitively unless the
taxonomy marks them case-sensitive (``Go``, ``R``, ``Spark``...), forms
with a ``context`` list match only near one of those words (a list item alone
on its line also looks at the lines around it) and forms with a ``not_context``
list not near one of those (a form two skills share takes the sense whose
context is there: ``Transformers`` beside PyTorch is Hugging Face, elsewhere
deep learning), and forms with ``not_after``
/ ``not_before`` words do not match right after / before one of them
(``patient monitoring``, ``embedded in a team``). A form of two or
three words also matches with hyphens for its spaces (``tool-use``) and a
hyphenated one with spaces (``speech to text``); a one-word form also matches
written in two hyphenated pieces (``co-pilot``); a short case-insensitive form
also matches as an acronym's plural (``NLPs``). An AI specialty named in a list
of academic disciplines (``Robotics, Computer Science or Physics``) is a field
of study, not a skill, and a practice listed after kinds of people
(``data scientists, engineers and MLOps``) or in a team's capitalised name
(``the Data Engineering team``) is a team, and a name in a list of employers
(``companies such as Databricks or Google``) is a company. Words glued
together where a scraper lost a newline (``experienceWithPython``,
``PythonSQL``) are split when a piece is a known surface form. Mentions in
boilerplate sections (company blurb, benefits, EEO text) are dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import cast

import spacy
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token

from .fastre import compile_fast
from .model import Mention, Section, SkillHit
from .senses import (
    FIELD_CATEGORIES,
    HYPHEN,
    PRODUCT_CATEGORIES,
    TEAM_CATEGORIES,
    after_negation,
    among_companies,
    among_fields,
    among_people,
    has_context,
    in_degree_subjects,
    in_team_list,
    inside_compound,
    is_break,
    is_hashtag,
    named_team,
    tuned_for_quality,
)
from .taxonomy import Alias, Skill, Taxonomy

__all__ = ["SkillMatcher", "make_nlp"]

#: Shortest one-word form also matched when written in two hyphenated pieces (``co-pilot``).
_JOINED_MIN = 5

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_GLUE_CANDIDATE = re.compile(r"[a-z][A-Z]|[A-Z][A-Z][a-z]")
_GLUE_WORD = compile_fast(r"\S*(?:[a-z][A-Z]|[A-Z][A-Z][a-z])\S*")
# Camel-case words that are names, not words glued by a lost newline: a short
# lowercase prefix (cuDNN, iCloud, vLLMs), an -Ops practice (GitOps, AIOps) or
# two short capitalised words (PowerShell, AlphaGo, DeepMind, ImageNet).
_CAMEL_NAME = re.compile(r"[a-z]{1,2}[A-Z]|.+Ops$|[A-Z][a-z]{1,5}[A-Z][a-z]{1,5}$")
_STOP = frozenset(
    "a an and as at be by for from in into of on or the to with we you our your is are this that it "
    "data model models learning machine systems system engineering design development services".split()
)


_BULLETS = [
    "\u2022",
    "\u25cf",
    "\u25aa",
    "\u25e6",
    "\u00b7",
    "\u2023",
    "\u2043",
    "\u25ba",
    "\u27a2",
    "\u2713",
    "\u2714",
    "\u2192",
    "\u2013",
    "\u2014",
    "\uf0b7",
    "\uf0a7",
    "\u25a0",
    "\u25a1",
]


def make_nlp() -> Language:
    """The spaCy pipeline used for matching: ``spacy.blank("en")``, tokenizer only.

    The tokenizer also splits off bullet glyphs (``•Python``), a leading
    slash (``Azure /GCP``), brackets between words (``Kubernetes(EKS)``), a
    slash after ``+`` or ``#`` (``C++/Python``), a full stop between words
    that lost the space after it (``SQL.Strong``) and a full stop after a
    single capital (``Python/R.``).
    """
    nlp = spacy.blank("en")
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    prefixes = [re.escape(b) for b in _BULLETS] + [r"/"] + list(nlp.Defaults.prefixes or [])
    infixes = [
        *(nlp.Defaults.infixes or []),
        r"(?<=[A-Za-z0-9])[()\[\]{}|\u2022\u25cf\u00b7](?=[A-Za-z])",
        r"(?<=[A-Za-z]{2})[.;](?=[A-Z][a-z])",
        r"(?<=[+#])/(?=[A-Za-z])",
        r"(?<=[A-Za-z])#(?=/)",
    ]
    suffixes = [*(nlp.Defaults.suffixes or []), r"/", r"\u2022", r"(?<![\w.][A-Z])(?<=[A-Z])\."]
    tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


_UNICODE_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


def _plain_spaces(text: str) -> str:
    """Non-breaking and other Unicode spaces as plain spaces, which the tokenizer splits at (same length)."""
    if text.isascii():
        return text
    for space in _UNICODE_SPACES:  # str.replace per kind is far faster than str.translate
        if space in text:
            text = text.replace(space, " ")
    return text


def _hyphen_variants(form: str) -> list[str]:
    """A two- or three-word form spelt with hyphens for some of its spaces (``tool use``: ``tool-use``)."""
    words = form.split(" ")
    if not 2 <= len(words) <= 3 or not all(w.isalpha() for w in words):
        return []
    variants = []
    for mask in range(1, 2 ** (len(words) - 1)):
        joined = words[0]
        for i, word in enumerate(words[1:]):
            joined += ("-" if mask >> i & 1 else " ") + word
        variants.append(joined)
    return variants


def _unhyphenated(form: str) -> str | None:
    """A hyphenated form of two or three words spelt with spaces (``speech-to-text``: ``speech to text``).

    Only forms whose first word has three letters or more: ``no-sql`` spelt
    ``no sql`` would read "no SQL".
    """
    words = form.split("-")
    if not 2 <= len(words) <= 3 or not all(w.isalpha() for w in words) or len(words[0]) < 3:
        return None
    return " ".join(words)


def _acronym_plural(form: str) -> str | None:
    """The plural of a short form written as an acronym (``nlp``: ``NLPs``), matched in that exact case."""
    if not (2 <= len(form) <= 5 and form.isalnum() and form[0].isalpha() and not form.lower().endswith("s")):
        return None
    return form.upper() + "s"


@dataclass(frozen=True, slots=True)
class _Candidate:
    skill: Skill
    alias: Alias
    start: int  # token index
    end: int


class SkillMatcher:
    """Find a taxonomy's skills in texts.

    Build it once per taxonomy and reuse it: building compiles every surface
    form into spaCy phrase matchers.

    Args:
        taxonomy: The skills to find.
        nlp: A blank English pipeline (``make_nlp()``); built when omitted.

    Example:
        >>> matcher = SkillMatcher(load_taxonomy())
        >>> [hit.id for hit in matcher.match_text("Python and k8s")]
        ['python', 'kubernetes']
    """

    def __init__(self, taxonomy: Taxonomy, nlp: Language | None = None) -> None:
        self.taxonomy = taxonomy
        self.nlp = nlp if nlp is not None else make_nlp()
        self.tokenizer = cast(Tokenizer, self.nlp.tokenizer)
        self._lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self._aliases: dict[str, tuple[Skill, Alias]] = {}
        self._skills = {s.id: s for s in taxonomy.skills}
        whole: set[str] = set()
        first: set[str] = set()
        joined: dict[str, list[str]] = {}
        entries = [(skill, alias) for skill in taxonomy.skills for alias in skill.aliases]
        docs = list(self.tokenizer.pipe([alias.form for _, alias in entries]))
        forms = {alias.form.lower() for _, alias in entries}
        for index, ((skill, alias), doc) in enumerate(zip(entries, docs, strict=True)):
            key = f"{skill.id}#{index}"
            self._aliases[key] = (skill, alias)
            variants = [v for v in _hyphen_variants(alias.form) if v.lower() not in forms]
            spaced = _unhyphenated(alias.form)
            if spaced is not None and spaced.lower() not in forms:
                variants.append(spaced)
            (self._exact if alias.case_sensitive else self._lower).add(key, [doc, *self.tokenizer.pipe(variants)])
            plural = None if alias.case_sensitive else _acronym_plural(alias.form)
            if plural is not None and plural.lower() not in forms:
                self._exact.add(key, [self.tokenizer(plural)])
            tokens = [t.lower_ for t in doc]
            if len(tokens) == 1:
                whole.add(tokens[0])
                if not alias.case_sensitive and len(tokens[0]) >= _JOINED_MIN and tokens[0].isalpha():
                    joined.setdefault(tokens[0], []).append(key)
            if len(tokens[0]) >= 2 and tokens[0] not in _STOP and tokens[0].isalpha():
                first.add(tokens[0])
        self._whole = frozenset(whole)
        self._joined = joined
        self._unsplit_words: dict[str, bool] = {}  # words the tokenizer leaves unsplit
        self._breaks: dict[int, bool] = {}
        self._glue_pieces = frozenset(first | {w for w in whole if len(w) >= 2 and w.isalpha() and w not in _STOP})

    def make_doc(self, text: str) -> Doc:
        """Tokenize text, splitting words glued together by a lost newline."""
        text = _plain_spaces(text)
        return self.split_glued(self.nlp.make_doc(text), text)

    def make_docs(self, texts: Sequence[str], batch_size: int = 256) -> Iterator[Doc]:
        """:meth:`make_doc` for many texts, tokenized in batches."""
        plain = [_plain_spaces(t) for t in texts]
        for text, doc in zip(plain, self.tokenizer.pipe(plain, batch_size=batch_size), strict=True):
            yield self.split_glued(doc, text)

    def split_glued(self, doc: Doc, text: str | None = None) -> Doc:
        """Split tokens such as ``experiencePython`` where a piece is a known surface form.

        A token that is itself a surface form (``PyTorch``, ``JavaScript``) is kept.
        The text and character offsets do not change. Pass the doc's text when
        at hand: rebuilding it from the tokens is slow.
        """
        splits: list[tuple[int, list[str]]] = []
        seen: set[int] = set()
        for found in _GLUE_WORD.finditer(doc.text if text is None else text):
            # The tokenizer splits a space-delimited word the same way wherever
            # it stands, so a word seen without a split needs no second look.
            word = found.group(0)
            if self._unsplit_words.get(word):
                continue
            span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
            unsplit = True
            for token in span if span is not None else ():
                text = token.text
                if token.i in seen or len(text) < 4 or not _GLUE_CANDIDATE.search(text) or token.lower_ in self._whole:
                    continue
                seen.add(token.i)
                pieces = self._glue_split(text)
                if len(pieces) > 1:
                    splits.append((token.i, pieces))
                    unsplit = False
            if len(self._unsplit_words) >= 100_000:
                self._unsplit_words.clear()
            self._unsplit_words[word] = unsplit
        if splits:
            with doc.retokenize() as retokenizer:
                for i, pieces in splits:
                    token = doc[i]
                    heads: list[Token | tuple[Token, int]] = [(token, k) for k in range(len(pieces))]
                    retokenizer.split(token, pieces, heads=heads)
        return doc

    def _glue_split(self, text: str) -> list[str]:
        if _CAMEL_NAME.match(text):
            return [text]
        cuts = [0] + [m.start() for m in _CAMEL.finditer(text)] + [len(text)]
        if len(cuts) <= 2:
            return [text]
        # Best segmentation over the camel-case cut points: cover as many
        # characters as possible with known surface forms.
        n = len(cuts)
        best: list[tuple[int, int]] = [(0, -1)] + [(-1, -1)] * (n - 1)
        for j in range(1, n):
            for i in range(j):
                if best[i][0] < 0:
                    continue
                piece = text[cuts[i] : cuts[j]].lower()
                score = best[i][0] + (len(piece) if piece in self._glue_pieces else 0)
                if score > best[j][0]:
                    best[j] = (score, i)
        if best[-1][0] <= 0:
            return [text]
        bounds: list[int] = []
        j = n - 1
        while j > 0:
            bounds.append(j)
            j = best[j][1]
        bounds = [0, *sorted(bounds)]
        pieces: list[str] = []
        known_prev = None
        for a, b in pairwise(bounds):
            piece = text[cuts[a] : cuts[b]]
            known = piece.lower() in self._glue_pieces
            if pieces and not known and known_prev is False:
                pieces[-1] += piece
            else:
                pieces.append(piece)
            known_prev = known
        return pieces

    def _hyphen_split_hits(
        self, doc: Doc, lowers: list[int], offsets: list[int], lengths: list[int]
    ) -> list[tuple[tuple[Skill, Alias], int, int]]:
        """One-word forms written in two pieces with a hyphen (``co-pilot``, ``Py-Torch``, ``ML-flow``)."""
        found: list[tuple[tuple[Skill, Alias], int, int]] = []
        if not self._joined:
            return found
        # The hyphens' positions: list.index scans in C, a Python loop over every token would not.
        hyphens = []
        i = 0
        try:
            while True:
                i = lowers.index(HYPHEN, i + 1)
                hyphens.append(i)
        except ValueError:
            pass
        for i in hyphens:
            if i >= len(lowers) - 1:
                continue
            left, right = doc[i - 1], doc[i + 1]
            if not (
                offsets[i - 1] + lengths[i - 1] == offsets[i]
                and offsets[i] + 1 == offsets[i + 1]
                and left.is_alpha
                and right.is_alpha
            ):
                continue
            # Only a compound of exactly two pieces (not ``state-of-the-art``).
            if i >= 3 and lowers[i - 2] == HYPHEN and offsets[i - 2] + 1 == offsets[i - 1]:
                continue
            if i + 2 < len(lowers) and lowers[i + 2] == HYPHEN and offsets[i + 1] + lengths[i + 1] == offsets[i + 2]:
                continue
            for key in self._joined.get(left.lower_ + right.lower_, ()):
                found.append((self._aliases[key], i - 1, i + 2))
        return found

    def _is_break_id(self, lower: int) -> bool:
        """:func:`_is_break` of a token given by its lowercase form's id (answers cached)."""
        known = self._breaks.get(lower)
        if known is None:
            known = is_break(self.nlp.vocab.strings[lower])
            if len(self._breaks) >= 100_000:
                self._breaks.clear()
            self._breaks[lower] = known
        return known

    def match_text(self, text: str, sections: Sequence[Section] = ()) -> tuple[SkillHit, ...]:
        """Find skills in a text. See :meth:`match`."""
        return self.match(self.make_doc(text), sections)

    def match(self, doc: Doc, sections: Sequence[Section] = ()) -> tuple[SkillHit, ...]:
        """Find skills in a tokenized text.

        Args:
            doc: The text as made by :meth:`make_doc`.
            sections: The text's sections; mentions in boilerplate sections
                are dropped. Empty to keep every mention.

        Returns:
            One SkillHit per skill found, ordered by first mention, each with
            its mentions ordered by offset.
        """
        candidates: list[_Candidate] = []
        found_ids = [m for matcher in (self._lower, self._exact) for m in matcher(doc)]
        if not found_ids and "-" not in doc.text:
            return ()
        # Token attributes as plain lists: much cheaper than making Token objects.
        lowers = doc.to_array(LOWER).tolist()
        offsets = doc.to_array(IDX).tolist()
        lengths = doc.to_array(LENGTH).tolist()
        raw = [(self._aliases[self.nlp.vocab.strings[m]], start, end) for m, start, end in found_ids]
        raw += self._hyphen_split_hits(doc, lowers, offsets, lengths)
        for (skill, alias), start, end in raw:
            if alias.context and not has_context(doc, start, end, alias.context):
                continue
            if alias.not_context and has_context(doc, start, end, alias.not_context):
                continue
            # The word before a hyphen counts as the word before ("Cutting-Edge AI", "patient-monitoring").
            before = start - 2 if start > 1 and lowers[start - 1] == HYPHEN else start - 1
            if (alias.not_after and before >= 0 and doc[before].lower_ in alias.not_after) or (
                alias.not_before and _followed_by(doc, end, alias.not_before)
            ):
                continue
            if (
                is_hashtag(doc, lowers, offsets, lengths, start)
                or inside_compound(doc, lowers, offsets, lengths, start)
                or in_degree_subjects(lowers, start, self._is_break_id)
                or (skill.category in FIELD_CATEGORIES and among_fields(doc, start, end))
                or (skill.category in TEAM_CATEGORIES and (among_people(doc, start, end) or (not alias.case_sensitive and named_team(doc, start, end))))
                or (skill.category in PRODUCT_CATEGORIES and not alias.case_sensitive and named_team(doc, start, end))
                or among_companies(doc, lowers, start)
                or after_negation(lowers, start, self._is_break_id)
                or in_team_list(lowers, start, end, self._is_break_id)
                or tuned_for_quality(lowers, start, end)
            ):
                continue
            candidates.append(_Candidate(skill, alias, start, end))
        if sections:
            boiler = [s for s in sections if s.boilerplate]
            if boiler:
                starts = [s.start for s in boiler]
                candidates = [c for c in candidates if not _inside(offsets[c.start], boiler, starts)]
        kept = _resolve_overlaps(candidates)

        found: dict[str, dict[tuple[int, int], Mention]] = {}
        for cand in kept:
            span = doc[cand.start : cand.end]
            mention = Mention(span.text, span.start_char, span.end_char)
            for skill_id in (cand.skill.id, *cand.skill.implies, *cand.alias.implies):
                found.setdefault(skill_id, {})[(mention.start, mention.end)] = mention
        hits = []
        for skill_id, mentions in found.items():
            skill = self._skills[skill_id]
            ordered = tuple(sorted(mentions.values(), key=lambda m: (m.start, m.end)))
            hits.append(SkillHit(skill.id, skill.name, skill.category, ordered))
        hits.sort(key=lambda h: (h.mentions[0].start, h.id))
        return tuple(hits)


def _followed_by(doc: Doc, end: int, phrases: tuple[str, ...]) -> bool:
    """True when the words right after a hit are one of the phrases (a word, or words: "using test results")."""
    for phrase in phrases:
        words = phrase.split()
        if end + len(words) <= len(doc) and all(doc[end + k].lower_ == word for k, word in enumerate(words)):
            return True
    return False


def _inside(offset: int, sections: list[Section], starts: list[int]) -> bool:
    i = bisect_right(starts, offset) - 1
    return i >= 0 and sections[i].start <= offset < sections[i].end


def _resolve_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop hits inside a longer hit (``Azure`` inside ``Azure Machine Learning``).

    Hits that only share a word (``big data`` and ``data pipelines`` in ``big
    data pipelines``) are both kept; of two hits of one skill that overlap,
    the longer is kept. Of two hits of one span (a form two skills share),
    the one whose alias has a context wins: it is the sense its context
    words confirmed (``Transformers`` beside PyTorch is the Hugging Face
    library, not the architecture).
    """
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, not c.alias.context, c.skill.id))
    kept: list[_Candidate] = []
    covering: dict[int, list[_Candidate]] = {}  # token index -> kept hits over it
    for cand in ordered:
        # A kept hit that overlaps this one covers one of its tokens.
        if any(
            (k.start <= cand.start and cand.end <= k.end) or k.skill.id == cand.skill.id
            for i in range(cand.start, cand.end)
            for k in covering.get(i, ())
        ):
            continue
        kept.append(cand)
        for i in range(cand.start, cand.end):
            covering.setdefault(i, []).append(cand)
    kept.sort(key=lambda c: c.start)
    return kept
