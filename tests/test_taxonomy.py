from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from analyzer import TaxonomyError, load_taxonomy
from analyzer.taxonomy import Taxonomy, default_taxonomy_path, name_key

REQUIRED_IDS = """python java sql nosql aws azure gcp sagemaker azure_ml vertex_ai docker kubernetes ci_cd mlops
spark kafka airflow vector_databases pytorch tensorflow scikit_learn nlp computer_vision reinforcement_learning
robotics llm generative_ai feature_engineering hyperparameter_tuning etl data_pipelines""".split()

ARTICLE_SHARES = {
    "java": 0.22, "azure": 0.33, "aws": 0.26, "kubernetes": 0.176, "docker": 0.154, "ci_cd": 0.104,
    "data_pipelines": 0.116, "spark": 0.105, "kafka": 0.048, "airflow": 0.034, "vector_databases": 0.045,
}


def test_shipped_taxonomy_has_required_ids(taxonomy: Taxonomy) -> None:
    assert taxonomy.name == "ai_ml_2025"
    assert set(REQUIRED_IDS) <= set(taxonomy.skill_ids)
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in taxonomy.skill_ids)


def test_article_shares_are_the_published_ones(taxonomy: Taxonomy) -> None:
    shares = {s.id: s.article_share for s in taxonomy.skills if s.article_share is not None}
    assert shares == ARTICLE_SHARES


def test_every_skill_is_traced(taxonomy: Taxonomy) -> None:
    for skill in taxonomy.skills:
        assert skill.basis.strip(), skill.id
        assert skill.origin in ("article", "corpus")
        if skill.origin == "corpus":
            assert skill.basis.startswith("corpus"), skill.id
    article = {s.id for s in taxonomy.skills if s.origin == "article"}
    assert set(REQUIRED_IDS) <= article


def test_implied_parents(taxonomy: Taxonomy) -> None:
    assert taxonomy.skill("sagemaker").implies == ("aws",)
    assert taxonomy.skill("azure_ml").implies == ("azure",)
    assert taxonomy.skill("vertex_ai").implies == ("gcp",)


def test_default_path_points_at_shipped_file() -> None:
    assert default_taxonomy_path().name == "ai_ml_2025.yaml"
    assert default_taxonomy_path().is_file()


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _minimal() -> dict:
    return {
        "name": "t",
        "version": "1",
        "categories": {"lang": "Languages"},
        "skills": [
            {"id": "python", "name": "Python", "category": "lang", "origin": "article", "weights": {"ai": 1, "ml": 1},
             "basis": "x", "aliases": ["python"]},
            {"id": "java", "name": "Java", "category": "lang", "origin": "article", "weights": {"ai": 1, "ml": 0.3},
             "basis": "x", "aliases": ["java"]},
        ],
    }


def test_minimal_taxonomy_loads(tmp_path: Path) -> None:
    tax = load_taxonomy(_write(tmp_path, _minimal()))
    assert tax.skill_ids == ("python", "java")
    assert tax.cues == ()


def test_alias_neighbour_words_load_lowercased(tmp_path: Path) -> None:
    data = _minimal()
    data["skills"][0]["aliases"].append({"form": "py", "not_after": ["Snake"], "not_before": ["Pit"]})
    alias = load_taxonomy(_write(tmp_path, data)).skill("python").aliases[-1]
    assert (alias.form, alias.not_after, alias.not_before) == ("py", ("snake",), ("pit",))


def test_a_form_may_serve_two_skills_when_all_but_one_give_it_a_context(tmp_path: Path) -> None:
    data = _minimal()
    data["skills"][1]["aliases"].append({"form": "Python", "context": ["JVM"], "not_context": ["Snake"]})
    alias = load_taxonomy(_write(tmp_path, data)).skill("java").aliases[-1]
    assert (alias.form, alias.context, alias.not_context) == ("Python", ("jvm",), ("snake",))


