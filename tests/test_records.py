"""Tests for analyzer.records: one CSV row or JSON object to a posting."""

from __future__ import annotations

import json

import pytest

from analyzer import Posting, Skipped
from analyzer.errors import SkipPosting
from analyzer.records import (
    MAX_JSON_DEPTH,
    TEXT_KEYS,
    ColumnOptions,
    maybe_html,
    parse_json,
    pick_column,
    posting_id,
    record_posting,
)
from analyzer.records import _iso_date as iso_date


def test_record_with_usual_keys() -> None:
    record = {
        "Job Title": "ML Engineer",
        "job_description": "<p>Train <b>ranking</b> models.</p>",
        "company": {"name": "Acme"},
        "location": {"address": {"addressLocality": "Austin", "addressRegion": "TX"}},
        "date_posted": "05/19/2024",
    }
    posting = record_posting(record, "jobs.json#row=1", ColumnOptions(), "record")
    assert isinstance(posting, Posting)
    assert (posting.title, posting.text, posting.company, posting.location, posting.date) == (
        "ML Engineer",
        "Train ranking models.",
        "Acme",
        "Austin, TX",
        "2024-05-19",
    )
    assert posting.id == posting_id("jobs.json#row=1", "Train ranking models.")


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"description": None}, "empty posting: the description is null"),
        ({"description": "   "}, "empty posting: no text"),
        ({"description": 42}, "description is int, not text"),
        ({"summary": "text"}, "no description field found in this row (keys: summary); pass --text-column NAME"),
        ({"description": "a\x00b"}, "text contains NUL bytes: binary data, not a posting"),
        ({"description": "\u200b\u200e \ufeff"}, "empty posting: no text"),
    ],
)
def test_records_that_are_not_postings_are_skipped_with_a_reason(record: dict[str, object], reason: str) -> None:
    assert record_posting(record, "f.csv#row=3", ColumnOptions(), "row") == Skipped("f.csv#row=3", reason)


def test_named_column_wins() -> None:
    assert pick_column(["Description", "Body"], "body", TEXT_KEYS) == 1
    assert pick_column(["Description", "Body"], None, TEXT_KEYS) == 0
    assert pick_column(["Summary"], None, TEXT_KEYS) is None


def test_parse_json_limits_depth() -> None:
    assert parse_json('{"a": [1, 2]}', "x.json") == {"a": [1, 2]}
    with pytest.raises(SkipPosting, match="malformed JSON at line 1 column 2"):
        parse_json("{oops", "x.json")
    with pytest.raises(SkipPosting, match=f"JSON nested deeper than {MAX_JSON_DEPTH} levels"):
        parse_json(json.dumps(nested := [[]]) .replace("[[]]", "[" * 70 + "]" * 70), "x.json")
    assert nested == [[]]


@pytest.mark.parametrize(
    ("text", "one_line", "reason"),
    [
        (
            '[{"title": "AI Engineer", "description": "Build RAG',
            False,
            "malformed JSON at line 1 column 42: a string opens here and never closes: the file looks cut short, export it again",
        ),
        ('[{"a": 1},', False, "malformed JSON at line 1 column 11: the text ends where more JSON should follow: the file looks cut short, export it again"),
        ('{"a": 1}\n{"a": 2}\n', False, "malformed JSON at line 2 column 1: more JSON follows the first value; a file of one object per line is JSON Lines, name it .jsonl"),
        ('{"a": "x\ty"}', False, "malformed JSON at line 1 column 9: a raw control character (line break or tab) inside a string; write it as \\n or \\t"),
        ('{"a" 1}', False, "malformed JSON at line 1 column 6: Expecting ':' delimiter; fix the JSON here or export the file again"),
        ('{"description": "oops\n', True, "malformed JSON at column 17: a string opens here and never closes: the line looks cut short, export it again"),
        ('{"a": 1}\r\n', True, None),
    ],
    ids=["cut-in-a-string", "cut-after-a-comma", "json-lines-in-a-json-file", "raw-tab", "missing-colon", "jsonl-line-cut-in-a-string", "jsonl-crlf"],
)
def test_malformed_json_says_where_what_and_how_to_fix(text: str, one_line: bool, reason: str | None) -> None:
    if reason is None:
        assert parse_json(text, "x.jsonl#row=1", one_line=one_line) == {"a": 1}
        return
    with pytest.raises(SkipPosting) as caught:
        parse_json(text, "x.json", one_line=one_line)
    assert caught.value.reason == reason


