from __future__ import annotations

import json

import pytest

from analyzer import Analyzer
from analyzer.classify import RuleClassifier, calibrated, confidence_table_path, shipped_confidence_table
from analyzer.model import LABELS
from analyzer.taxonomy import Taxonomy

AI_TEXT = """Responsibilities:
* Build LLM-powered applications and AI agents for our customers
* Integrate models into our products and services through REST APIs
* Design RAG pipelines with LangChain and a vector database
"""

ML_TEXT = """What you'll do:
* Train, tune and evaluate ranking models with PyTorch
* Own feature engineering and hyperparameter tuning
* Run A/B tests and offline experiments on model performance
"""

HYBRID_TEXT = AI_TEXT + "\n" + ML_TEXT


def test_ai_posting_without_title(analyzer: Analyzer) -> None:
    result = analyzer.analyze_text(AI_TEXT)
    assert result.posting.title is None
    assert result.label == "ai"
    assert result.scores["ml"] == 0.0
    # Raw strength 1 (all evidence one way), read through the shipped table.
    assert result.confidence == round(calibrated(1.0, shipped_confidence_table(analyzer.taxonomy)["ai"]), 3)


def test_ml_posting_without_title(analyzer: Analyzer) -> None:
    result = analyzer.analyze_text(ML_TEXT)
    assert result.label == "ml"
    assert result.scores["ai"] == 0.0
    assert result.confidence == round(calibrated(1.0, shipped_confidence_table(analyzer.taxonomy)["ml"]), 3)


def test_both_strong_and_close_is_hybrid(analyzer: Analyzer) -> None:
    result = analyzer.analyze_text(HYBRID_TEXT)
    assert result.label == "hybrid"
    assert result.scores["ai"] > 3 and result.scores["ml"] > 3
    raw = RuleClassifier(analyzer.taxonomy, confidence_table={}).classify(HYBRID_TEXT, result.skills)
    assert (raw.label, raw.confidence) == ("hybrid", 0.94)
    assert result.confidence == round(calibrated(0.94, shipped_confidence_table(analyzer.taxonomy)["hybrid"]), 3)


def test_title_is_one_signal_not_the_label(analyzer: Analyzer) -> None:
    titled = analyzer.analyze_text(ML_TEXT, title="AI Engineer")
    assert titled.label == "ml"
    assert any("title: job title" in reason for reason in titled.reasons)


def test_reasons_name_the_evidence(analyzer: Analyzer) -> None:
    result = analyzer.analyze_text(ML_TEXT)
    assert result.reasons[0].startswith("AI evidence 0.00 vs ML evidence ")
    assert result.reasons[0].endswith("ML engineer")
    assert any(r.startswith("ML +") and "duty: trains, tunes and evaluates models" in r for r in result.reasons[1:])
    assert len(result.reasons) <= 7


def test_nothing_found_gives_low_confidence(taxonomy: Taxonomy) -> None:
    verdict = RuleClassifier(taxonomy).classify("We are hiring. Apply now.", [])
    assert verdict.label == "hybrid"
    assert verdict.confidence == 0.0
    assert verdict.scores == {"ai": 0.0, "ml": 0.0}
    assert verdict.reasons == ("no skills or duty phrases that lean either way were found; label is a guess (confidence 0)",)


def test_boilerplate_cues_are_ignored(analyzer: Analyzer) -> None:
    text = ML_TEXT + "\nAbout us\nWe build AI agents and LLM-powered applications for everyone.\n"
    assert analyzer.analyze_text(text).scores["ai"] == 0.0


def test_one_side_with_a_little_of_the_other_is_not_hybrid(analyzer: Analyzer) -> None:
    text = ML_TEXT + "* Train forecasting models on sales history\n* Evaluate classifiers offline\n* Expose scores through a REST API\n"
    result = analyzer.analyze_text(text)
    assert result.label == "ml"
    assert result.scores["ai"] > 0


def test_duties_weigh_more_than_requirements(taxonomy: Taxonomy) -> None:
    duties = "Responsibilities:\n* Train and evaluate ranking models\n"
    asked = "Requirements:\n* Experience training and evaluating ranking models\n"
    rule = RuleClassifier(taxonomy)
    assert rule.classify(duties, []).scores["ml"] > rule.classify(asked, []).scores["ml"] > 0


def test_units_are_sentences_outside_boilerplate(taxonomy: Taxonomy) -> None:
    text = "What you'll do:\n* Train ranking models\n* Write docs\nBenefits:\n* We build AI agents for fun\n"
    units = RuleClassifier(taxonomy).units(text)
    assert [(u.kind, text[u.start : u.end]) for u in units] == [("duties", "* Train ranking models")]


def test_hybrid_needs_core_duties_on_both_sides(taxonomy: Taxonomy) -> None:
    rule = RuleClassifier(taxonomy)
    support_only = "Responsibilities:\n* Train and evaluate ranking models\n* Build REST APIs and microservices\n"
    assert rule.classify(support_only, []).label == "ml"
    both = support_only + "* Integrate LLMs into our products\n"
    verdict = rule.classify(both, [])
    assert verdict.label == "hybrid"
    assert any(r.startswith("AI +") and "core duty: integrates models into products" in r for r in verdict.reasons)


def test_working_with_data_scientists_is_not_ml_evidence(taxonomy: Taxonomy) -> None:
    rule = RuleClassifier(taxonomy)
    alone = "Responsibilities:\n* Work closely with our data scientists and researchers\n"
    assert rule.units(alone) == ()
    # Serving models through APIs stays on the AI side (a core duty); the collaboration adds no ML vote.
    deploy = "Responsibilities:\n* Partner with data scientists to deploy and serve models through REST APIs\n"
    assert rule.classify(deploy, []).scores == {"ai": 1.0, "ml": 0.0}


