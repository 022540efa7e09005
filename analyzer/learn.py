"""A learned classifier: duty words and taxonomy evidence, weighed by logistic regression.

:class:`ModelClassifier` labels a posting ``ai``, ``ml`` or ``hybrid`` with the
interface of :class:`~analyzer.classify.RuleClassifier`, from two kinds of features:

* **words**: TF-IDF (sublinear tf, smoothed idf, L2 norm) of word 1-2 grams of
  the duty and requirement text (every section that is not company blurb,
  benefits, EEO, legal or how-to-apply), after a stop list, kept when found in
  at least ``min_df`` training postings;
* **taxonomy evidence**: per duty cue, ``log1p`` of its hits in the duties,
  the requirements and the other sections; the skills' lean sums
  (``max(w_ai - w_ml, 0)``, ``max(w_ml - w_ai, 0)``); ``log1p`` of the skills
  found per category; the rule classifier's lean ``(A - M) / (A + M + 1)``.
  Each is divided by its largest absolute value in training.

The job title is not used: it is a hint, not the truth (``tests/eval/LABELLING.md``),
and weak labels come from it (:func:`~analyzer.labelled.labels_from_title`). A
multinomial logistic regression with balanced class weights gives the probabilities.
:func:`train` fits and cross-validates (postings with the same text share a fold).
Labelled postings are read by :mod:`analyzer.labelled`; :mod:`analyzer.model_file`
writes a model as plain JSON and reads it back, executing nothing from it.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from .classify import Contribution, RuleClassifier, Verdict
from .errors import ModelError
from .labelled import Example
from .match import SkillMatcher
from .metrics import calibration, label_scores, render_calibration
from .model import LABELS, Label, SkillHit
from .sections import Section, split_sections
from .taxonomy import Taxonomy

__all__ = ["Array", "ModelClassifier", "ModelError", "render_report", "train"]

_TOKENS = r"(?u)\b[^\W\d_]\w+\b"  # words of two or more characters, starting with a letter
_STOP = sorted(
    ENGLISH_STOP_WORDS
    | {"ability", "able", "candidate", "company", "etc", "experience", "including", "job", "join", "looking", "new"}
    | {"opportunity", "position", "preferred", "required", "role", "skills", "strong", "team", "teams", "work", "working"}
    | {"year", "years"}
)
_PLACES = ("duties", "requirements", "other")
_PLACE = {"duties": "duties", "requirements": "requirements", "preferred": "requirements"}
_NAMES = {"ai": "AI engineer", "ml": "ML engineer", "hybrid": "hybrid"}
#: A NumPy array of the model's weights.
Array = np.ndarray[Any, Any]


@dataclass(frozen=True, slots=True)
class _Described:
    """A posting as the model sees it: its duty text, taxonomy evidence and what each value stands for."""

    words: str
    values: tuple[float, ...]
    notes: tuple[tuple[str, str, str], ...]  # per taxonomy feature: kind, text, example


class _Featurizer:
    """Computes the taxonomy features of postings."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.rule = RuleClassifier(taxonomy)
        self.skills = {s.id: s for s in taxonomy.skills}
        self.names = [f"cue: {c.text} @{p}" for c in taxonomy.cues for p in _PLACES] + ["skills lean AI", "skills lean ML"]
        self.names += [f"skills in {name}" for name in taxonomy.categories.values()]
        self.names.append("rule lean")

    def describe(self, text: str, skills: Sequence[SkillHit], sections: Sequence[Section]) -> _Described:
        sections = tuple(sections) or split_sections(text)
        starts = [s.start for s in sections]
        lowered = text.lower()
        values: list[float] = []
        notes: list[tuple[str, str, str]] = []
        for cue in self.taxonomy.cues:
            hits: dict[str, list[re.Match[str]]] = {p: [] for p in _PLACES}
            for match in cue.pattern.finditer(lowered):
                index = bisect_right(starts, match.start()) - 1
                if index < 0 or not sections[index].boilerplate:
                    hits[_PLACE.get(sections[index].kind if index >= 0 else "", "other")].append(match)
            for place, found in hits.items():
                values.append(math.log1p(len(found)))
                example = " ".join(text[found[0].start() : found[0].end()].split()) if found else ""
                notes.append(("duty", f"'{cue.text}' ({len(found)} hit{'s' * (len(found) != 1)} in {place})", example))
        lean = {"ai": 0.0, "ml": 0.0}
        names: dict[str, list[str]] = {"ai": [], "ml": []}
        for hit in skills:
            diff = self.skills[hit.id].weight_ai - self.skills[hit.id].weight_ml
            if diff:
                lean["ai" if diff > 0 else "ml"] += abs(diff)
                names["ai" if diff > 0 else "ml"].append(self.skills[hit.id].name)
        for side in ("ai", "ml"):
            values.append(lean[side])
            shown = ", ".join(names[side][:4])
            notes.append(("skills", f"lean {side.upper()} {lean[side]:.2f} ({shown})", ", ".join(names[side])))
        for category, display in self.taxonomy.categories.items():
            found_names = [self.skills[h.id].name for h in skills if self.skills[h.id].category == category]
            values.append(math.log1p(len(found_names)))
            notes.append(("skills", f"in {display} ({len(found_names)})", ", ".join(found_names)))
        scores = self.rule.classify(text, skills, sections=sections).scores
        a, m = scores["ai"], scores["ml"]
        values.append((a - m) / (a + m + 1.0))
        notes.append(("rule", f"lean {values[-1]:+.2f} (AI {a:.2f} vs ML {m:.2f})", ""))
        words = "\n".join(text[s.start : s.end] for s in sections if not s.boilerplate)
        return _Described(words, tuple(values), tuple(notes))


