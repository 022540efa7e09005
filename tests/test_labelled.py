from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.errors import InputError
from analyzer.labelled import labels_from_title, read_labelled, read_labelled_file


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


def test_read_labelled_file_says_which_rows_it_left_out_and_why(tmp_path: Path) -> None:
    path = tmp_path / "postings.jsonl"
    rows = [
        {"title": "Senior Machine Learning Engineer", "text": "Train models."},
        {"title": "Data Scientist", "text": "Analyse data."},
        {"text": "No title here."},
        {"title": "AI Engineer", "text": "  "},
        {"title": "AI/ML Engineer", "text": "Both."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    read = read_labelled_file(path, labels_from_titles=True)
    assert read.examples == [("Train models.", "Senior Machine Learning Engineer", "ml"), ("Both.", "AI/ML Engineer", "hybrid")]
    assert read.left_out == [(2, "its title 'Data Scientist' names no AI or ML engineer role"), (3, "no title"), (4, "no text")]
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("text,label\nTrain models,ml\n,ai\n", encoding="utf-8")
    assert read_labelled_file(labelled).left_out == [(2, "no text")]


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


def test_read_labelled_refuses_a_named_pipe_rather_than_waiting(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "labelled.csv")
    with pytest.raises(InputError) as info:
        read_labelled(tmp_path / "labelled.csv")
    assert str(info.value) == f"{tmp_path / 'labelled.csv'}: not a regular file; give a UTF-8 CSV or JSON Lines file."


def test_read_labelled_accepts_labels_as_people_write_them(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text("text,label\nTrain models.,ML Engineer\nBuild agents.,AI\nBoth.,Hybrid\n", encoding="utf-8")
    assert [label for _, _, label in read_labelled(path)] == ["ml", "ai", "hybrid"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("labelled.csv", b"", "no rows (the file is empty); write one labelled posting per row under a header line."),
        ("labelled.csv", b"description,label\n", "holds a header but no rows; write one labelled posting per row under a header line."),
        ("labelled.csv", b"description,title\nTrain models,ML Engineer\n", "row 1 has no label column (found: description, title); add a label column (ai, ml, hybrid), or pass --labels-from-title."),
        ("labelled.csv", b"description,label\nTrain models,\n", "row 1 has an empty label; use one of ['ai', 'ml', 'hybrid'], or pass --labels-from-title."),
        ("labelled.csv", b"description,label\n,ml\n", "no row has a text; put the posting text in the text column (or pass --text-column NAME)."),
        ("labelled.csv", b"description,label\n\"Train mod\xe9ls\",ml\n", "not UTF-8 (line 2 has byte 0xe9); save it as UTF-8."),
        ("labelled.jsonl", b'{"text": "a", "label": "ml"}\n{bad\n', "line 2 is not JSON (Expecting property name enclosed in double quotes at column 2); fix the line."),
        ("labelled.jsonl", b'{"text": 5, "label": "ml"}\n', "row 1's text is a JSON number, not a string; give the posting text."),
        ("missing.csv", None, "no such file; check the path."),
    ],
    ids=["empty", "header-only", "no-label-column", "empty-label", "no-text", "not-utf8", "jsonl-line-number", "number-text", "missing"],
)
def test_unusable_labelled_files_say_why_and_how_to_fix(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_labelled(path)
    assert str(info.value) == f"{path}: {message}"


def test_labels_from_titles_need_a_title_that_gives_one(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text("body,label\nTrain models,ml\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_labelled(path, labels_from_titles=True)
    assert str(info.value) == f"{path}: no title column to label by; pass --title-column NAME."
    path.write_text("title,body\nData Scientist,Train models\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_labelled(path, labels_from_titles=True)
    assert str(info.value) == (
        f"{path}: no row has both a text and a title naming an AI or ML engineer role to label by; label the rows in a label column instead."
    )


def test_read_labelled_finds_columns_as_people_name_them(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text("Job Title;Job Description;Label\nAI Engineer;Build agents, RAG;AI\nX;Train models;ML Engineer\n", encoding="utf-8")
    assert read_labelled(path) == [("Build agents, RAG", "AI Engineer", "ai"), ("Train models", "X", "ml")]


def test_a_training_text_too_large_to_be_a_posting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "labelled.csv"
    path.write_text("text,label\n" + "x" * 200_001 + ",ml\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_labelled(path)
    assert str(info.value) == (
        f"{path}: row 1's text has 200,001 characters: too large to be a posting (limit 200,000); fix the row's text or leave the row out."
    )
