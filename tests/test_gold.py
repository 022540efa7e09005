from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import Analyzer, InputError
from analyzer.gold import read_gold, read_gold_rows, read_scope, text_sha


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
        ("gold.csv", b"text,label\n\"caf\xe9\",ml\n", "not UTF-8 (line 2 has byte 0xe9); save it as UTF-8."),
        ("gold.jsonl", b'{"label": "ml"}\n', "row 1 has no posting: give its text (a text or description column), or a path or file column."),
        ("gold.jsonl", b'{"text": "  ", "label": "ml"}\n', "row 1: empty posting: no text; fix the row's text or leave the row out."),
        ("gold.jsonl", b'{"text": 42, "label": "ml"}\n', "row 1's text is a JSON number, not a string; give the posting text."),
    ],
    ids=["jsonl-not-object", "not-utf8", "no-text", "empty-text", "number-text"],
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


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gold.csv", b"", "no rows (the file is empty); write one labelled posting per row under a header line."),
        ("gold.csv", b"text,label,skills\n", "holds a header but no rows; write one labelled posting per row under a header line."),
        ("gold.jsonl", b"\n\n", "no rows (the file is empty); write one JSON object per line."),
        ("gold.jsonl", b'{"text": "a", "label": "ml"}\n{bad\n', "line 2 is not JSON (Expecting property name enclosed in double quotes at column 2); fix the line."),
        ("gold.csv", b'text,label\n"Train models",ml,extra\n', "row 1 (line 2) has 3 fields, the header 2; quote fields that hold a ','."),
        ("gold.csv", b"foo,bar\n1,2\n", "row 1 has no label or skills column (found: foo, bar); add a label column (ai, ml or hybrid), a skills column, or both."),
        ("gold.csv", b'text,label,split\n"Train models",ml,dev\n"Build agents",ai,heldout\n', "no row has split 'test'; the file's splits are ['dev', 'heldout']."),
        ("gold.csv", b'text,label\n"Train models",ml\n', "no row has split 'test'; the file has no split column: leave out --split."),
    ],
    ids=["empty", "header-only", "blank-jsonl", "jsonl-line-number", "extra-field", "no-label-or-skills-column", "unknown-split", "no-split-column"],
)
def test_unusable_gold_files_say_why_and_how_to_fix(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_gold(path, split="test" if "split" in message else None)
    assert str(info.value) == f"{path}: {message}"


def test_gold_csv_holds_long_texts_and_other_delimiters(tmp_path: Path) -> None:
    long_text = "Train ranking models with PyTorch. " + "x " * 80_000  # past csv's default 131,072-character field limit
    path = tmp_path / "gold.csv"
    path.write_text(f'text;label;skills\n"{long_text}";ML;"PyTorch, K8s"\n', encoding="utf-8")
    [item] = read_gold(path)
    assert (item.label, item.skills) == ("ml", frozenset({"pytorch", "kubernetes"}))
    assert item.posting is not None and len(item.posting.text) == len(long_text.strip())
    tsv = tmp_path / "gold.tsv"
    tsv.write_text("text\tlabel\tskills\nBuild agents, with RAG.\tai\tllm;rag\n", encoding="utf-8")
    assert [(g.label, g.skills) for g in read_gold(tsv)] == [("ai", frozenset({"llm", "rag"}))]


def test_gold_text_too_large_names_the_row_and_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "' + "Python. " * 25_001 + '", "label": "ml"}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_gold(path)
    assert str(info.value) == (
        f"{path}: row 1: posting has 200,007 characters: too large to be a posting (limit 200,000); "
        "fix the row's text or leave the row out."
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("python,Kubernetes,cobol", "scope names unknown skill ids ['Kubernetes', 'cobol'] (did you mean: 'Kubernetes' -> 'kubernetes'?); use the ids `skill-analyzer taxonomy` lists."),
        ("eval/no_such_scope.txt", "eval/no_such_scope.txt: no such scope file; pass --scope a file of skill ids or a comma list (python,sql)."),
        (",", "scope names no skill id; list the ids to score (`skill-analyzer taxonomy` lists them)."),
    ],
    ids=["name-not-id", "missing-file", "no-ids"],
)
def test_scope_errors_say_how_to_fix(analyzer: Analyzer, value: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        read_scope(value, analyzer.taxonomy.skill_ids)
    assert str(info.value) == message


def test_an_empty_scope_file_is_an_error(tmp_path: Path, analyzer: Analyzer) -> None:
    path = tmp_path / "scope.txt"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_scope(path, analyzer.taxonomy.skill_ids)
    assert str(info.value) == f"scope file {path} names no skill id; list the ids to score (`skill-analyzer taxonomy` lists them)."
    path.write_text("python\nsql\npython\n", encoding="utf-8")
    assert read_scope(path, analyzer.taxonomy.skill_ids) == ("python", "sql")


@pytest.mark.parametrize(
    ("content", "where", "lines"),
    [
        ('text,label\n"Build LLM apps,ai\nTrain models,ml\n', "row 1 (line 2)", 2),
        ('text,label\nBuild LLM apps,ai\n"Train models\n\nwith PyTorch,ml\nmore,hybrid', "row 2 (line 3)", 4),
        ('text;label\nBuild LLM apps;ai\n"Train models;ml', "row 2 (line 3)", 1),
    ],
    ids=["first-row", "later-row-many-lines", "last-line-semicolons"],
)
def test_csv_quote_never_closed_is_reported_where_it_opens(tmp_path: Path, content: str, where: str, lines: int) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_gold_rows(path)
    assert str(caught.value) == (
        f"{path}: {where} opens a quoted field that is never closed, so the rest of the file ({lines} line{'s' if lines > 1 else ''}) "
        "reads as that one row; close the quote."
    )


def test_csv_quoted_fields_spanning_lines_are_read(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text('text,label\n"Build LLM apps,\nwith ""RAG""",ai\nTrain models,ml\n', encoding="utf-8")
    assert read_gold_rows(path) == [{"text": 'Build LLM apps,\nwith "RAG"', "label": "ai"}, {"text": "Train models", "label": "ml"}]
