"""Scores of predicted labels and probabilities, shared by evaluation and training.

:func:`label_scores` gives accuracy, macro-F1, per-label precision, recall and
F1 and the confusion matrix; :func:`calibration` says how far predicted
probabilities can be trusted: the multi-class Brier score (the mean over
postings of the squared distance between the probability vector and the
one-hot truth: 0 is perfect, 2 the worst) next to the Brier score of always
predicting the label shares, and a reliability table (postings grouped by
their top probability: mean probability against the share labelled right).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any

from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

from .model import LABELS

__all__ = ["RELIABILITY_BINS", "calibration", "confidence_reliability", "label_scores", "render_calibration", "render_confidence", "three"]

#: Lower edges of the reliability table's bins of top probability.
RELIABILITY_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)


def three(value: float) -> str:
    """A score stored to 4 decimals, shown to 3, rounding half up as a reader does (``0.6325`` -> ``0.633``).

    Plain ``f"{0.6325:.3f}"`` gives ``0.632``: the float is a hair below 0.6325.
    """
    return str(Decimal(repr(float(value))).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP))


def label_scores(expected: Sequence[str], found: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-label precision/recall/F1/support and the confusion matrix.

    Args:
        expected: The true labels.
        found: The predicted labels, in the same order.

    Returns:
        ``accuracy``, ``macro_f1`` (the mean F1 of the labels that are
        expected or found: a label absent from both is not counted as a
        failure), ``per_class`` (label -> precision, recall, f1, support) and
        ``confusion`` (``labels``, ``rows_expected_columns_found``), rounded to
        4 decimals; only zeros and an empty matrix when there is nothing to score.

    Example:
        >>> label_scores(["ml", "ml", "ai"], ["ml", "ml", "ai"])["macro_f1"]
        1.0
    """
    if not expected:
        return {"accuracy": 0.0, "macro_f1": 0.0, "per_class": {}, "confusion": {}}
    labels = list(LABELS)
    p, r, f, s = precision_recall_fscore_support(expected, found, labels=labels, zero_division=0)
    matrix = confusion_matrix(expected, found, labels=labels)
    seen = [label in expected or label in found for label in labels]
    return {
        "accuracy": round(sum(e == g for e, g in zip(expected, found, strict=True)) / len(expected), 4),
        "macro_f1": round(float(f[seen].mean()), 4),
        "per_class": {
            label: {"precision": round(float(a), 4), "recall": round(float(b), 4), "f1": round(float(c), 4), "support": int(n)}
            for label, a, b, c, n in zip(labels, p, r, f, s, strict=True)
        },
        "confusion": {"labels": labels, "rows_expected_columns_found": [[int(v) for v in row] for row in matrix]},
    }


def calibration(expected: Sequence[str], probabilities: Sequence[Mapping[str, float]]) -> dict[str, Any]:
    """The Brier score and a reliability table of predicted label probabilities.

    Args:
        expected: The true labels.
        probabilities: For each posting, the probability of each label.

    Returns:
        ``brier`` (multi-class Brier score), ``brier_shares`` (the Brier score
        of always predicting the label shares of ``expected``: a model worth
        its probabilities scores lower) and ``reliability``: one row per bin of
        top probability with ``bin``, ``postings``, ``mean_probability`` and
        ``accuracy`` (the share whose top label is right), empty bins left out.
    """
    n = len(expected)
    if n == 0:
        return {"brier": 0.0, "brier_shares": 0.0, "reliability": []}
    shares = {label: sum(e == label for e in expected) / n for label in LABELS}
    brier = sum(sum((p.get(label, 0.0) - (e == label)) ** 2 for label in LABELS) for e, p in zip(expected, probabilities, strict=True))
    baseline = sum(sum((shares[label] - (e == label)) ** 2 for label in LABELS) for e in expected)
    tops = [(max(p.values()), max(LABELS, key=lambda label: p.get(label, 0.0)) == e) for e, p in zip(expected, probabilities, strict=True)]
    rows = [
        {"bin": row["bin"], "postings": row["postings"], "mean_probability": row["mean"], "accuracy": row["accuracy"]}
        for row in _reliability(tops)
    ]
    return {"brier": round(brier / n, 4), "brier_shares": round(baseline / n, 4), "reliability": rows}


def confidence_reliability(confidences: Sequence[float], right: Sequence[bool]) -> dict[str, Any]:
    """How often labels given with each confidence were right.

    Args:
        confidences: Each posting's label confidence (any classifier's).
        right: Whether each posting's label was right, in the same order.

    Returns:
        ``brier`` (mean squared gap between confidence and rightness),
        ``calibration_error`` (the postings' share-weighted gap between mean
        confidence and share right, over the bins) and ``reliability``: one
        row per bin of confidence with ``bin``, ``postings``,
        ``mean_confidence`` and ``accuracy``, empty bins left out.
    """
    pairs = list(zip(confidences, right, strict=True))
    if not pairs:
        return {"brier": 0.0, "calibration_error": 0.0, "reliability": []}
    rows = _reliability(pairs)
    gap = sum(row["postings"] * abs(row["mean"] - row["accuracy"]) for row in rows) / len(pairs)
    return {
        "brier": round(sum((c - r) ** 2 for c, r in pairs) / len(pairs), 4),
        "calibration_error": round(gap, 4),
        "reliability": [
            {"bin": row["bin"], "postings": row["postings"], "mean_confidence": row["mean"], "accuracy": row["accuracy"]} for row in rows
        ],
    }


def _reliability(pairs: Sequence[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Rows of ``(value, right)`` pairs binned by value (:data:`RELIABILITY_BINS`): bin, postings, mean, accuracy."""
    rows = []
    for low, high in pairwise((*RELIABILITY_BINS, 1.0)):
        inside = [(v, r) for v, r in pairs if low <= v < high or (high == 1.0 and v == 1.0)]
        if inside:
            rows.append(
                {
                    "bin": f"{low:.1f}-{high:.1f}",
                    "postings": len(inside),
                    "mean": round(sum(v for v, _ in inside) / len(inside), 4),
                    "accuracy": round(sum(r for _, r in inside) / len(inside), 4),
                }
            )
    return rows


def render_calibration(result: dict[str, Any]) -> list[str]:
    """Lines describing a :func:`calibration` result."""
    lines = [
        f"Calibration: Brier score {three(result['brier'])} (always predicting the label shares: {three(result['brier_shares'])}; lower is better)",
        "  top probability  postings  mean probability  share right",
    ]
    for row in result["reliability"]:
        lines.append(f"  {row['bin']:<15} {row['postings']:>9} {row['mean_probability']:>17.2f} {row['accuracy']:>12.2f}")
    return lines


def render_confidence(result: dict[str, Any]) -> list[str]:
    """Lines describing a :func:`confidence_reliability` result."""
    lines = [
        f"Confidence: calibration error {three(result['calibration_error'])}, Brier score {three(result['brier'])} "
        "(how far the confidence is from the share of labels right; lower is better)",
        "  confidence       postings   mean confidence  share right",
    ]
    for row in result["reliability"]:
        lines.append(f"  {row['bin']:<15} {row['postings']:>9} {row['mean_confidence']:>17.2f} {row['accuracy']:>12.2f}")
    return lines
