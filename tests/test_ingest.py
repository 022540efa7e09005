from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import DATA

from analyzer import InputError, Posting, Skipped, ingest, records
from analyzer.ingest import (
    MAX_TITLE,
    ColumnOptions,
    clean_title,
    html_to_text,
    read_file,
    read_postings,
    read_text,
    read_text_posting,
)

MIXED = DATA / "mixed"


def _by_source(items: list[Posting | Skipped]) -> dict[str, Posting | Skipped]:
    return {item.source.replace(str(MIXED), "mixed"): item for item in items}


@pytest.fixture(scope="module")
def mixed() -> dict[str, Posting | Skipped]:
    return _by_source(list(read_postings([MIXED])))


def test_every_input_is_accounted_for_in_a_stable_order(mixed: dict[str, Posting | Skipped]) -> None:
    assert list(mixed) == [
        "mixed/binary.txt",
        "mixed/empty.txt",
        "mixed/latin1.txt",
        "mixed/llm_app.txt",
        "mixed/nested.json",
        "mixed/notes.rtf",
        "mixed/page.html",
        "mixed/ranking.md",
        "mixed/records.jsonl#row=1",
        "mixed/records.jsonl#row=2",
        "mixed/records.jsonl#row=3",
        "mixed/rows.csv#row=1",
        "mixed/rows.csv#row=2",
        "mixed/rows.csv#row=3",
        "mixed/rows.csv#row=4",
    ]


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("mixed/binary.txt", "binary file (contains NUL bytes), not a text posting"),
        ("mixed/empty.txt", "empty file"),
        ("mixed/nested.json", "JSON nested deeper than 64 levels: not a posting"),
        ("mixed/notes.rtf", "unsupported file type '.rtf'; supported: .txt, .md, .markdown, .html, .htm, .json, .jsonl, .ndjson, .csv, .tsv, .pdf, .docx"),
        ("mixed/records.jsonl#row=2", "malformed JSON at column 2: Expecting property name enclosed in double quotes; fix the JSON here or export the line again"),
        ("mixed/records.jsonl#row=3", "expected a JSON object on each line, got list"),
        ("mixed/rows.csv#row=3", "malformed CSV row: 2 fields where the header has 4"),
        ("mixed/rows.csv#row=4", "empty posting: no text"),
    ],
    ids=["binary", "empty", "deep-json", "unsupported", "bad-json-line", "json-not-object", "short-csv-row", "empty-description"],
)
def test_bad_inputs_are_skipped_with_a_reason(mixed: dict[str, Posting | Skipped], source: str, reason: str) -> None:
    item = mixed[source]
    assert isinstance(item, Skipped)
    assert item.reason == reason


def test_txt_header_block(mixed: dict[str, Posting | Skipped]) -> None:
    post = mixed["mixed/llm_app.txt"]
    assert isinstance(post, Posting)
    assert (post.title, post.company, post.location, post.date) == ("AI Engineer, Assistants", "Northwind Labs", "Remote, US", "2025-03-04")
    assert post.text.startswith("About the role\n")


def test_markdown_title(mixed: dict[str, Posting | Skipped]) -> None:
    post = mixed["mixed/ranking.md"]
    assert isinstance(post, Posting)
    assert post.title == "Machine Learning Engineer, Ranking"


def test_windows_1252_is_decoded(mixed: dict[str, Posting | Skipped]) -> None:
    post = mixed["mixed/latin1.txt"]
    assert isinstance(post, Posting)
    assert post.title == "Ingeniero de IA – Café Systems"
    assert "“enterprise”" in post.text


def test_html_json_ld_job_posting(mixed: dict[str, Posting | Skipped]) -> None:
    post = mixed["mixed/page.html"]
    assert isinstance(post, Posting)
    assert post.title == "Computer Vision Engineer"
    assert post.company == "Acme Robotics"
    assert post.location == "Austin, TX"
    assert post.date == "2024-11-02"
    assert post.text == "Integrate computer vision models into our robots.\n* C++ and ROS\n* Docker & CI/CD"


def test_csv_columns_and_html_in_json(mixed: dict[str, Posting | Skipped]) -> None:
    row = mixed["mixed/rows.csv#row=1"]
    assert isinstance(row, Posting)
    assert (row.title, row.company, row.date) == ("ML Engineer", "Globex", "2024-01-15")
    rec = mixed["mixed/records.jsonl#row=1"]
    assert isinstance(rec, Posting)
    assert (rec.title, rec.company) == ("GenAI Developer", "Initech")
    assert rec.text == "Build AI agents with OpenAI function calling on Azure."