class ModelClassifier:
    """The learned classifier; made by :func:`train` or :func:`~analyzer.model_file.load_model`.

    Args:
        taxonomy: The taxonomy the model was trained with.
        terms: The word n-grams, in column order.
        idf: Their inverse document frequencies.
        stop_words: The stop list the n-grams were counted with.
        scale: Divisors of the taxonomy features.
        coef: Weights, one row per label in ``LABELS`` order, one column per feature.
        intercept: One per label.
        report: The training report (see :func:`train`).
        max_reasons: How many features the reasons name.

    Example:
        >>> model, report = train(read_labelled("labelled.csv"), taxonomy)  # doctest: +SKIP
        >>> model.classify(text, matcher.match_text(text)).label  # doctest: +SKIP
        'ml'
    """

    def __init__(
        self, taxonomy: Taxonomy, *, terms: Sequence[str], idf: Array, stop_words: Sequence[str], scale: Array, coef: Array,
        intercept: Array, report: dict[str, Any] | None = None, max_reasons: int = 6,
    ) -> None:  # fmt: skip
        self.taxonomy = taxonomy
        self.terms_, self.idf_, self.stop_words = list(terms), idf, list(stop_words)
        self.scale_, self.coef_, self.intercept_ = scale, coef, intercept
        self.report_ = report or {}
        self.max_reasons = max_reasons
        self._featurizer = _Featurizer(taxonomy)
        vocabulary = {t: i for i, t in enumerate(self.terms_)}
        options = {"token_pattern": _TOKENS, "ngram_range": (1, 2), "stop_words": self.stop_words}
        self._counter = CountVectorizer(vocabulary=vocabulary, **options) if vocabulary else None

    @property
    def feature_names(self) -> list[str]:
        """Readable names of every feature, in column order."""
        return [f"word: {t}" for t in self.terms_] + self._featurizer.names

    def classify(
        self, text: str, skills: Sequence[SkillHit], *, title: str | None = None, sections: Sequence[Section] = ()
    ) -> Verdict:
        """Label one posting.

        Args:
            text: The posting text.
            skills: The skills found in it.
            title: The job title (not used: see the module's docstring).
            sections: The text's sections (split here when empty).

        Returns:
            The verdict: scores are P(ai) and P(ml), confidence the top probability,
            contributions the features that pushed hardest (in log-odds).
        """
        described = self._featurizer.describe(text, skills, sections)
        row = self._matrix([described])
        proba = self._proba(row)[0]
        label: Label = LABELS[int(np.argmax(proba))]
        contributions = self._contributions(row, described)
        head = ", ".join(f"P({k}) {p:.2f}" for k, p in zip(LABELS, proba, strict=True))
        lines = [f"{c.lean.upper()} {c.weight:+.2f} {c.kind} {c.text}" for c in contributions[: self.max_reasons]]
        scores = {"ai": round(float(proba[0]), 4), "ml": round(float(proba[1]), 4)}
        return Verdict(label, round(float(proba.max()), 3), scores, contributions, (f"model: {head}: {_NAMES[label]}", *lines))

    def probabilities(
        self, text: str, skills: Sequence[SkillHit], *, title: str | None = None, sections: Sequence[Section] = ()
    ) -> dict[str, float]:
        """The probability of each label, unrounded (the title is not used, as in :meth:`classify`)."""
        proba = self._proba(self._matrix([self._featurizer.describe(text, skills, sections)]))[0]
        return {k: float(p) for k, p in zip(LABELS, proba, strict=True)}

    def _matrix(self, described: Sequence[_Described]) -> sparse.csr_matrix:
        dense = sparse.csr_matrix(np.array([d.values for d in described], dtype=np.float64) / self.scale_)
        if self._counter is None:
            return dense
        counts = self._counter.transform([d.words for d in described]).astype(np.float64).tocsr()
        counts.data = 1.0 + np.log(counts.data)
        return sparse.hstack([normalize(counts.multiply(self.idf_).tocsr()), dense], format="csr")

    def _proba(self, matrix: sparse.csr_matrix) -> Array:
        logits = np.asarray(matrix @ self.coef_.T) + self.intercept_
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def _contributions(self, row: sparse.csr_matrix, described: _Described) -> tuple[Contribution, ...]:
        pushes = self.coef_[:, row.indices] * row.data
        pushes = pushes - pushes.mean(axis=0)  # softmax ignores a shift common to every label
        out = []
        for k, column in enumerate(row.indices):
            best = int(np.argmax(pushes[:, k]))
            if pushes[best, k] >= 0.005:
                if column < len(self.terms_):
                    kind, text, example = "phrase", f"'{self.terms_[column]}'", self.terms_[column]
                else:
                    kind, text, example = described.notes[column - len(self.terms_)]
                out.append(Contribution(LABELS[best], round(float(pushes[best, k]), 3), kind, text, example))
        return tuple(sorted(out, key=lambda c: (-c.weight, c.lean, c.kind, c.text))[:20])


