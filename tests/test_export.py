from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from analyzer import Analyzer
from analyzer.export import MENTION_COLUMNS, POSTING_COLUMNS, mention_rows, posting_row, safe_cell, write_postings_csv


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("plain.txt", "plain.txt"), (None, ""), (0.5, "0.5")],
)
def test_safe_cell(value: object, safe: str) -> None:
    assert safe_cell(value) == safe


def test_mention_rows(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze_text("Use PyTorch and k8s.")
    assert list(mention_rows(analysis.to_dict())) == [
        [analysis.posting.id, "pytorch", "PyTorch", "4", "11"],
        [analysis.posting.id, "kubernetes", "k8s", "16", "19"],
    ]
    assert MENTION_COLUMNS == ["posting_id", "skill_id", "text", "start", "end"]


def test_postings_csv_is_flat_and_safe(tmp_path: Path, analyzer: Analyzer) -> None:
    analysis = analyzer.analyze_text("Train ranking models with PyTorch.", title="=cmd|' /C calc'!A0")
    rows = tmp_path / "rows.csv"
    with rows.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(posting_row(analysis.to_dict()))
    out = io.StringIO()
    assert write_postings_csv(rows, out, ["pytorch", "python"]) == 1
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert header == [*POSTING_COLUMNS, "skill_pytorch", "skill_python"]
    record = dict(zip(header, row, strict=True))
    assert record["title"] == "'=cmd|' /C calc'!A0"
    assert record["label"] == "ml"
    assert (record["skill_pytorch"], record["skill_python"]) == ("1", "0")
    assert record["skills"] == " ".join(s.id for s in analysis.skills)


def test_parquet_and_xlsx_exports(tmp_path: Path, analyzer: Analyzer) -> None:
    import pandas as pd
    from conftest import DATA

    from analyzer import analyze
    from analyzer.export import write_extra_formats

    analyze([DATA / "mixed"], tmp_path, analyzer=analyzer)
    written = write_extra_formats(tmp_path, ["csv", "parquet", "xlsx", "parquet"])
    assert [p.name for p in written] == ["skills.parquet", "postings.parquet", "mentions.parquet", "report.xlsx"]
    postings = pd.read_parquet(tmp_path / "postings.parquet")
    assert len(postings) == 7
    assert list(postings.columns[:3]) == ["id", "source", "title"]
    book = pd.read_excel(tmp_path / "report.xlsx", sheet_name=None)
    assert list(book) == ["skills", "postings", "mentions"]
    assert len(book["skills"]) == 81


def test_xlsx_is_the_same_bytes_for_the_same_tables(tmp_path: Path, analyzer: Analyzer) -> None:
    # openpyxl stamped the time of writing into docProps/core.xml and every zip entry: two runs, two files.
    import zipfile

    from conftest import DATA

    from analyzer import analyze
    from analyzer.export import write_extra_formats

    analyze([DATA / "mixed"], tmp_path, analyzer=analyzer)
    (first,) = write_extra_formats(tmp_path, ["xlsx"])
    once = first.read_bytes()
    write_extra_formats(tmp_path, ["xlsx"])
    assert first.read_bytes() == once
    with zipfile.ZipFile(first) as book:
        assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = book.read("docProps/core.xml").decode()
    assert core.count(">1980-01-01T00:00:00Z</dcterms:") == 2


def test_exports_of_a_format_not_asked_for_are_removed(tmp_path: Path, analyzer: Analyzer) -> None:
    # A run into a folder that held an earlier run's report.xlsx left it there, its tables no longer the CSVs'.
    from conftest import DATA

    from analyzer import analyze
    from analyzer.export import present_formats, write_extra_formats

    analyze([DATA / "mixed"], tmp_path, analyzer=analyzer)
    write_extra_formats(tmp_path, ["parquet", "xlsx"])
    assert present_formats(tmp_path) == ["parquet", "xlsx"]
    assert write_extra_formats(tmp_path, ["csv", "xlsx"]) == [tmp_path / "report.xlsx"]
    assert present_formats(tmp_path) == ["xlsx"]
    assert not any(tmp_path.glob("*.parquet"))
    assert write_extra_formats(tmp_path, []) == []
    assert present_formats(tmp_path) == []
    assert (tmp_path / "skills.csv").is_file()


def test_unknown_format_is_a_usage_error() -> None:
    from analyzer import UsageError
    from analyzer.export import check_formats

    check_formats(["csv", "parquet", "xlsx"])
    with pytest.raises(UsageError, match="unknown format 'pdf'; choose from csv, parquet, xlsx"):
        check_formats(["pdf"])


def test_postings_csv_has_level_and_pay(analyzer: Analyzer) -> None:
    text = "Senior ML Engineer\n\nRequirements\n- 5+ years of Python\nPay: $150,000 - $180,000 per year, or $80/hour contract"
    record = dict(zip(POSTING_COLUMNS, posting_row(analyzer.analyze_text(text).to_dict()), strict=True))
    assert [record[k] for k in ("seniority", "min_years", "pay", "pay_currency", "pay_annual_min", "pay_annual_max")] == [
        "senior", "5", "$150,000 - $180,000 per year; $80/hour", "USD", "150000", "180000"
    ]
    bare = dict(zip(POSTING_COLUMNS, posting_row(analyzer.analyze_text("Train models.").to_dict()), strict=True))
    assert [bare[k] for k in ("seniority", "min_years", "pay", "pay_currency", "pay_annual_min", "pay_annual_max")] == [""] * 6
    # Two currencies: the amounts as written, no single yearly range.
    mixed = analyzer.analyze_text("Pay: $150,000 - $180,000 per year in the US, or €90,000 - €110,000 per year in Germany.")
    row = dict(zip(POSTING_COLUMNS, posting_row(mixed.to_dict()), strict=True))
    assert (row["pay_currency"], row["pay_annual_min"], row["pay_annual_max"]) == ("", "", "")
    assert row["pay"].count(";") == 1