def test_the_shipped_transformers_senses(taxonomy: Taxonomy) -> None:
    # 'transformers' is deep_learning plainly and hugging_face only with a context (the library's name).
    plain = [s.id for s in taxonomy.skills for a in s.aliases if a.form.lower() == "transformers" and not a.context]
    near = [s.id for s in taxonomy.skills for a in s.aliases if a.form.lower() == "transformers" and a.context]
    assert (plain, near) == (["deep_learning"], ["hugging_face", "hugging_face"])


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["skills"][0].update(colour="red"), "skill 'python' has unknown key(s) ['colour']"),
        (lambda d: d["skills"][0].pop("basis"), "skill 'python' is missing ['basis']; add them."),
        (lambda d: d["skills"][1].update(id="python"), "skill 'python' (entry 2) repeats an id"),
        (lambda d: d["skills"][1]["aliases"].append("Python"), "skill 'java' repeats alias 'Python', already used by 'python'"),
        (lambda d: d["skills"][0].update(category="nope"), "valid categories are ['lang']"),
        (lambda d: d["skills"][0].update(implies=["rust"]), "implies unknown skill 'rust'"),
        (lambda d: d["skills"][0].update(weights={"ai": 2, "ml": 0}), "weight ai must be in [0, 1], got 2.0"),
        (lambda d: d["skills"][0].update(id="Python-3"), "the id must be lowercase snake_case"),
        (lambda d: d.update(extra=1), "the top level has unknown key(s) ['extra']"),
        (lambda d: d["skills"][0].update(category=["lang"]), "skill 'python' has category ['lang']; valid categories are ['lang']"),
        (lambda d: d["skills"][0].update(weights={"ai": float("nan"), "ml": 0}), "weight ai must be in [0, 1], got nan"),
        (lambda d: d.update(cues=[{"id": "c", "lean": "ai", "weight": "abc", "text": "t", "patterns": ["x"]}]),
         "cue 'c' weight must be a finite number, got 'abc'"),
        (lambda d: d.update(cues=[{"id": "c", "lean": "ai", "weight": float("inf"), "text": "t", "patterns": ["x"]}]),
         "cue 'c' weight must be a finite number, got inf"),
        (lambda d: d.update(titles=[{"lean": "ml", "weight": [1], "patterns": ["x"]}]),
         "title rule 1 weight must be a finite number, got [1]"),
        (lambda d: d["skills"][0]["aliases"].append({"form": "py", "not_after": "snake"}),
         "alias 'py': context, not_context, implies, not_after and not_before must be lists"),
    ],
    ids=["unknown-key", "missing-field", "duplicate-id", "alias-claimed-twice", "bad-category", "unknown-implies",
         "weight-range", "bad-id", "unknown-top-key", "category-list", "weight-nan", "cue-weight-text", "cue-weight-inf",
         "title-weight-list", "not-after-not-a-list"],
)
def test_validation_errors_name_file_entry_and_fix(tmp_path: Path, mutate, message: str) -> None:
    data = _minimal()
    mutate(data)
    path = _write(tmp_path, data)
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(path)
    assert str(info.value).startswith(str(path))
    assert message in str(info.value)


def test_missing_file_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="no such taxonomy file; pass --taxonomy"):
        load_taxonomy(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("skills: [unclosed", encoding="utf-8")
    with pytest.raises(TaxonomyError, match="not valid YAML"):
        load_taxonomy(bad)


def test_taxonomy_error_is_a_value_error() -> None:
    assert issubclass(TaxonomyError, ValueError)


def test_a_named_pipe_is_refused_not_read(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "t.yaml")
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(tmp_path / "t.yaml")
    assert str(info.value) == f"{tmp_path / 't.yaml'}: not a regular file; pass --taxonomy with a path to a YAML file."


def test_skill_names_read_ids_names_and_surface_forms(taxonomy: Taxonomy) -> None:
    names = taxonomy.skill_names()
    found = {written: names.get(name_key(written)) for written in ["hugging-face", "Hugging Face", "K8s", "scikit_learn", "ML Ops", "Transformers", "Excel"]}
    assert found == {
        "hugging-face": "hugging_face",
        "Hugging Face": "hugging_face",
        "K8s": "kubernetes",
        "scikit_learn": "scikit_learn",
        "ML Ops": "mlops",
        "Transformers": None,  # Hugging Face's library or the architecture: only the context says
        "Excel": None,
    }