def _fit(featurizer: _Featurizer, described: Sequence[_Described], labels: Sequence[str], **params: Any) -> ModelClassifier:
    missing = [label for label in LABELS if label not in labels]
    if missing:
        raise ModelError(f"the training data has no {' or '.join(missing)} examples; every label {list(LABELS)} needs some.")
    terms: list[str] = []
    idf = np.zeros(0)
    if params["ngrams"]:
        counter = CountVectorizer(token_pattern=_TOKENS, ngram_range=(1, 2), stop_words=_STOP, min_df=params["min_df"], binary=True)
        try:
            present = counter.fit_transform([d.words for d in described])
            terms = sorted(counter.vocabulary_, key=counter.vocabulary_.__getitem__)
            idf = np.log((1.0 + len(described)) / (1.0 + np.asarray(present.sum(axis=0), dtype=np.float64).ravel())) + 1.0
        except ValueError:  # no n-gram is frequent enough: taxonomy features only
            pass
    largest = np.abs(np.array([d.values for d in described], dtype=np.float64)).max(axis=0)
    n_features = len(terms) + len(featurizer.names)
    model = ModelClassifier(
        featurizer.taxonomy, terms=terms, idf=idf, stop_words=_STOP, scale=np.where(largest > 0, largest, 1.0),
        coef=np.zeros((len(LABELS), n_features)), intercept=np.zeros(len(LABELS)),
    )  # fmt: skip
    # One BLAS / OpenMP thread: on this small problem threads only wait for
    # each other (ten times slower on two busy cores).
    with threadpool_limits(limits=1):
        fitted = LogisticRegression(C=params["c"], class_weight="balanced", max_iter=5000).fit(model._matrix(described), list(labels))
    order = [list(fitted.classes_).index(label) for label in LABELS]
    model.coef_, model.intercept_ = fitted.coef_[order], fitted.intercept_[order]
    return model


