from __future__ import annotations

import pytest

from analyzer.model import Section, parse_label


def test_section_cut_out_covers_the_section_in_order() -> None:
    section = Section("intro", "Overview", 10, 50)
    assert section.cut_out([(10, 20), (30, 40)], "company") == [
        Section("company", "Overview", 10, 20),
        Section("intro", "Overview", 20, 30),
        Section("company", "Overview", 30, 40),
        Section("intro", "Overview", 40, 50),
    ]
    assert section.cut_out([], "eeo") == [section]
    assert not section.boilerplate and section.cut_out([(20, 30)], "eeo")[1].boilerplate


@pytest.mark.parametrize(
    ("written", "label"),
    [("ai", "ai"), (" ML ", "ml"), ("ML Engineer", "ml"), ("Machine Learning Engineer", "ml"), ("artificial-intelligence", "ai"),
     ("Hybrid", "hybrid"), ("", None), (None, None), ("data", "data")],
)
def test_parse_label_reads_labels_as_people_write_them(written: object, label: str | None) -> None:
    assert parse_label(written) == label