def test_ids_are_stable_and_distinct(mixed: dict[str, Posting | Skipped]) -> None:
    again = _by_source(list(read_postings([MIXED])))
    ids = [p.id for p in mixed.values() if isinstance(p, Posting)]
    assert ids == [p.id for p in again.values() if isinstance(p, Posting)]
    assert len(set(ids)) == len(ids)
    assert all(len(i) == 16 for i in ids)


def test_missing_path_raises() -> None:
    with pytest.raises(InputError, match="no such file or folder; check the path"):
        list(read_postings([MIXED / "nope"]))


def test_bom_crlf_and_text_column_override(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("\ufeffRole,Blurb\r\nData Engineer,\"Build Kafka pipelines\r\non AWS\"\r\n".encode())
    (post,) = read_file(path, columns=ColumnOptions(text_column="Blurb", title_column="Role"))
    assert isinstance(post, Posting)
    assert post.title == "Data Engineer"
    assert post.text == "Build Kafka pipelines\non AWS"
    (skipped,) = read_file(path)
    assert isinstance(skipped, Skipped)
    assert skipped.reason == "no description column found (columns: Role, Blurb); pass --text-column NAME"


def test_json_list_and_wrapped_list(tmp_path: Path) -> None:
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps({"jobs": [{"title": "A", "description": "Python"}, "x"]}), encoding="utf-8")
    items = list(read_file(path))
    assert [type(i).__name__ for i in items] == ["Posting", "Skipped"]
    assert items[1].source.endswith("jobs.json#row=2")


def test_file_too_large_is_skipped_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("Python " * 50, encoding="utf-8")
    (item,) = read_file(path)
    assert isinstance(item, Skipped)
    assert item.reason == "file has 350 bytes: too large to be a posting (limit 100); split it or use .jsonl/.csv"


def test_posting_text_too_large_in_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(records, "MAX_POSTING_CHARS", 10)
    path = tmp_path / "rows.csv"
    path.write_text("title,description\nA,short\nB," + "x" * 30 + "\n", encoding="utf-8")
    items = list(read_file(path))
    assert isinstance(items[0], Posting)
    assert isinstance(items[1], Skipped)
    assert items[1].reason == "posting has 30 characters: too large to be a posting (limit 10)"


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_symlink_loop_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "postings"
    folder.mkdir()
    (folder / "a.txt").write_text("Python developer", encoding="utf-8")
    (folder / "loop").symlink_to(folder)
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    items = list(read_postings([folder]))
    kinds = [(type(i).__name__, Path(i.source).name, getattr(i, "reason", "")) for i in items]
    assert kinds == [
        ("Posting", "a.txt", ""),
        ("Skipped", "dangling.txt", "broken symbolic link"),
        ("Skipped", "loop", "symbolic link loop: this folder was already read; remove the link"),
    ]


def test_exclude_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "labels.csv").write_text("file,label\n", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "job.txt").write_text("Kafka", encoding="utf-8")
    items = list(read_postings([tmp_path], exclude=["labels.csv"]))
    assert [Path(i.source).name for i in items] == ["job.txt"]


def test_html_to_text_keeps_inline_words_together() -> None:
    html = "<div><p>Use <strong>Py</strong>Torch &amp; <em>SQL</em></p><ul><li>One</li><li>Two</li></ul><script>x()</script></div>"
    assert html_to_text(html) == "Use PyTorch & SQL\n* One\n* Two"


def test_read_text_for_pasted_listings() -> None:
    post = read_text("Senior AI Engineer\n\nBuild agents with LangChain.")
    assert post.title == "Senior AI Engineer"
    assert post.text == "Senior AI Engineer\n\nBuild agents with LangChain."
    assert post.source == "<stdin>"


