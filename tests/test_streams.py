from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.model import Posting, Skipped
from analyzer.records import ColumnOptions
from analyzer.streams import read_csv_file, read_jsonl_file

UNCLOSED = "a quoted field here is never closed, so the rest of the file (3 lines) reads as one row; close the quote"


def _read(path: Path) -> list[tuple[str, str]]:
    reader = read_jsonl_file if path.suffix == ".jsonl" else read_csv_file
    return [
        (item.source.rsplit("#", 1)[-1], item.text if isinstance(item, Posting) else item.reason)
        for item in reader(path, ColumnOptions())
        if isinstance(item, (Posting, Skipped))
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            'title,description\nA,"Train models\nwith PyTorch."\nB,"Build ""RAG"" apps\nC,Deploy models\nD,Run tests\n',
            [("row=1", "Train models\nwith PyTorch."), ("row=2", UNCLOSED)],
        ),
        (
            'title,description\nA,"Train models\nwith PyTorch."\nB,"Build apps\non GCP."\n',
            [("row=1", "Train models\nwith PyTorch."), ("row=2", "Build apps\non GCP.")],
        ),
        ('title,description\nA,5" screens and Kafka\n', [("row=1", '5" screens and Kafka')]),
    ],
    ids=["quote-never-closed", "rows-spanning-lines", "stray-quote-in-a-plain-field"],
)
def test_csv_rows_and_a_quote_left_open(tmp_path: Path, content: str, expected: list[tuple[str, str]]) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(content, encoding="utf-8")
    assert _read(path) == expected


def test_jsonl_lines_and_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"description": "Train models."}\n{oops\n\n{"description": "Deploy agents."}\n', encoding="utf-8")
    found = _read(path)
    assert [source for source, _ in found] == ["row=1", "row=2", "row=3"]
    assert (found[0][1], found[2][1]) == ("Train models.", "Deploy agents.")
    assert found[1][1] == "malformed JSON at column 2: Expecting property name enclosed in double quotes; fix the JSON here or export the line again"


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8-bom"])
def test_csv_with_a_windows_1252_row_after_the_sniffed_head(tmp_path: Path, bom: bytes) -> None:
    # The first megabyte is UTF-8; a row appended by another tool is Windows-1252.
    path = tmp_path / "rows.csv"
    filler = "".join(f'{i},"Train ranking models in Zürich, role {i}."\n' for i in range(30_000)).encode()
    path.write_bytes(bom + b"id,description\n" + filler + "99999,Köln: build “RAG” apps\n".encode("cp1252"))
    texts = [item.text if isinstance(item, Posting) else item.reason for item in read_csv_file(path, ColumnOptions())]
    assert texts == [f"Train ranking models in Zürich, role {i}." for i in range(30_000)] + ["Köln: build “RAG” apps"]


def test_jsonl_in_windows_1252_with_utf8_lines(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_bytes(
        '{"description": "Köln – “remote” ML role"}\n'.encode("cp1252") + '{"description": "Łódź: LLM apps"}\n'.encode()
    )
    texts = [item.text for item in read_jsonl_file(path, ColumnOptions()) if isinstance(item, Posting)]
    assert texts == ["Köln – “remote” ML role", "Łódź: LLM apps"]


def test_tsv_and_a_csv_of_parts_without_a_description(tmp_path: Path) -> None:
    tsv = tmp_path / "rows.tsv"
    tsv.write_text("title\tdescription\nML Engineer\tTrain models, in PyTorch; and JAX.\n", encoding="utf-8")
    assert _read(tsv) == [("row=1", "Train models, in PyTorch; and JAX.")]
    parts = tmp_path / "parts.csv"
    parts.write_text("title,responsibilities,requirements\nAI Engineer,Build RAG apps.,Python\n", encoding="utf-8")
    assert _read(parts) == [("row=1", "Responsibilities\nBuild RAG apps.\nRequirements\nPython")]
    none = tmp_path / "none.csv"
    none.write_text("title,salary\nAI Engineer,100k\n", encoding="utf-8")
    assert [(source.rsplit("/", 1)[-1], reason) for source, reason in _read(none)] == [
        ("none.csv", "no description column found (columns: title, salary); pass --text-column NAME")
    ]
