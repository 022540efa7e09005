from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sklearn

from analyzer.errors import AnalyzerError, ModelError
from analyzer.learn import ModelClassifier, train
from analyzer.match import SkillMatcher
from analyzer.model_file import FORMAT, load_model, save_model
from analyzer.sections import split_sections
from analyzer.taxonomy import Taxonomy, load_taxonomy

AI = "Build LLM-powered applications and AI agents.\n* Integrate OpenAI APIs into our product."
ML = "Train, tune and evaluate ranking models with PyTorch.\n* Own feature engineering and offline experiments."


def posting(*duties: str) -> str:
    return "Responsibilities:\n* " + "\n* ".join(duties) + "\nRequirements:\n* Python\n"


EXAMPLES = [(posting(AI), None, "ai"), (posting(ML), None, "ml"), (posting(AI, ML), None, "hybrid")]
NEW_AI = posting("Build AI agents and a chatbot on LLM APIs.")
NEW_ML = posting("Train and tune forecasting models; feature engineering.")


@pytest.fixture(scope="module")
def trained(taxonomy: Taxonomy, matcher: SkillMatcher) -> tuple[ModelClassifier, dict[str, Any]]:
    return train(EXAMPLES, taxonomy, cv=0, min_df=1, matcher=matcher)


@pytest.fixture(scope="module")
def model_file(trained: tuple[ModelClassifier, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "model.json"
    save_model(trained[0], path)
    return path


def classify(model: ModelClassifier, matcher: SkillMatcher, text: str) -> Any:
    sections = split_sections(text)
    return model.classify(text, matcher.match_text(text, sections), sections=sections)


def test_round_trip_gives_identical_probabilities(
    trained: tuple[ModelClassifier, dict[str, Any]], model_file: Path, taxonomy: Taxonomy, matcher: SkillMatcher
) -> None:
    loaded = load_model(model_file, taxonomy)
    for text in (NEW_AI, NEW_ML, EXAMPLES[2][0], "Python, SQL and kindness."):
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
    assert data["report"]["examples"] == 3


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
        (
            {"format": "joblib"},
            "not a skill-analyzer model (format 'joblib' version 1; expected format 'skill-analyzer-model' version 1).",
        ),
        ({"format": None}, "not a skill-analyzer model (no 'format' field; expected format 'skill-analyzer-model' version 1)."),
        (
            {"format_version": 2},
            "not a skill-analyzer model (format 'skill-analyzer-model' version 2; expected format 'skill-analyzer-model' version 1).",
        ),
        ({"labels": ["ai", "ml"]}, "the model's labels are ['ai', 'ml']; expected ['ai', 'ml', 'hybrid']."),
        ({"coef": [["0.5"]]}, "the model file is damaged (TypeError: expected numbers); retrain it."),
        ({"vocabulary": [1, 2]}, "the model file is damaged (TypeError: expected a list of strings); retrain it."),
        ({"intercept": [0.0, 0.0]}, f"the model's features do not match taxonomy ai_ml_2025 {load_taxonomy().version}; retrain it."),
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
        f"{model_file}: the model was trained with taxonomy ai_ml_2025 {taxonomy.version}, not ai_ml_2025 9.9.9; "
        "retrain it with this taxonomy or use the one it was trained with."
    )


def test_refuses_another_sklearn_version_unless_told(model_file: Path, tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = _edited(model_file, tmp_path, sklearn_version="0.24.2")
    with pytest.raises(ModelError) as info:
        load_model(path, taxonomy)
    assert str(info.value) == (
        f"{path}: the model was trained with scikit-learn 0.24.2, this is scikit-learn {sklearn.__version__}; "
        "retrain it with skill-analyzer train (from Python, load_model(..., strict_versions=False) loads it anyway)."
    )
    assert isinstance(load_model(path, taxonomy, strict_versions=False), ModelClassifier)
    patch = ".".join(sklearn.__version__.split(".")[:2]) + ".999"
    assert isinstance(load_model(_edited(model_file, tmp_path, sklearn_version=patch), taxonomy), ModelClassifier)


def test_save_model_where_it_cannot_be_written_is_an_output_error(
    trained: tuple[ModelClassifier, dict[str, Any]], tmp_path: Path
) -> None:
    from analyzer.errors import OutputError

    target = tmp_path / "missing" / "model.json"
    with pytest.raises(OutputError) as caught:
        save_model(trained[0], target)
    assert str(caught.value) == f"{target}: cannot write the model (No such file or directory); pass --out a path you can write to."


def test_refuses_a_folder_and_says_what_to_pass(tmp_path: Path, taxonomy: Taxonomy) -> None:
    with pytest.raises(ModelError) as info:
        load_model(tmp_path, taxonomy)
    assert str(info.value) == f"{tmp_path}: not a file; pass --model the JSON file skill-analyzer train wrote."


def test_a_truncated_model_says_to_copy_it_again(model_file: Path, tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = tmp_path / "cut.json"
    path.write_bytes(model_file.read_bytes()[:100])
    with pytest.raises(ModelError) as info:
        load_model(path, taxonomy)
    assert str(info.value).startswith(f"{path}: not a skill-analyzer model (not JSON: ")
    assert str(info.value).endswith("); pass --model a whole file from skill-analyzer train (copy it again if it was cut short).")
