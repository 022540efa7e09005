from __future__ import annotations

import re
from typing import Any

import pytest

from analyzer.learn import ModelClassifier, ModelError, render_report, train
from analyzer.match import SkillMatcher
from analyzer.sections import split_sections
from analyzer.taxonomy import Taxonomy

PERKS = "\nBenefits:\n* Free lunch, gym membership and a generous pension plan\n"

AI_DUTIES = [
    "Build LLM-powered applications and AI agents for our customers.\n* Integrate models into our products through REST APIs.",
    "Design RAG pipelines with LangChain and a vector database.\n* Ship chatbot features to production for support teams.",
    "Develop generative AI assistants.\n* Integrate OpenAI APIs into our web application and build the back end.",
    "Build agentic workflows and prompt-driven systems.\n* Integrate LLMs into our product and its APIs.",
]
ML_DUTIES = [
    "Train, tune and evaluate ranking models with PyTorch.\n* Own feature engineering and hyperparameter tuning.",
    "Build predictive models for churn.\n* Run A/B tests and offline experiments; feature engineering with pandas.",
    "Train recommendation models and tune XGBoost.\n* Design experiments and statistical analysis of model metrics.",
    "Research new algorithms and train deep learning models for forecasting.\n* Evaluate models offline.",
]


def posting(*duties: str) -> str:
    return "Responsibilities:\n* " + "\n* ".join(duties) + "\nRequirements:\n* Python" + PERKS


EXAMPLES = (
    [(posting(d), "AI Engineer", "ai") for d in AI_DUTIES]
    + [(posting(d), None, "ml") for d in ML_DUTIES]
    + [(posting(a, m), None, "hybrid") for a, m in zip(AI_DUTIES, ML_DUTIES, strict=True)]
)

NEW_AI = posting("Integrate LLM APIs into our product and build AI agents and a chatbot for customers.")
NEW_ML = posting("Train and tune forecasting models; own feature engineering and offline experiments.")
NEW_HYBRID = posting(
    "Integrate LLM APIs into our product and build AI agents and a chatbot for customers.",
    "Train and tune forecasting models; own feature engineering and offline experiments.",
)


@pytest.fixture(scope="module")
def trained(taxonomy: Taxonomy, matcher: SkillMatcher) -> tuple[ModelClassifier, dict[str, Any]]:
    return train(EXAMPLES, taxonomy, cv=3, min_df=1, matcher=matcher)


def classify(model: ModelClassifier, matcher: SkillMatcher, text: str) -> Any:
    sections = split_sections(text)
    return model.classify(text, matcher.match_text(text, sections), sections=sections)


@pytest.mark.parametrize(("text", "label"), [(NEW_AI, "ai"), (NEW_ML, "ml"), (NEW_HYBRID, "hybrid")], ids=["ai", "ml", "hybrid"])
def test_predicts_the_obvious_ones(trained: tuple[ModelClassifier, dict[str, Any]], matcher: SkillMatcher, text: str, label: str) -> None:
    verdict = classify(trained[0], matcher, text)
    assert verdict.label == label
    probabilities = trained[0].probabilities(text, matcher.match_text(text, split_sections(text)))
    assert verdict.confidence == round(max(probabilities.values()), 3)
    assert verdict.scores == {"ai": round(probabilities["ai"], 4), "ml": round(probabilities["ml"], 4)}
    assert sum(probabilities.values()) == pytest.approx(1.0)


def test_reasons_name_the_features(trained: tuple[ModelClassifier, dict[str, Any]], matcher: SkillMatcher) -> None:
    verdict = classify(trained[0], matcher, NEW_ML)
    assert re.fullmatch(r"model: P\(ai\) \d\.\d\d, P\(ml\) \d\.\d\d, P\(hybrid\) \d\.\d\d: ML engineer", verdict.reasons[0])
    assert all(re.fullmatch(r"(AI|ML|HYBRID) \+\d+\.\d\d (phrase|duty|skills|rule) .+", r) for r in verdict.reasons[1:])
    assert 2 <= len(verdict.reasons) <= 7
    assert "ML +" in " ".join(verdict.reasons)
    duty = [c for c in verdict.contributions if c.kind == "duty" and "trains, tunes and evaluates models" in c.text]
    assert duty and duty[0].text == "'trains, tunes and evaluates models' (1 hit in duties)"
    assert duty[0].example == "Train and tune forecasting models"
    weights = [c.weight for c in verdict.contributions]
    assert weights == sorted(weights, reverse=True)


def test_title_is_not_a_feature(trained: tuple[ModelClassifier, dict[str, Any]], matcher: SkillMatcher) -> None:
    model = trained[0]
    hits = matcher.match_text(NEW_ML)
    assert model.probabilities(NEW_ML, hits, title="Generative AI Engineer") == model.probabilities(NEW_ML, hits)