def test_building_a_platform_for_data_scientists_is_ml_evidence(taxonomy: Taxonomy) -> None:
    text = "Responsibilities:\n* Build the experiment tracking platform that serves our data scientists\n"
    verdict = RuleClassifier(taxonomy).classify(text, [])
    assert verdict.label == "ml"
    assert any("ML pipelines and platforms that serve model development" in r for r in verdict.reasons)


TRAINING_DUTIES = (
    "Responsibilities:\n* Train and evaluate fraud classification models\n* Own feature engineering and hyperparameter tuning\n"
)


def _label(taxonomy: Taxonomy, text: str) -> str:
    return RuleClassifier(taxonomy).classify(text, []).label


def test_deploying_models_is_no_ai_evidence(taxonomy: Taxonomy) -> None:
    # Deploying the models one trains is an ML engineer's normal duty: no AI vote on its own.
    for line in (
        "* Deploy models to production",
        "* Own model deployment and retraining",
        "* Deploy the churn model to production",
    ):
        assert RuleClassifier(taxonomy).classify(f"Responsibilities:\n{line}\n", []).scores["ai"] == 0.0, line
    assert _label(taxonomy, TRAINING_DUTIES + "* Deploy models to production and monitor them\n") == "ml"


def test_generic_software_wording_is_no_ai_core_duty(taxonomy: Taxonomy) -> None:
    # Applications, solutions and APIs without AI in them do not make an ML job hybrid.
    for line in (
        "* Develop machine learning applications according to requirements",
        "* Collaborate with engineers to integrate your solutions into our platform",
        "* Ensure seamless integration of your data products and APIs with the overall tech stack",
        "* Help AI product managers understand what models can do",
    ):
        assert _label(taxonomy, TRAINING_DUTIES + line + "\n") == "ml", line


def test_building_systems_around_models_is_an_ai_core_duty(taxonomy: Taxonomy) -> None:
    rule = RuleClassifier(taxonomy)
    for line in (
        "* Build Python microservices that call OpenAI APIs",
        "* Leverage LLMs to turn unstructured documents into structured records",
        "* Deploy algorithms from our data science team into production",
        "* Serve models through REST APIs to the product teams",
        "* Build support tools powered by large language models",
    ):
        verdict = rule.classify(f"Responsibilities:\n{line}\n", [])
        assert verdict.label == "ai", line
        assert any(c.kind == "core duty" and c.lean == "ai" for c in verdict.contributions), line
    # Next to training duties, such a line makes a hybrid; alone the training job stays ML.
    assert _label(taxonomy, TRAINING_DUTIES + "* Build services that call LLM APIs to summarise claims\n") == "hybrid"


def test_training_data_is_supporting_evidence(taxonomy: Taxonomy) -> None:
    text = (
        "Responsibilities:\n* Build LLM-powered applications for our customers\n"
        "* Curate high-quality training data with annotators\n"
    )
    verdict = RuleClassifier(taxonomy).classify(text, [])
    assert verdict.label == "ai"
    assert not any(c.kind == "core duty" and c.lean == "ml" for c in verdict.contributions)


def test_sdks_are_software_evidence(taxonomy: Taxonomy) -> None:
    verdict = RuleClassifier(taxonomy).classify("Responsibilities:\n* Maintain the SDKs that our users install\n", [])
    assert verdict.label == "ai"
    assert verdict.scores == {"ai": 0.5, "ml": 0.0}


def test_raw_strength_without_a_table(analyzer: Analyzer) -> None:
    rules = RuleClassifier(analyzer.taxonomy, confidence_table={})
    assert rules.classify(AI_TEXT, analyzer.analyze_text(AI_TEXT).skills).confidence == 1.0
    assert rules.classify(ML_TEXT, analyzer.analyze_text(ML_TEXT).skills).confidence == 1.0


@pytest.mark.parametrize(("raw", "expected"), [(0.4, 0.3), (0.5, 0.3), (0.6, 0.45), (0.75, 0.65), (0.9, 0.8), (1.0, 0.8)])
def test_calibrated_interpolates_between_points_and_is_flat_beyond(raw: float, expected: float) -> None:
    assert calibrated(raw, [(0.5, 0.3), (0.7, 0.6), (0.9, 0.8)]) == pytest.approx(expected)


def test_shipped_confidence_table_fits_the_shipped_taxonomy(taxonomy: Taxonomy) -> None:
    data = json.loads(confidence_table_path().read_text(encoding="utf-8"))
    # A taxonomy change needs a refit: python scripts/calibrate_rules.py
    assert data["taxonomy"] == {"name": taxonomy.name, "version": taxonomy.version}
    table = shipped_confidence_table(taxonomy)
    assert sorted(table) == sorted(LABELS)
    for points in table.values():
        xs, ys = [x for x, _ in points], [y for _, y in points]
        assert xs == sorted(xs) and ys == sorted(ys)
        assert all(0.0 <= v <= 1.0 for v in xs + ys)


def test_another_taxonomy_gets_the_raw_strength(taxonomy: Taxonomy) -> None:
    other = Taxonomy(taxonomy.name, "0.0.1", taxonomy.description, taxonomy.path, taxonomy.categories, taxonomy.skills, taxonomy.cues, taxonomy.titles)
    assert shipped_confidence_table(other) == {}
    assert RuleClassifier(other).classify(ML_TEXT, []).confidence == 1.0


def test_reasons_print_the_same_evidence_as_the_scores(analyzer: Analyzer) -> None:
    result = analyzer.analyze_text(HYBRID_TEXT)
    assert result.reasons[0].startswith(f"AI evidence {result.scores['ai']:.2f} vs ML evidence {result.scores['ml']:.2f} ")
