from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import Analyzer, InputError
from analyzer.gold import read_gold, read_scope, text_sha


def test_scope_rejects_unknown_ids(analyzer: Analyzer) -> None:
    with pytest.raises(InputError, match=r"scope names unknown skill ids \['cobol'\]"):
        read_scope("python,cobol", analyzer.taxonomy.skill_ids)


def test_gold_rows_point_at_files_and_check_the_hash(tmp_path: Path) -> None:
    (tmp_path / "posts.csv").write_text("title,description\nA,Python and Spark jobs\n", encoding="utf-8")
    sha = text_sha("Python and Spark jobs")[:12]
    (tmp_path / "gold.csv").write_text(f"file,row,sha,label,skills\nposts.csv,1,{sha},ml,python\nposts.csv,1,000000000000,ml,python\nposts.csv,9,,ml,\n", encoding="utf-8")
    gold = read_gold(tmp_path / "gold.csv")
    assert gold[0].posting is not None and gold[0].posting.title == "A"
    assert gold[1].problem == "posts.csv#row=1: text changed since it was labelled (sha 000000000000)"
    assert gold[2].problem == "posts.csv#row=9: no posting there"


def test_bad_label_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text("text,label,skills\nhello,data,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 1 has label 'data'; use one of \['ai', 'ml', 'hybrid'\]"):
        read_gold(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gold.jsonl", b'{"text": "Train models.", "label": "ml"}\n[1]\n', "line 2 is a list, not a JSON object; write one object per line."),
        ("gold.csv", b"text,label\n\"caf\xe9\",ml\n", "not UTF-8; save it as UTF-8."),
        ("gold.jsonl", b'{"label": "ml"}\n', "row 1 has no posting: give its text (a text or description column), or a path or file column."),
        ("gold.jsonl", b'{"text": "  ", "label": "ml"}\n', "row 1: empty posting: no text"),
    ],
    ids=["jsonl-not-object", "not-utf8", "no-text", "empty-text"],
)
def test_malformed_gold_files_name_the_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_gold(path)
    assert str(info.value) == f"{path}: {message}"


def test_gold_reads_skills_by_name_and_labels_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "gold.csv"
    path.write_text(
        "job_title,description,Label,expected_skills\n"
        'Engineer,"<p>Fine-tune models with Hugging Face.</p>",ML Engineer,"Hugging Face; K8s, Excel"\n'
        'Engineer,Build agents.,AI,"[\'python\', \'sql\']"\n'
        "Engineer,Build agents.,Hybrid,aws sagemaker docker python hugging face\n",
        encoding="utf-8",
    )
    gold = read_gold(path)
    assert [g.label for g in gold] == ["ml", "ai", "hybrid"]
    assert gold[0].posting is not None and gold[0].posting.text == "Fine-tune models with Hugging Face."
    assert gold[0].posting.title == "Engineer"
    assert gold[0].skills == frozenset({"hugging_face", "kubernetes"})
    assert gold[0].unknown_skills == ("Excel",)
    assert gold[1].skills == frozenset({"python", "sql"})
    assert gold[2].skills == frozenset({"aws", "sagemaker", "docker", "python", "hugging_face"})
    assert gold[2].unknown_skills == ()


def test_gold_rows_name_a_path_and_a_row(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.txt").write_text("Data Engineer\n\nBuild Spark pipelines.\n", encoding="utf-8")
    (tmp_path / "posts" / "b.csv").write_text("title,description\nX,Train PyTorch models\nY,Deploy LLM apps\n", encoding="utf-8")
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"path": "posts/a.txt", "label": "ml", "skills": ["Apache Spark"]}\n'
        '{"path": "posts/b.csv", "row": 2, "label": "ai", "skills": []}\n',
        encoding="utf-8",
    )
    gold = read_gold(path)
    assert [g.key for g in gold] == ["posts/a.txt", "posts/b.csv#row=2"]
    assert gold[0].posting is not None and gold[0].posting.title == "Data Engineer"
    assert gold[0].posting.text.endswith("Build Spark pipelines.")
    assert gold[0].skills == frozenset({"spark"})
    assert gold[1].posting is not None and gold[1].posting.text == "Deploy LLM apps"