def test_word_and_pdf_documents(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Senior AI Engineer", level=1)
    document.add_paragraph("Build RAG services with LangChain.", style="List Bullet")
    document.save(str(tmp_path / "listing.docx"))
    (post,) = read_file(tmp_path / "listing.docx")
    assert isinstance(post, Posting)
    assert post.title == "Senior AI Engineer"
    assert "Build RAG services with LangChain." in post.text
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (skipped,) = read_file(tmp_path / "broken.pdf")
    assert isinstance(skipped, Skipped)
    assert skipped.source.endswith("broken.pdf")


def test_semicolon_csv_and_null_description(tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_text("title;description\nA;Python and SQL, daily\n", encoding="utf-8")
    (post,) = read_file(tmp_path / "export.csv")
    assert isinstance(post, Posting)
    assert (post.title, post.text) == ("A", "Python and SQL, daily")
    (tmp_path / "rows.jsonl").write_text('{"description": null}\n', encoding="utf-8")
    (skipped,) = read_file(tmp_path / "rows.jsonl")
    assert isinstance(skipped, Skipped)
    assert skipped.reason == "empty posting: the description is null"


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
def test_undecodable_file_name_and_lone_surrogates_do_not_stop_a_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"job\xff.txt")).write_text("ML Engineer\nTrain ranking models with PyTorch.\n", encoding="utf-8")
    (folder / "esc.jsonl").write_text('{"title": "AI \\udcff", "description": "Build agents \\udcff with LangChain."}\n')
    items = list(read_postings([folder]))
    assert [type(i).__name__ for i in items] == ["Posting", "Posting"]
    assert items[0].text == "Build agents \ufffd with LangChain." and items[0].title == "AI \ufffd"
    assert items[1].source == str(folder) + "/job\ufffd.txt"
    for item in items:
        item.source.encode("utf-8")
        item.text.encode("utf-8")


def test_a_folders_documentation_is_skipped_unless_named(tmp_path: Path) -> None:
    (tmp_path / "PROVENANCE.md").write_text("# Where these postings come from\nScraped in 2024.", encoding="utf-8")
    (tmp_path / "readme.txt").write_text("Notes on the folder.", encoding="utf-8")
    (tmp_path / "job.txt").write_text("Train ranking models with PyTorch.", encoding="utf-8")
    items = list(read_postings([tmp_path]))
    assert [(i.source, i.reason) for i in items if isinstance(i, Skipped)] == [
        (str(tmp_path / "PROVENANCE.md"), "the folder's documentation, not a posting; name the file itself to read it"),
        (str(tmp_path / "readme.txt"), "the folder's documentation, not a posting; name the file itself to read it"),
    ]
    assert [i.source for i in items if isinstance(i, Posting)] == [str(tmp_path / "job.txt")]
    named = list(read_postings([tmp_path / "PROVENANCE.md"]))
    assert [type(i) for i in named] == [Posting]


REPORTS_REASON = (
    "the reports of an earlier skill-analyzer run (summary.json, postings.jsonl...), not postings; "
    "write --out outside the input folders, or name a file in it to read that file"
)


def test_an_earlier_runs_reports_folder_is_skipped_whole(tmp_path: Path) -> None:
    (tmp_path / "job.txt").write_text("Train ranking models with PyTorch.", encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "postings.jsonl").write_text('{"id": "a", "title": "ML", "text": "Train ranking models with PyTorch."}\n')
    (reports / "mentions.csv").write_text("posting_id,skill_id,text,start,end\na,pytorch,PyTorch,28,35\n")
    for name in ("summary.json", "skills.csv", "skipped.csv"):
        (reports / name).write_text("{}" if name.endswith(".json") else "source,reason\n")
    items = list(read_postings([tmp_path]))
    assert [(type(i).__name__, i.source) for i in items] == [("Posting", str(tmp_path / "job.txt")), ("Skipped", str(reports))]
    assert items[1] == Skipped(str(reports), REPORTS_REASON)
    assert list(read_postings([reports])) == [Skipped(str(reports), REPORTS_REASON)]
    named = list(read_postings([reports / "postings.jsonl"]))
    assert [(type(i).__name__, i.source) for i in named] == [("Posting", f"{reports / 'postings.jsonl'}#row=1")]


def test_a_folder_with_only_some_report_names_is_read(tmp_path: Path) -> None:
    (tmp_path / "postings.jsonl").write_text('{"title": "ML", "description": "Train models."}\n', encoding="utf-8")
    (tmp_path / "summary.json").write_text('{"title": "AI", "description": "Build agents."}', encoding="utf-8")
    assert [i.source for i in read_postings([tmp_path])] == [f"{tmp_path / 'postings.jsonl'}#row=1", str(tmp_path / "summary.json")]