def _folds(labels: Sequence[str], groups: Sequence[str], cv: int) -> tuple[int, str, list[tuple[Array, Array]]]:
    """The cross-validation folds to use (0: none), why they are fewer than ``cv`` ("" when not), and the splits.

    Postings with the same text share a fold, so a label can be spread over at
    most as many folds as it has distinct texts; every training part must hold
    every label, or the fit fails.
    """
    if cv < 2:
        return 0, "not asked for", []
    distinct = {label: len({g for g, k in zip(groups, labels, strict=True) if k == label}) for label in LABELS}
    scarce = min(LABELS, key=distinct.__getitem__)
    folds = min(cv, distinct[scarce])
    count = distinct[scarce]
    note = f"{cv} asked; {scarce} has only {count} distinct posting{'s' * (count != 1)}" if folds < cv else ""
    while folds >= 2:
        splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=0)
        splits = list(splitter.split(np.zeros(len(labels)), labels, groups))
        if all({labels[i] for i in fit_rows} == set(LABELS) for fit_rows, _ in splits):
            return folds, note, splits
        folds -= 1
        note = f"{cv} asked; with more, a training part would miss a label"
    return 0, f"{scarce} has {count} distinct posting{'s' * (count != 1)}; every label needs at least 2 (more give a fairer report)", []