def test_html_and_entities_in_a_field() -> None:
    assert maybe_html("<ul><li>Python</li><li>SQL</li></ul>") == "* Python\n* SQL"
    assert maybe_html("R&amp;D with C&#43;&#43;") == "R&D with C++"
    assert maybe_html("Plain text") == "Plain text"
    # HTML escaped once more, as Greenhouse's content and some JSON-LD descriptions are.
    assert maybe_html("&lt;p&gt;Train &lt;b&gt;models&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Python&lt;/li&gt;&lt;/ul&gt;") == (
        "Train models\n* Python"
    )
    assert maybe_html("Latency &lt; 5 ms") == "Latency < 5 ms"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2024-05-19", "2024-05-19"),
        ("2020-08-22 05:23:39", "2020-08-22"),
        ("05/19/2024", "2024-05-19"),
        ("2024-11-02T09:00:00Z", "2024-11-02"),
        ("May 19, 2024", "2024-05-19"),
        ("yesterday", None),
        ("1709640000000", "2024-03-05"),
        ("1709640000", "2024-03-05"),
        ("2024-03-01T00:00:00.0000", "2024-03-01"),
    ],
)
def test_dates_become_iso(raw: str, iso: str | None) -> None:
    assert iso_date(raw) == iso


def test_invisible_format_characters_inside_words_are_dropped() -> None:
    # Scraped text carries direction marks, zero-width spaces and soft hyphens inside names; they would split
    # "Google Cloud" and "PyTorch" into pieces no skill form matches. Emoji joiners stay.
    record = {
        "title": "ML\u200b Engineer\u202c",
        "description": "Google\u202c Cloud Platform, Py\u00adTorch and version\u200e control \U0001f468\u200d\U0001f4bb",
    }
    posting = record_posting(record, "f.csv#row=1", ColumnOptions(), "row")
    assert isinstance(posting, Posting)
    assert posting.text == "Google Cloud Platform, PyTorch and version control \U0001f468\u200d\U0001f4bb"
    assert posting.title == "ML Engineer"


def _posting(record: dict[str, object], columns: ColumnOptions | None = None) -> Posting:
    posting = record_posting(record, "jobs.json#row=1", columns or ColumnOptions(), "record")
    assert isinstance(posting, Posting), posting
    return posting


def test_lever_description_lists_and_additional_in_order() -> None:
    posting = _posting(
        {
            "additionalPlain": "Equity and health insurance.",
            "additional": "<div>Equity and health insurance.</div>",
            "categories": {"location": "Remote - US", "team": "Applied AI"},
            "createdAt": 1709640000000,
            "description": "<div>Build LLM agents for our product.</div>",
            "lists": [{"text": "Requirements", "content": "<li>Python</li><li>AWS</li>"}],
            "text": "AI Engineer",
        }
    )
    assert posting.text == (
        "Build LLM agents for our product.\nRequirements\n* Python\n* AWS\nAdditional information\nEquity and health insurance."
    )
    assert (posting.title, posting.location, posting.date) == ("AI Engineer", "Remote - US", "2024-03-05")


def test_a_part_the_description_already_holds_is_not_repeated() -> None:
    posting = _posting({"title": "ML Engineer", "description": "Train models.\nRequirements: Python, SQL", "requirements": "Python, SQL"})
    assert posting.text == "Train models.\nRequirements: Python, SQL"


def test_record_with_parts_only_and_nested_fields() -> None:
    posting = _posting(
        {
            "MatchedObjectDescriptor": {
                "PositionTitle": "Data Scientist",
                "OrganizationName": "Census Bureau",
                "PublicationStartDate": "2024-03-01T00:00:00.0000",
                "WhoMayApply": {"Name": "US Citizens"},
                "UserArea": {"Details": {"MajorDuties": ["Fit survey models in R.", "Write SQL."]}},
            }
        }
    )
    assert posting.text == "Duties\n* Fit survey models in R.\n* Write SQL."
    assert (posting.title, posting.company, posting.date) == ("Data Scientist", "Census Bureau", "2024-03-01")


def test_a_nested_name_or_text_is_no_title_or_description() -> None:
    record = {"department": {"name": "Data", "text": "Our data team."}, "summary": "Fit models."}
    assert record_posting(record, "f.json#row=2", ColumnOptions(), "record") == Skipped(
        "f.json#row=2", "no description field found in this record (keys: department, summary); pass --text-column NAME"
    )
    posting = _posting({"department": {"name": "Data"}, "description": "Fit models."})
    assert posting.title is None


@pytest.mark.parametrize(
    ("company", "location", "expected"),
    [
        ({"display_name": "Acme"}, {"display_name": "London, UK", "area": ["UK", "London"]}, ("Acme", "London, UK")),
        ({"identifier": "acme", "name": "Acme"}, {"city": "Austin", "region": "TX", "country": "us"}, ("Acme", "Austin, TX, us")),
        ("Acme", [{"city": "Berlin", "country": "Germany"}, {"LocationName": "Remote"}], ("Acme", "Berlin, Germany; Remote")),
    ],
    ids=["adzuna", "smartrecruiters", "workable"],
)
def test_company_and_location_objects(company: object, location: object, expected: tuple[str, str]) -> None:
    posting = _posting({"description": "Fit models.", "company": company, "location": location})
    assert (posting.company, posting.location) == expected
