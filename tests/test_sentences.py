from __future__ import annotations

from analyzer.sentences import CLAUSE_END, SENTENCE_END, line_spans, line_units, sentence_bounds


def test_sentence_bounds_stop_at_full_stops_before_a_capital() -> None:
    text = "We ship models. You will use e.g. PyTorch daily. Benefits follow."
    start = text.index("PyTorch")
    s_start, s_end = sentence_bounds(text, start, start + len("PyTorch"))
    assert text[s_start:s_end] == "You will use e.g. PyTorch daily."


def test_clauses_also_end_at_semicolons() -> None:
    text = "Build agents; deploy them"
    assert SENTENCE_END.search(text) is None
    assert [m.start() for m in CLAUSE_END.finditer(text)] == [text.index(" deploy")]


def test_line_units_cut_only_long_lines_into_sentences() -> None:
    long_line = "Train ranking models. " * 30 + "Deploy them."
    text = f"Short line\n{long_line}\n"
    units = [text[start:end] for start, end in line_units(text, 0, len(text))]
    assert units == ["Short line"] + ["Train ranking models."] * 30 + ["Deploy them."]


def test_line_spans_skip_empty_lines_and_stay_inside_the_stretch() -> None:
    text = "Title\n\n  \nRole: build models\nEnd"
    spans = line_spans(text, 2, text.index("\nEnd"))
    assert [text[start:end] for start, end in spans] == ["tle", "  ", "Role: build models"]