def test_sections_default_to_split_sections(trained: tuple[ModelClassifier, dict[str, Any]], matcher: SkillMatcher) -> None:
    hits = matcher.match_text(NEW_AI)
    assert trained[0].classify(NEW_AI, hits) == trained[0].classify(NEW_AI, hits, sections=split_sections(NEW_AI))


def test_report(trained: tuple[ModelClassifier, dict[str, Any]]) -> None:
    model, report = trained
    assert report["examples"] == 12
    assert report["label_counts"] == {"ai": 4, "ml": 4, "hybrid": 4}
    assert report["cv_folds"] == 3
    assert set(report["per_class"]) == {"ai", "ml", "hybrid"}
    assert set(report["per_class"]["ai"]) == {"precision", "recall", "f1", "support"}
    assert sum(map(sum, report["confusion"]["rows_expected_columns_found"])) == 12
    assert 0.0 <= report["macro_f1"] <= 1.0 and 0.0 <= report["accuracy"] <= 1.0
    assert sum(row["postings"] for row in report["calibration"]["reliability"]) == 12
    assert 0.0 <= report["calibration"]["brier"] <= 2.0
    assert "Calibration: Brier score" in render_report(report)
    assert {len(v) for v in report["top_features"].values()} == {15}
    names = {name for features in report["top_features"].values() for name, _ in features}
    assert all(re.match(r"(word: |cue: .+ @(duties|requirements|other)$|skills (lean (AI|ML)|in )|rule lean$)", n) for n in names)
    assert "word: integrate" in model.feature_names
    assert "cue: trains, tunes and evaluates models @duties" in model.feature_names
    assert "skills lean ML" in model.feature_names
    text = render_report(report)
    assert text.startswith("Trained on 12 postings (ai 4, ml 4, hybrid 4); ")
    assert "3-fold cross-validation: accuracy " in text
    assert "Top features for hybrid: " in text


def test_boilerplate_words_are_not_features(trained: tuple[ModelClassifier, dict[str, Any]]) -> None:
    assert not {"lunch", "gym", "pension", "membership"} & set(trained[0].terms_)
    assert "experience" not in trained[0].terms_  # stop list


def test_taxonomy_features_only(taxonomy: Taxonomy, matcher: SkillMatcher) -> None:
    model, report = train(EXAMPLES, taxonomy, cv=0, ngrams=False, matcher=matcher)
    assert model.terms_ == [] and not any(n.startswith("word: ") for n in model.feature_names)
    assert report["cv_folds"] == 0 and "per_class" not in report
    assert "No cross-validation" in render_report(report)
    assert classify(model, matcher, NEW_ML).label == "ml"


def test_training_needs_every_label(taxonomy: Taxonomy, matcher: SkillMatcher) -> None:
    with pytest.raises(ModelError) as info:
        train([e for e in EXAMPLES if e[2] != "hybrid"], taxonomy, matcher=matcher)
    assert str(info.value) == "the training data has no hybrid examples; every label ['ai', 'ml', 'hybrid'] needs some."
    with pytest.raises(ModelError, match=r"^example 2 has label 'AI'; use one of \['ai', 'ml', 'hybrid'\]\.$"):
        train([EXAMPLES[0], ("text", None, "AI")], taxonomy, matcher=matcher)


def test_repeated_texts_never_leave_a_label_out_of_a_training_fold(taxonomy: Taxonomy, matcher: SkillMatcher) -> None:
    # Each label's postings are one text repeated: grouped by text, a fold
    # would train without that label. That once failed with "the training data
    # has no ml examples" although every label had six.
    repeated = [EXAMPLES[0], EXAMPLES[4], EXAMPLES[8]] * 6
    model, report = train(repeated, taxonomy, cv=5, min_df=1, matcher=matcher)
    assert (report["examples"], report["repeats"], report["conflicting_texts"], report["cv_folds"]) == (18, 15, 0, 0)
    assert report["cv_note"] == "ai has 1 distinct posting; every label needs at least 2 (more give a fairer report)"
    assert render_report(report).splitlines()[1:3] == [
        "15 of them repeat an earlier posting's text (kept in the same fold)",
        "No cross-validation: ai has 1 distinct posting; every label needs at least 2 (more give a fairer report).",
    ]
    assert classify(model, matcher, NEW_ML).label == "ml"


def test_fewer_folds_than_asked_say_why(taxonomy: Taxonomy, matcher: SkillMatcher) -> None:
    examples = [*EXAMPLES, (EXAMPLES[0][0], None, "hybrid")]  # the first AI text again, labelled hybrid
    _, report = train(examples, taxonomy, cv=5, min_df=1, matcher=matcher)
    assert (report["repeats"], report["conflicting_texts"], report["cv_folds"]) == (1, 1, 4)
    assert report["cv_note"] == "5 asked; ai has only 4 distinct postings"
    lines = render_report(report).splitlines()
    assert lines[1] == "1 of them repeats an earlier posting's text (kept in the same fold); 1 text carries more than one label: check them"
    assert lines[2].startswith("4-fold cross-validation (5 asked; ai has only 4 distinct postings): accuracy ")
