from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sklearn

from analyzer.errors import AnalyzerError, InputError
from analyzer.learn import (
    FORMAT,
    ModelClassifier,
    ModelError,
    labels_from_title,
    load_model,
    read_labelled,
    render_report,
    save_model,
    train,
)
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


@pytest.fixture(scope="module")
def model_file(trained: tuple[ModelClassifier, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "model.json"
    save_model(trained[0], path)
    return path


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


def test_round_trip_gives_identical_probabilities(
    trained: tuple[ModelClassifier, dict[str, Any]], model_file: Path, taxonomy: Taxonomy, matcher: SkillMatcher
) -> None:
    loaded = load_model(model_file, taxonomy)
    for text in (NEW_AI, NEW_ML, NEW_HYBRID, EXAMPLES[0][0], "Python, SQL and kindness."):
        hits = matcher.match_text(text, split_sections(text))
        assert loaded.probabilities(text, hits) == trained[0].probabilities(text, hits)
        assert classify(loaded, matcher, text) == classify(trained[0], matcher, text)
    assert loaded.report_ == json.loads(json.dumps(trained[1]))


def test_model_file_is_plain_json(model_file: Path, taxonomy: Taxonomy) -> None:
    data = json.loads(model_file.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["format_version"] == 1
    assert data["sklearn_version"] == sklearn.__version__
    assert data["taxonomy"] == {"name": taxonomy.name, "version": taxonomy.version}
    assert data["labels"] == ["ai", "ml", "hybrid"]
    assert len(data["vocabulary"]) == len(data["idf"]) and data["calibration"] is None
    assert len(data["coef"]) == 3 and len(data["coef"][0]) == len(data["feature_names"])
    assert data["report"]["examples"] == 12


def _edited(model_file: Path, tmp_path: Path, **changes: Any) -> Path:
    data = json.loads(model_file.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_refuses_a_file_that_is_not_json(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = tmp_path / "model.json"
    path.write_bytes(b"\x80\x04\x95 pickle")
    with pytest.raises(ModelError) as info:
        load_model(path, taxonomy)
    assert str(info.value).startswith(f"{path}: not a skill-analyzer model (not JSON: ")
    assert isinstance(info.value, AnalyzerError) and isinstance(info.value, ValueError)


def test_refuses_a_missing_file(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = tmp_path / "none.json"
    with pytest.raises(ModelError) as info:
        load_model(path, taxonomy)
    assert str(info.value) == f"{path}: no such model file; train one with: skill-analyzer train LABELLED --out {path}"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "joblib"}, "not a skill-analyzer model (format 'joblib' version 1; expected format 'skill-analyzer-model' version 1)."),
        ({"format": None}, "not a skill-analyzer model (no 'format' field; expected format 'skill-analyzer-model' version 1)."),
        ({"format_version": 2}, "not a skill-analyzer model (format 'skill-analyzer-model' version 2; expected format 'skill-analyzer-model' version 1)."),
        ({"labels": ["ai", "ml"]}, "the model's labels are ['ai', 'ml']; expected ['ai', 'ml', 'hybrid']."),
        ({"coef": [["0.5"]]}, "the model file is damaged (TypeError: expected numbers); retrain it."),
        ({"vocabulary": [1, 2]}, "the model file is damaged (TypeError: expected a list of strings); retrain it."),
        ({"intercept": [0.0, 0.0]}, "the model's features do not match taxonomy ai_ml_2025 1.3.0; retrain it."),
    ],
    ids=["format", "no-format", "format-version", "labels", "coef", "vocabulary", "shape"],
)
def test_refuses_a_bad_model(model_file: Path, tmp_path: Path, taxonomy: Taxonomy, changes: dict[str, Any], message: str) -> None:
    path = _edited(model_file, tmp_path, **changes)
    with pytest.raises(ModelError) as info:
        load_model(path, taxonomy)
    assert str(info.value) == f"{path}: {message}"


def test_refuses_another_taxonomy_version(model_file: Path, taxonomy: Taxonomy) -> None:
    with pytest.raises(ModelError) as info:
        load_model(model_file, replace(taxonomy, version="9.9.9"))
    assert str(info.value) == (
        f"{model_file}: the model was trained with taxonomy ai_ml_2025 1.3.0, not ai_ml_2025 9.9.9; "
        "retrain it with this taxonomy or use the one it was trained with."
    )


def test_refuses_another_sklearn_version_unless_told(model_file: Path, tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = _edited(model_file, tmp_path, sklearn_version="0.24.2")
    with pytest.raises(ModelError) as info:
        load_model(path, taxonomy)
    assert str(info.value) == (
        f"{path}: the model was trained with scikit-learn 0.24.2, this is scikit-learn {sklearn.__version__}; "
        "retrain it, or pass strict_versions=False to load it anyway."
    )
    assert isinstance(load_model(path, taxonomy, strict_versions=False), ModelClassifier)
    patch = ".".join(sklearn.__version__.split(".")[:2]) + ".999"
    assert isinstance(load_model(_edited(model_file, tmp_path, sklearn_version=patch), taxonomy), ModelClassifier)


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("AI Engineer", "ai"),
        ("Senior Generative AI Engineer", "ai"),
        ("GenAI Engineer", "ai"),
        ("LLM Engineer", "ai"),
        ("Artificial Intelligence Engineer", "ai"),
        ("Machine Learning Engineer", "ml"),
        ("Sr. ML Engineer, Ads Ranking", "ml"),
        ("MLOps Engineer", "ml"),
        ("Software Engineer, Machine Learning", "ml"),
        ("AI/ML Engineer", "hybrid"),
        ("ML/AI Engineer", "hybrid"),
        ("AI & ML Engineer", "hybrid"),
        ("AI and Machine Learning Developer", "hybrid"),
        ("Machine Learning/Gen AI Engineer", "hybrid"),
        ("Full-Stack Engineer with ML/AI experience", "hybrid"),
        ("Machine Learning Engineer - Conversation AI", None),
        ("Data Scientist", None),
        ("Machine Learning Scientist", None),
        ("Software Engineer", None),
        ("Email Engineer", None),
        ("", None),
        (None, None),
    ],
    ids=lambda value: str(value),
)
def test_labels_from_title(title: str | None, label: str | None) -> None:
    assert labels_from_title(title) == label


def test_read_labelled_csv(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text(
        'title,description,label\nAI Engineer,"<p>Build <b>agents</b></p><ul><li>RAG</li></ul>",ai\n'
        'ML Engineer,"Train models\r\nTune them",ML\nSomeone,,hybrid\n',
        encoding="utf-8",
    )
    assert read_labelled(path) == [("Build agents\n* RAG", "AI Engineer", "ai"), ("Train models\nTune them", "ML Engineer", "ml")]


def test_read_labelled_jsonl_with_title_labels(tmp_path: Path) -> None:
    path = tmp_path / "postings.jsonl"
    rows = [
        {"job_title": "Senior Machine Learning Engineer", "body": "Train models.", "label": "hybrid"},
        {"job_title": "Data Scientist", "body": "Analyse data."},
        {"job_title": "AI/ML Engineer", "body": "Both."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert read_labelled(path, text_column="body", title_column="job_title", labels_from_titles=True) == [
        ("Train models.", "Senior Machine Learning Engineer", "ml"),
        ("Both.", "AI/ML Engineer", "hybrid"),
    ]


def test_read_labelled_errors(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text("title,text,label\nX,Some text,engineer\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_labelled(path)
    assert str(info.value) == (
        f"{path}: row 1 has label 'engineer'; use one of ['ai', 'ml', 'hybrid'], or pass --labels-from-title."
    )
    path.write_text("title,summary,label\nX,Some text,ai\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_labelled(path)
    assert str(info.value) == f"{path}: row 1 has no text column (found: title, summary, label); pass --text-column NAME."
    assert read_labelled(path, text_column="summary") == [("Some text", "X", "ai")]