def train(
    examples: Iterable[Example], taxonomy: Taxonomy, *, cv: int = 5, ngrams: bool = True, min_df: int = 2, c: float = 1.0,
    matcher: SkillMatcher | None = None,
) -> tuple[ModelClassifier, dict[str, Any]]:  # fmt: skip
    """Fit a model on labelled postings and cross-validate it.

    Args:
        examples: ``(text, title, label)`` triples (the title is not used).
        taxonomy: The taxonomy (skills and duty cues) to use.
        cv: Cross-validation folds (fewer when a label has fewer distinct
            postings, ``cv_note`` says why; none below 2). Postings with the
            same text share a fold.
        ngrams: Use word n-grams; False for taxonomy features only.
        min_df: Postings an n-gram must be in to be kept.
        c: Inverse regularisation strength (``C``) of the logistic regression.
        matcher: A skill matcher for this taxonomy (built when None).

    Returns:
        The model fitted on every example, and a report: ``examples``,
        ``label_counts``, ``repeats`` (examples whose text repeats an earlier
        one), ``conflicting_texts`` (texts given more than one label),
        ``cv_folds`` (0: no cross-validation), ``cv_note`` (why fewer folds
        than asked, or none), from the cross-validation ``per_class``
        (precision, recall, f1, support), ``macro_f1``, ``accuracy``,
        ``confusion`` and ``calibration`` (:func:`~analyzer.metrics.calibration`);
        ``top_features`` (15 per label) and ``params``.

    Raises:
        ModelError: A label is unknown or has no examples.
    """
    matcher = matcher if matcher is not None else SkillMatcher(taxonomy)
    featurizer = _Featurizer(taxonomy)
    described, labels, groups = [], [], []
    for number, (text, _title, label) in enumerate(examples, start=1):
        if label not in LABELS:
            raise ModelError(f"example {number} has label {label!r}; use one of {list(LABELS)}.")
        sections = split_sections(text)
        with matcher.nlp.memory_zone():
            described.append(featurizer.describe(text, matcher.match_text(text, sections), sections))
        labels.append(label)
        groups.append(hashlib.blake2b(" ".join(text.lower().split()).encode(), digest_size=8).hexdigest())
    params: dict[str, Any] = {"ngrams": ngrams, "min_df": min_df, "c": c}
    model = _fit(featurizer, described, labels, **params)
    folds, note, splits = _folds(labels, groups, cv)
    labels_per_text: dict[str, set[str]] = {}
    for group, label in zip(groups, labels, strict=True):
        labels_per_text.setdefault(group, set()).add(label)
    report: dict[str, Any] = {
        "examples": len(labels),
        "label_counts": {k: labels.count(k) for k in LABELS},
        "repeats": len(labels) - len(labels_per_text),
        "conflicting_texts": sum(len(v) > 1 for v in labels_per_text.values()),
        "cv_folds": folds,
        "cv_note": note,
    }
    if folds:
        found = [""] * len(labels)
        probabilities: list[dict[str, float]] = [{} for _ in labels]
        for fit_rows, test_rows in splits:
            part = _fit(featurizer, [described[i] for i in fit_rows], [labels[i] for i in fit_rows], **params)
            for i, p in zip(test_rows, part._proba(part._matrix([described[i] for i in test_rows])), strict=True):
                found[i] = LABELS[int(np.argmax(p))]
                probabilities[i] = {label: float(v) for label, v in zip(LABELS, p, strict=True)}
        report.update(cv_folds=folds, **label_scores(labels, found), calibration=calibration(labels, probabilities))
    names = model.feature_names
    report["top_features"] = {
        label: [
            [names[j], round(float(model.coef_[k, j]), 4)]
            for j in np.argsort(-model.coef_[k], kind="stable")[:15]
            if model.coef_[k, j] > 0
        ]
        for k, label in enumerate(LABELS)
    }
    report["params"] = {**params, "features": len(names), "words": len(model.terms_)}
    model.report_ = report
    return model, report


def render_report(report: dict[str, Any]) -> str:
    """A readable training report: cross-validated scores and the top features per label."""
    counts = ", ".join(f"{k} {v}" for k, v in report["label_counts"].items())
    lines = [f"Trained on {report['examples']} postings ({counts}); {report['params']['features']} features"]
    if report.get("repeats"):
        conflicts = report.get("conflicting_texts", 0)
        lines.append(
            f"{report['repeats']} of them {'repeat' if report['repeats'] != 1 else 'repeats'} an earlier posting's text "
            "(kept in the same fold)"
            + (f"; {conflicts} {'texts carry' if conflicts != 1 else 'text carries'} more than one label: check them" if conflicts else "")
        )
    note = f" ({report['cv_note']})" if report.get("cv_note") else ""
    if report.get("cv_folds"):
        lines.append(
            f"{report['cv_folds']}-fold cross-validation{note}: accuracy {report['accuracy']:.3f}, macro-F1 {report['macro_f1']:.3f}"
        )
        for label, s in report["per_class"].items():
            lines.append(f"  {label:<7} precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}  ({s['support']})")
        lines.append("Confusion (rows expected, columns found): " + " ".join(f"{n:>7}" for n in LABELS))
        for label, row in zip(LABELS, report["confusion"]["rows_expected_columns_found"], strict=True):
            lines.append(f"  {label:<7}" + " ".join(f"{v:>7}" for v in row))
        if "calibration" in report:
            lines.extend(render_calibration(report["calibration"]))
    else:
        lines.append(f"No cross-validation: {report.get('cv_note') or 'too few postings per label'}.")
    for label, features in report["top_features"].items():
        lines.append(f"Top features for {label}: " + "; ".join(f"{name} {weight:+.2f}" for name, weight in features))
    return "\n".join(lines) + "\n"