@pytest.mark.parametrize("name", ["pipe.csv", "pipe.jsonl", "pipe.txt"], ids=["csv", "jsonl", "txt"])
def test_a_named_pipe_is_skipped_unread_not_waited_on(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    assert list(read_postings([tmp_path / name])) == [
        Skipped(str(tmp_path / name), "not a regular file (a named pipe, device or socket); pass a file or a folder")
    ]


def test_a_named_pipe_in_a_folder_is_listed_as_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")
    assert list(read_postings([tmp_path])) == [
        Skipped(str(tmp_path / "pipe.csv"), "not a regular file (a named pipe, device or socket); pass a file or a folder")
    ]


def test_csv_with_a_repeated_column_name_reads_the_first_one(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("description,description,title\nTrain ranking models with PyTorch.,x,T\n", encoding="utf-8")
    [posting] = read_postings([path])
    assert isinstance(posting, Posting)
    assert (posting.text, posting.title) == ("Train ranking models with PyTorch.", "T")


def test_jsonl_with_only_an_oversized_line_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("z" * (records.MAX_POSTING_CHARS * 4 + 10), encoding="utf-8")
    assert list(read_postings([path])) == [
        Skipped(f"{path}#row=1", f"line longer than {records.MAX_POSTING_CHARS * 4:,} characters: too large to be a posting")
    ]


def test_utf16_csv_without_bom_and_a_posting_without_words(tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_bytes("title,description\nML Engineer,Train ranking models.\nX,&amp; &lt;\n".encode("utf-16-le"))
    (tmp_path / "symbols.html").write_text("<script>var x = 1;</script><p>&amp; — •</p>", encoding="utf-8")
    items = list(read_postings([tmp_path]))
    assert [(i.source, getattr(i, "text", None) or getattr(i, "reason", None)) for i in items] == [
        (f"{tmp_path / 'rows.csv'}#row=1", "Train ranking models."),
        (f"{tmp_path / 'rows.csv'}#row=2", "empty posting: no letters or digits, only punctuation or symbols"),
        (str(tmp_path / "symbols.html"), "empty posting: no letters or digits, only punctuation or symbols"),
    ]


BOARDS = DATA / "boards"


@pytest.mark.parametrize(
    ("name", "title", "company", "location", "date", "lines"),
    [
        (
            "greenhouse.json",
            "Machine Learning Engineer, Perception",
            None,
            "Boston, MA",
            "2024-03-05",
            ["About the role", "Requirements", "* 3+ years of Python and PyTorch", "* Experience with Kubernetes"],
        ),
        (
            "lever.json",
            "AI Engineer, Copilots",
            None,
            "San Francisco, CA",
            "2024-03-05",
            [
                "You will build LLM-powered agents and integrate them into our accounting product.",
                "What you'll do",
                "* Deploy services on AWS",
                "Requirements",
                "* 4+ years of Python",
                "Additional information",
                "We offer equity and health insurance.",
            ],
        ),
        (
            "workable.json",
            "Senior ML Engineer",
            "Quanta Health",
            "Berlin, Germany",
            "2024-02-20",
            [
                "Train and tune predictive models on clinical data.",
                "Requirements",
                "* Python, scikit-learn and XGBoost",
                "Benefits",
                "30 days of holiday",
            ],
        ),
        ("ashby.json", "Applied ML Engineer", None, "New York, NY", "2024-04-01", ["* Python and TensorFlow"]),
        (
            "smartrecruiters.json",
            "Data Scientist - NLP",
            "Brightwave",
            "Austin, TX, us",
            "2024-01-15",
            [
                "Company Description",
                "Job Description",
                "Build NLP models for document classification.",
                "Qualifications",
                "* Python, spaCy and Hugging Face Transformers",
                "Additional Information",
            ],
        ),
        ("adzuna.json", "Machine Learning Engineer", "Retail Insight Ltd", "London, UK", "2024-02-11", []),
        (
            "usajobs.json",
            "Computer Scientist (Machine Learning)",
            "National Institute of Standards and Technology",
            "Gaithersburg, Maryland",
            "2024-03-01",
            [
                "NIST is seeking a computer scientist to research AI measurement methods.",
                "Duties",
                "* Design and train deep learning models with PyTorch.",
                "Qualifications",
                "Education",
            ],
        ),
        (
            "jobposting.html",
            "Machine Learning Engineer",
            "Zephyr Energy",
            "Denver, CO",
            "2024-02-01",
            ["Build forecasting models with Python.", "* Experience with Snowflake"],
        ),
        ("page.html", "AI Engineer", None, None, None, ["* Build LLM-based assistants with LangChain", "* Python"]),
        ("jobs.tsv", "Computer Vision Engineer", "Optiq", "Austin, TX", "2024-01-09", []),
    ],
    ids=["greenhouse", "lever", "workable", "ashby", "smartrecruiters", "adzuna", "usajobs", "json-ld", "page", "tsv"],
)
def test_job_board_exports(
    name: str, title: str, company: str | None, location: str | None, date: str | None, lines: list[str]
) -> None:
    posting = next(iter(read_file(BOARDS / name)))
    assert isinstance(posting, Posting), posting
    assert (posting.title, posting.company, posting.location, posting.date) == (title, company, location, date)
    text_lines = posting.text.split("\n")
    assert [line for line in text_lines if line in lines] == lines  # all there, in this order
    assert "&lt;" not in posting.text and "<" not in posting.text


def test_job_board_exports_account_for_every_record() -> None:
    items = list(read_postings([BOARDS]))
    assert [item.source.removeprefix(str(BOARDS) + "/") for item in items] == [
        "adzuna.json#row=1",
        "ashby.json#row=1",
        "greenhouse.json#row=1",
        "jobposting.html",
        "jobs.tsv#row=1",
        "jobs.tsv#row=2",
        "lever.json#row=1",
        "page.html",
        "smartrecruiters.json",
        "usajobs.json#row=1",
        "workable.json#row=1",
    ]
    assert [(item.source.rsplit("/", 1)[-1], item.reason) for item in items if isinstance(item, Skipped)] == [
        ("jobs.tsv#row=2", "empty posting: no text")
    ]


def test_saved_page_reads_its_main_content_without_menus_or_doctype() -> None:
    posting = next(iter(read_file(BOARDS / "page.html")))
    assert isinstance(posting, Posting)
    assert posting.text.split("\n")[0] == "AI Engineer"
    assert "Home" not in posting.text and "Similar jobs" not in posting.text and "Copperleaf" not in posting.text


def test_json_wrapping_its_list_deeper_or_under_other_names(tmp_path: Path) -> None:
    workday = tmp_path / "workday.json"
    workday.write_text(json.dumps({"total": 1, "jobPostings": [{"title": "ML Engineer", "jobDescription": "Train models."}]}))
    smart = tmp_path / "smart.json"
    smart.write_text(json.dumps({"offset": 0, "content": [{"name": "AI Engineer", "description": "Build agents."}]}))
    posting = tmp_path / "posting.json"
    posting.write_text(json.dumps({"title": "Data Scientist", "description": "Fit models.", "items": "not a list"}))
    found = [(p.source.rsplit("/", 1)[-1], p.title, p.text) for p in read_postings([tmp_path]) if isinstance(p, Posting)]
    assert found == [
        ("posting.json", "Data Scientist", "Fit models."),
        ("smart.json#row=1", "AI Engineer", "Build agents."),
        ("workday.json#row=1", "ML Engineer", "Train models."),
    ]


@pytest.mark.parametrize(
    ("text", "markdown", "title"),
    [
        ("Senior ML Engineer\nTrain ranking models.", False, "Senior ML Engineer"),
        ("JOB DESCRIPTION\nWe are looking for an AI engineer.", False, None),
        ("**About Acme**\nAcme builds robots.", False, None),
        ("Overview\nTrain ranking models.", False, None),
        ("Key Responsibilities\n- Train models.", False, None),
        ("We're hiring!\nBuild LLM agents.", False, None),
        ("Requirements Engineer\nWrite system requirements.", False, "Requirements Engineer"),
        ("WHAT YOU WILL DO\n- Train models.", False, None),
        ("What you'll bring\n- Python.", False, None),
        ("Preferred Qualifications\n- PyTorch.", False, None),
        ("Skills Engineer\nBuild skill graphs.", False, "Skills Engineer"),
        ("# Job Description\n\nTrain ranking models.", True, None),
        ("# About the role\n\nTrain ranking models.", True, None),
        ("# AI Engineer, Assistants\n\nBuild agents.", True, "AI Engineer, Assistants"),
    ],
)
def test_a_heading_on_the_first_line_is_no_title(text: str, markdown: bool, title: str | None) -> None:
    assert read_text_posting(text, "a.txt", markdown=markdown).title == title


@pytest.mark.parametrize(
    ("text", "markdown", "expected"),
    [
        (
            "Senior AI Engineer\nCompany: Brightline Robotics\nLocation: Austin, TX\n\nAbout the role\nBuild agents.",
            False,
            ("Senior AI Engineer", "Brightline Robotics", "Austin, TX", None, "Senior AI Engineer\n\nAbout the role\nBuild agents."),
        ),
        (
            "# ML Engineer\n\nCompany: Acme\nDate: 2025-01-02\n\nTrain models.",
            True,
            ("ML Engineer", "Acme", None, "2025-01-02", "# ML Engineer\n\nTrain models."),
        ),
        (
            "ML Engineer\nTrain models.\nCompany: Acme",
            False,
            ("ML Engineer", None, None, None, "ML Engineer\nTrain models.\nCompany: Acme"),
        ),
        (
            "ML Engineer\nTitle: Data Scientist\nTrain models.",
            False,
            ("ML Engineer", None, None, None, "ML Engineer\nTitle: Data Scientist\nTrain models."),
        ),
    ],
    ids=["under-a-title", "under-a-markdown-heading", "further-down-is-text", "a-title-line-is-no-block"],
)
def test_metadata_lines_right_under_the_first_line(
    text: str, markdown: bool, expected: tuple[str | None, str | None, str | None, str | None, str]
) -> None:
    # A board's export names the job first, then "Company:" and "Location:": they were read as posting text,
    # so the company went missing from the reports and "Brightline Robotics" counted as the robotics skill.
    post = read_text_posting(text, "a.txt", markdown=markdown)
    assert (post.title, post.company, post.location, post.date, post.text) == expected


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [(None, None), ("", None), (" \n\t ", None), (" Senior\n  AI\tEngineer ", "Senior AI Engineer"), ("t" * (MAX_TITLE + 5), "t" * MAX_TITLE)],
    ids=["none", "empty", "blank", "spaces", "too-long"],
)
def test_clean_title(title: str | None, cleaned: str | None) -> None:
    assert clean_title(title) == cleaned


def test_html_saved_as_txt_is_read_as_text_like_stdin(tmp_path: Path) -> None:
    markup = "<p><strong>About the job</strong></p><ul><li>Train models with PyTorch &amp; XGBoost</li><li>3+ years Python</li></ul>"
    path = tmp_path / "listing.txt"
    path.write_text(markup, encoding="utf-8")
    (posting,) = read_file(path)
    assert isinstance(posting, Posting)
    assert posting.text == "About the job\n* Train models with PyTorch & XGBoost\n* 3+ years Python"
    assert posting.text == read_text(markup).text


def test_markdown_file_with_inline_html_keeps_its_markdown(tmp_path: Path) -> None:
    path = tmp_path / "listing.md"
    path.write_text("# ML Engineer\n\nTrain models with <b>PyTorch</b>.\n", encoding="utf-8")
    (posting,) = read_file(path)
    assert isinstance(posting, Posting)
    assert (posting.title, posting.text) == ("ML Engineer", "# ML Engineer\n\nTrain models with <b>PyTorch</b>.")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Data Engineer\n\nBuild pipelines.", "Data Engineer"),
        ("  ## Senior ML Engineer ##\n\nTrain models.", "Senior ML Engineer"),
        ("# **Senior ML Engineer**\n\nTrain models.", "Senior ML Engineer"),
        ("**Senior ML Engineer**\n\nTrain models.", "Senior ML Engineer"),
        ("__ML Engineer__\nTrain models.", "ML Engineer"),
        ("*Data Scientist* (remote)\nTrain models.", "*Data Scientist* (remote)"),
        ("#hashtag AI\nTrain models.", "#hashtag AI"),
        ("Title: **ML Engineer**\n\nTrain models.", "ML Engineer"),
    ],
    ids=["heading", "heading-h2-closed", "bold-heading", "bold-line", "underscores", "part-italic", "hashtag", "meta-bold"],
)
def test_pasted_markdown_title_loses_its_marks(text: str, title: str) -> None:
    assert read_text(text).title == title


def test_markdown_heading_title_is_the_same_from_stdin_a_txt_file_and_the_web(tmp_path: Path) -> None:
    text = "# Senior AI Engineer\n\nBuild RAG agents with LangChain."
    path = tmp_path / "listing.txt"
    path.write_text(text, encoding="utf-8")
    (from_file,) = read_file(path)
    assert isinstance(from_file, Posting)
    assert from_file.title == read_text(text).title == "Senior AI Engineer"
    assert from_file.text == read_text(text).text == text
