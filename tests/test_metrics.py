from __future__ import annotations

import pytest

from analyzer.metrics import calibration, confidence_reliability, label_scores, render_calibration, render_confidence, three

EXPECTED = ["ai", "ml", "hybrid", "ml"]
PROBABILITIES = [
    {"ai": 1.0, "ml": 0.0, "hybrid": 0.0},
    {"ai": 0.2, "ml": 0.7, "hybrid": 0.1},
    {"ai": 0.5, "ml": 0.3, "hybrid": 0.2},
    {"ai": 0.3, "ml": 0.6, "hybrid": 0.1},
]


def test_label_scores() -> None:
    scores = label_scores(EXPECTED, ["ai", "ml", "ai", "ml"])
    assert scores["accuracy"] == 0.75
    assert scores["macro_f1"] == 0.5556
    assert scores["per_class"]["ai"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1}
    assert scores["per_class"]["hybrid"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert scores["confusion"] == {"labels": ["ai", "ml", "hybrid"], "rows_expected_columns_found": [[1, 0, 0], [0, 2, 0], [1, 0, 0]]}


def test_label_scores_of_nothing() -> None:
    assert label_scores([], []) == {"accuracy": 0.0, "macro_f1": 0.0, "per_class": {}, "confusion": {}}


def test_calibration_brier_and_reliability() -> None:
    result = calibration(EXPECTED, PROBABILITIES)
    # (0 + 0.14 + 0.98 + 0.26) / 4; always predicting the shares (0.25, 0.5, 0.25): (0.875 + 0.375 + 0.875 + 0.375) / 4
    assert result["brier"] == 0.345
    assert result["brier_shares"] == 0.625
    assert result["reliability"] == [
        {"bin": "0.5-0.6", "postings": 1, "mean_probability": 0.5, "accuracy": 0.0},
        {"bin": "0.6-0.7", "postings": 1, "mean_probability": 0.6, "accuracy": 1.0},
        {"bin": "0.7-0.8", "postings": 1, "mean_probability": 0.7, "accuracy": 1.0},
        {"bin": "0.9-1.0", "postings": 1, "mean_probability": 1.0, "accuracy": 1.0},
    ]


def test_render_calibration() -> None:
    lines = render_calibration(calibration(EXPECTED, PROBABILITIES))
    assert lines[0] == "Calibration: Brier score 0.345 (always predicting the label shares: 0.625; lower is better)"
    assert lines[2] == "  0.5-0.6                 1              0.50         0.00"
    assert len(lines) == 6


def test_confidence_reliability_bins_and_gaps() -> None:
    result = confidence_reliability([0.55, 0.95, 0.95, 0.0], [True, True, False, False])
    assert result == {
        "brier": 0.2769,
        "calibration_error": 0.3375,
        "reliability": [
            {"bin": "0.0-0.5", "postings": 1, "mean_confidence": 0.0, "accuracy": 0.0},
            {"bin": "0.5-0.6", "postings": 1, "mean_confidence": 0.55, "accuracy": 1.0},
            {"bin": "0.9-1.0", "postings": 2, "mean_confidence": 0.95, "accuracy": 0.5},
        ],
    }
    assert render_confidence(result)[0].startswith("Confidence: calibration error 0.338, Brier score 0.277")
    assert confidence_reliability([], []) == {"brier": 0.0, "calibration_error": 0.0, "reliability": []}


def test_macro_f1_averages_the_labels_present_only() -> None:
    # No hybrid expected or found: it is not a failure to count (the mean over three labels said 0.6667).
    scores = label_scores(["ai", "ml", "ml"], ["ai", "ml", "ml"])
    assert (scores["accuracy"], scores["macro_f1"]) == (1.0, 1.0)
    assert scores["per_class"]["hybrid"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    # A label only found (a false hybrid) counts: its F1 is 0.
    assert label_scores(["ai", "ml"], ["ai", "hybrid"])["macro_f1"] == round((1.0 + 0.0 + 0.0) / 3, 4)


@pytest.mark.parametrize(("value", "shown"), [(0.6325, "0.633"), (0.5, "0.500"), (1.0, "1.000"), (0.9874, "0.987"), (0.0, "0.000")])
def test_three_rounds_half_up_as_a_reader_does(value: float, shown: str) -> None:
    assert three(value) == shown
