from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import docx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pypdf import PdfReader, PdfWriter

from analyzer import Analyzer, records
from analyzer.classify import calibrated, shipped_confidence_table
from analyzer.documents import docx_to_text, pdf_to_text
from analyzer.errors import EmptyDocument, SkipPosting
from analyzer.report import SKILL_COLUMNS
from analyzer.taxonomy import Taxonomy
from analyzer.web import UPLOAD_SUFFIXES, create_app

AI_LISTING = (
    "Senior AI Engineer\n\n"
    "Build LLM-powered applications and RAG agents with LangChain, and deploy them on Azure behind REST APIs."
)
AI_SKILLS = ["llm", "rag", "ai_agents", "llm_frameworks", "azure", "apis"]
ML_LISTING = (
    "Machine Learning Engineer\n\n"
    "Train and tune ranking models with PyTorch and scikit-learn. Feature engineering and model evaluation on Spark."
)
ML_SKILLS = ["machine_learning", "recommender_systems", "pytorch", "scikit_learn", "feature_engineering", "model_training", "spark"]
# The keys the README documents for a postings.jsonl object.
RECORD_KEYS = {
    "id",
    "source",
    "title",
    "company",
    "location",
    "date",
    "duplicate_of",
    "label",
    "confidence",
    "scores",
    "skills",
    "reasons",
    "text",
}
LIMIT = 2 * 1024 * 1024
SUPPORTED = ".txt, .md, .markdown, .html, .htm, .pdf, .docx"
TOO_LARGE = (
    "request body too large: the limit is 2,097,152 bytes (2 MB); upload a smaller file or send fewer postings per request"
)


def make_pdf(lines: list[str], *, image: bool = False) -> bytes:
    """A one-page PDF whose text object writes each line below the previous one (Helvetica, no embedded font).

    With ``image``, the page also draws a 1x1 grey image, as a scan would.
    """

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    operators = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td", *(f"({escape(line)}) Tj T*" for line in lines), "ET"]
    if image:
        operators += ["q 468 0 0 648 72 72 cm /Im1 Do Q"]
    stream = "\n".join(operators).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> %s>> >>" % (b"/XObject << /Im1 6 0 R >> " if image else b""),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>"
        b"\nstream\n\x80\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_docx() -> bytes:
    """A Word document with a heading, a paragraph, a bullet and a two-by-two table."""
    document = docx.Document()
    document.add_heading("ML Engineer", level=1)
    document.add_paragraph("Train ranking models with PyTorch.")
    document.add_paragraph("Feature engineering on Spark", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Skill", (0, 1): "Years", (1, 0): "scikit-learn", (1, 1): "3"}.items():
        table.cell(row, col).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def encrypt_pdf(data: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def app(analyzer: Analyzer) -> FastAPI:
    return create_app(analyzer)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def skill_ids(record: dict[str, Any]) -> list[str]:
    return [skill["id"] for skill in record["skills"]]


# ---- pages -------------------------------------------------------------------------------------


def test_index_is_a_form_with_no_external_assets(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-security-policy"].startswith("default-src 'none'; style-src 'unsafe-inline'")
    page = response.text
    assert '<form method="post" action="classify" enctype="multipart/form-data">' in page
    assert '<textarea id="text" name="text"' in page
    assert '<input id="title" name="title" type="text"' in page
    assert f'<input id="file" name="file" type="file" accept="{",".join(UPLOAD_SUFFIXES)}">' in page
    assert "<script" not in page
    assert re.findall(r"(?:src|href)=\"(?:https?:)?//", page) == []
    assert "@import" not in page and "url(" not in page


def test_result_page_opened_again_by_get_goes_back_to_the_form(client: TestClient) -> None:
    response = client.get("/classify", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "./")
    followed = client.get("/classify")
    assert followed.status_code == 200
    assert '<form method="post" action="classify" enctype="multipart/form-data">' in followed.text
    assert "/classify" in client.get("/openapi.json").json()["paths"]
    assert list(client.get("/openapi.json").json()["paths"]["/classify"]) == ["post"]


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_docs_and_openapi(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert sorted(paths) == ["/", "/api/analyze", "/api/classify", "/api/taxonomy", "/classify", "/healthz"]
    assert sorted(paths["/api/classify"]["post"]["requestBody"]["content"]) == ["application/json", "multipart/form-data"]


def test_result_page_escapes_the_listing(client: TestClient) -> None:
    text = "<script>alert(1)</script>\nWe train ranking models with PyTorch."
    response = client.post("/classify", data={"text": text, "title": "<b>ML</b> Engineer"})
    assert response.status_code == 200
    page = response.text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>ML</b>" not in page
    assert "<h1>&lt;b&gt;ML&lt;/b&gt; Engineer</h1>" in page
    assert "<script" not in page


def test_result_page_shows_badge_highlights_and_categories(client: TestClient, taxonomy: Taxonomy) -> None:
    response = client.post("/classify", data={"text": ML_LISTING, "title": ""}, files={"file": ("", b"", "application/octet-stream")})
    assert response.status_code == 200
    page = response.text
    assert '<span class="badge badge-ml" id="label" data-label="ml">ML-engineer-leaning</span>' in page
    ml_top = calibrated(1.0, shipped_confidence_table(taxonomy)["ml"])
    assert f'<span class="confidence" id="confidence">confidence {ml_top:.2f}</span>' in page
    assert '<mark class="lean-ml" data-skill="pytorch" title="PyTorch (ML-leaning)">PyTorch</mark>' in page
    assert '<mark class="lean-both" data-skill="spark" title="Apache Spark (both roles)">Spark</mark>' in page
    assert f"<h3>{taxonomy.categories['ml_frameworks']}</h3>" in page
    assert "<h2>Skills (7)</h2>" in page
    assert page.count('<li class="skill ') == 7
    assert '<ol class="reasons"><li>AI evidence 0.00 vs ML evidence 2.14' in page


def test_result_page_for_an_ai_listing(client: TestClient) -> None:
    page = client.post("/classify", data={"text": AI_LISTING}).text
    assert '<span class="badge badge-ai" id="label" data-label="ai">AI-engineer-leaning</span>' in page
    # LangChain counts for LLMs too (implies): one mark names both, the skill it names first.
    assert (
        '<mark class="lean-ai" data-skill="llm_frameworks llm" '
        'title="LLM orchestration frameworks (LangChain, LlamaIndex) (AI-leaning); LLMs (AI-leaning)">LangChain</mark>'
    ) in page
    assert '<mark class="lean-ai" data-skill="azure" title="Azure (AI-leaning)">Azure</mark>' in page


def test_result_page_shows_level_and_pay_as_classify_does(client: TestClient) -> None:
    listing = AI_LISTING + "\nRequirements:\n* 5+ years of Python\n\nThe salary range is $150,000 - $180,000 <b>per year</b>.\n"
    page = client.post("/classify", data={"text": listing, "title": "Senior AI Engineer"}).text
    assert (
        '<dl class="facts" id="facts"><dt>Level</dt><dd>senior, at least 5 years asked</dd>'
        "<dt>Pay</dt><dd>$150,000 - $180,000 per year</dd></dl>"
    ) in page
    record = client.post("/api/classify", json={"text": listing, "title": "Senior AI Engineer"}).json()
    assert (record["seniority"], record["min_years"], [pay["text"] for pay in record["pay"]]) == (
        "senior",
        5,
        ["$150,000 - $180,000 per year"],
    )


def test_result_page_shows_company_place_and_date(client: TestClient) -> None:
    listing = "Title: ML Engineer\nCompany: Acme <Labs>\nLocation: Berlin\nDate: 2024-05-01\n\nTrain ranking models with PyTorch."
    page = client.post("/classify", data={"text": listing}).text
    assert (
        '<dl class="facts" id="facts"><dt>Company</dt><dd>Acme &lt;Labs&gt;</dd><dt>Location</dt><dd>Berlin</dd>'
        "<dt>Posted</dt><dd>2024-05-01</dd></dl>"
    ) in page


def test_result_page_without_level_or_pay_has_no_facts(client: TestClient) -> None:
    page = client.post("/classify", data={"text": "Train ranking models with PyTorch."}).text
    assert 'id="facts"' not in page


@pytest.mark.parametrize("text", ["", "   \n\t", "<p> </p>"], ids=["empty", "blank", "empty-html"])
def test_result_page_for_empty_text(client: TestClient, text: str) -> None:
    response = client.post("/classify", data={"text": text})
    assert response.status_code == 200
    page = response.text
    assert '<span class="badge badge-hybrid" id="label" data-label="hybrid">Hybrid AI and ML engineer</span>' in page
    assert '<span class="confidence" id="confidence">confidence 0.00</span>' in page
    assert "<h2>Skills (0)</h2>" in page
    assert "No skill from the taxonomy was found in this listing." in page


def test_result_page_for_text_without_skills(client: TestClient) -> None:
    page = client.post("/classify", data={"text": "Cashier wanted for our bakery, weekends only."}).text
    assert 'data-label="hybrid">Hybrid AI and ML engineer</span>' in page
    assert "confidence 0.00" in page
    assert "<mark" not in page.split('<div class="listing"')[1]


def test_form_upload_of_unsupported_type_is_415_page(client: TestClient) -> None:
    response = client.post("/classify", data={"text": "kept"}, files={"file": ("setup.exe", b"MZ\x90\x00", "application/octet-stream")})
    assert response.status_code == 415
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert f"unsupported file type &#x27;.exe&#x27;; supported: {SUPPORTED}" in response.text
    assert ">kept</textarea>" in response.text


def test_form_too_large_is_413_page(client: TestClient) -> None:
    response = client.post(
        "/classify", data={"text": "x" * LIMIT}, headers={"accept": "text/html,application/xhtml+xml"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert TOO_LARGE in response.text


# ---- /api/classify ------------------------------------------------------------------------------


def test_api_classify_ai_listing(client: TestClient, analyzer: Analyzer) -> None:
    response = client.post("/api/classify", json={"text": AI_LISTING})
    assert response.status_code == 200
    record = response.json()
    assert record["label"] == "ai"
    assert record["confidence"] == round(calibrated(1.0, shipped_confidence_table(analyzer.taxonomy)["ai"]), 3)
    assert record["title"] == "Senior AI Engineer"
    assert record["source"] == "<pasted>"
    assert skill_ids(record) == AI_SKILLS
    assert record == analyzer.analyze_text(AI_LISTING, source="<pasted>").to_dict(include_text=True)


def test_api_classify_ml_listing_with_title(client: TestClient) -> None:
    record = client.post("/api/classify", json={"text": ML_LISTING, "title": "  Staff   ML Engineer "}).json()
    assert record["label"] == "ml"
    assert record["title"] == "Staff ML Engineer"
    assert skill_ids(record) == ML_SKILLS


def test_api_classify_returns_the_postings_jsonl_object(client: TestClient, analyzer: Analyzer) -> None:
    record = client.post("/api/classify", json={"text": ML_LISTING}).json()
    assert RECORD_KEYS <= set(record)
    assert set(record) == set(analyzer.analyze_text(ML_LISTING).to_dict(include_text=True))
    assert isinstance(record["id"], str) and len(record["id"]) == 16
    assert set(record["scores"]) == {"ai", "ml"}
    assert record["text"] == ML_LISTING
    first = record["skills"][0]
    assert {"id", "name", "category", "count", "mentions"} <= set(first)
    mention = first["mentions"][0]
    assert record["text"][mention["start"] : mention["end"]] == mention["text"]


def test_api_classify_pasted_markdown_heading_is_the_title(client: TestClient) -> None:
    record = client.post("/api/classify", json={"text": "# Senior AI Engineer\n\n" + AI_LISTING.split("\n\n")[1]}).json()
    assert (record["title"], record["label"]) == ("Senior AI Engineer", "ai")
    assert skill_ids(record) == AI_SKILLS


@pytest.mark.parametrize("text", ["", "  \n "], ids=["empty", "blank"])
def test_api_classify_empty_text_is_nothing_found(client: TestClient, text: str) -> None:
    response = client.post("/api/classify", json={"text": text})
    assert response.status_code == 200
    record = response.json()
    assert (record["label"], record["confidence"], record["skills"], record["text"]) == ("hybrid", 0.0, [], "")
    assert record["reasons"][0] == "the listing is empty: there is no text to analyze"


def test_api_classify_multipart_text_field(client: TestClient) -> None:
    record = client.post("/api/classify", data={"text": AI_LISTING}).json()
    assert skill_ids(record) == AI_SKILLS


def test_api_classify_bad_json_is_422(client: TestClient) -> None:
    response = client.post("/api/classify", json={"title": "no text"})
    assert response.status_code == 422
    assert response.json() == {"detail": [{"loc": ["text"], "msg": "Field required", "type": "missing"}]}
    response = client.post("/api/classify", content=b"{", headers={"content-type": "application/json"})
    assert response.status_code == 422


def test_api_classify_other_content_type_is_415(client: TestClient) -> None:
    response = client.post("/api/classify", content=b"hello", headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert response.json() == {
        "detail": "unsupported content type 'text/plain'; send application/json or multipart/form-data"
    }


def test_api_classify_malformed_multipart_is_400(client: TestClient) -> None:
    response = client.post("/api/classify", content=b"--x\r\n", headers={"content-type": "multipart/form-data"})
    assert response.status_code == 400
    assert response.json() == {"detail": "malformed form: Missing boundary in multipart."}


def test_api_classify_posting_too_long_is_422(client: TestClient) -> None:
    response = client.post("/api/classify", json={"text": "Python " * 30_000})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "<pasted>: posting has 209,999 characters: too large to be a posting (limit 200,000)"
    }


# ---- uploads ------------------------------------------------------------------------------------


def test_upload_pdf(client: TestClient) -> None:
    pdf = make_pdf(["Senior AI Engineer", "Build LLM-powered applications and RAG agents with LangChain,", "and deploy them on Azure behind REST APIs."])
    response = client.post("/api/classify", files={"file": ("listing.pdf", pdf, "application/pdf")})
    assert response.status_code == 200
    record = response.json()
    assert (record["source"], record["title"], record["label"]) == ("listing.pdf", "Senior AI Engineer", "ai")
    assert skill_ids(record) == AI_SKILLS


def test_upload_pdf_to_the_form(client: TestClient) -> None:
    pdf = make_pdf(["Machine Learning Engineer", "Train ranking models with PyTorch."])
    page = client.post("/classify", files={"file": ("C:\\fakepath\\ml.pdf", pdf, "application/pdf")}).text
    assert 'data-label="ml">ML-engineer-leaning</span>' in page
    assert '<p class="meta">From ml.pdf</p>' in page
    assert 'data-skill="pytorch"' in page


def test_upload_docx(client: TestClient) -> None:
    response = client.post(
        "/api/classify",
        data={"title": "Recommendations ML Engineer"},
        files={"file": ("listing.docx", make_docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")},
    )
    assert response.status_code == 200
    record = response.json()
    assert (record["source"], record["title"], record["label"]) == ("listing.docx", "Recommendations ML Engineer", "ml")
    assert skill_ids(record) == ["machine_learning", "recommender_systems", "pytorch", "feature_engineering", "scikit_learn"]
    assert record["text"] == "ML Engineer\nTrain ranking models with PyTorch.\n* Feature engineering on Spark\nSkill\nYears\nscikit-learn\n3"


@pytest.mark.parametrize(
    ("name", "data", "media"),
    [
        ("listing.txt", AI_LISTING.encode("utf-8-sig"), "text/plain"),
        ("listing.md", ("# Senior AI Engineer\n\n" + AI_LISTING.split("\n\n")[1]).encode(), "text/markdown"),
        ("listing.html", f"<html><body><h1>Senior AI Engineer</h1><p>{AI_LISTING.split(chr(10))[2]}</p></body></html>".encode(), "text/html"),
        ("LISTING.TXT", AI_LISTING.encode("utf-16"), "text/plain"),
    ],
    ids=["txt-bom", "md", "html", "utf16-upper-suffix"],
)
def test_upload_text_files(client: TestClient, name: str, data: bytes, media: str) -> None:
    record = client.post("/api/classify", files={"file": (name, data, media)}).json()
    assert (record["title"], record["label"]) == ("Senior AI Engineer", "ai")
    assert skill_ids(record) == AI_SKILLS


@pytest.mark.parametrize("name", ["setup.exe", "listing", "listing.doc", "archive.pdf.zip"])
def test_upload_unsupported_type_is_415(client: TestClient, name: str) -> None:
    response = client.post("/api/classify", files={"file": (name, b"MZ\x90\x00", "application/octet-stream")})
    assert response.status_code == 415
    suffix = "." + name.rsplit(".", 1)[1] if "." in name else "(none)"
    assert response.json() == {"detail": f"unsupported file type {suffix!r}; supported: {SUPPORTED}"}


def test_api_form_without_a_text_field_is_422_naming_the_fields(client: TestClient) -> None:
    response = client.post("/api/classify", data={"description": AI_LISTING, "title": "AI Engineer"})
    assert (response.status_code, response.json()) == (
        422,
        {"detail": "no 'text' or 'file' field in the form (got 'description'); send the listing as 'text'"},
    )
    only_title = client.post("/api/classify", data={"title": "AI Engineer"}).json()
    assert only_title["reasons"][0] == "the listing is empty: there is no text to analyze"


@pytest.mark.parametrize("field", ["upload", "text"])
def test_upload_in_another_field_is_422_not_an_empty_listing(client: TestClient, field: str) -> None:
    response = client.post("/api/classify", files={field: ("listing.txt", AI_LISTING.encode(), "text/plain")})
    assert (response.status_code, response.json()) == (
        422,
        {"detail": f"the file came in the form field {field!r}; send it in the field 'file'"},
    )


def test_upload_corrupt_pdf_is_422(client: TestClient) -> None:
    response = client.post("/api/classify", files={"file": ("broken.pdf", make_pdf(["Python"])[:120], "application/pdf")})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("broken.pdf: damaged PDF, cannot be read (")
    response = client.post("/api/classify", files={"file": ("fake.pdf", b"hello, not a pdf", "application/pdf")})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "fake.pdf: not a PDF file (it does not start with %PDF-); upload the PDF itself or another format"
    }


def test_upload_encrypted_pdf_is_422(client: TestClient) -> None:
    pdf = encrypt_pdf(make_pdf(["Train models with PyTorch."]), "secret")
    response = client.post("/api/classify", files={"file": ("locked.pdf", pdf, "application/pdf")})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "locked.pdf: encrypted PDF: it needs a password; save a copy without the password and upload that"
    }


def test_upload_corrupt_docx_is_422(client: TestClient) -> None:
    response = client.post("/api/classify", files={"file": ("broken.docx", b"PK\x03\x04 truncated", "application/octet-stream")})
    assert response.status_code == 422
    assert response.json() == {
        "detail": "broken.docx: not a .docx file or a damaged one (it is not a valid zip package); re-save it in Word"
    }


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty.txt is empty: there is no text to analyze"),
        ("empty.pdf", b"", "no text found: empty file: no text"),
        ("blank.pdf", make_pdf([]), "no text found: the PDF has no text"),
        (
            "scan.pdf",
            make_pdf([], image=True),
            "no text found: the PDF has no text layer, only images (a scan?); run OCR on it or paste the listing's text instead",
        ),
        ("blank.docx", b"", "no text found: empty file: no text"),
    ],
    ids=["txt", "pdf-zero-bytes", "pdf-no-text", "pdf-image-only", "docx-zero-bytes"],
)
def test_upload_without_text_is_nothing_found(client: TestClient, name: str, data: bytes, reason: str) -> None:
    response = client.post("/api/classify", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code == 200
    record = response.json()
    assert (record["label"], record["confidence"], record["skills"]) == ("hybrid", 0.0, [])
    assert record["reasons"][0] == reason


# ---- limits -------------------------------------------------------------------------------------


def test_body_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post("/api/classify", content=b"x" * (LIMIT + 1), headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json() == {"detail": TOO_LARGE}


def test_upload_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post("/api/classify", files={"file": ("big.txt", b"a" * (LIMIT + 1), "text/plain")})
    assert response.status_code == 413
    assert response.json() == {"detail": TOO_LARGE}


def test_chunked_body_over_the_limit_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(3):
            yield b"x" * (1024 * 1024)

    response = client.post("/api/classify", content=chunks(), headers={"content-type": "application/json"})
    assert response.request.headers.get("content-length") is None
    assert response.status_code == 413
    assert response.json() == {"detail": TOO_LARGE}


def test_body_at_the_limit_gets_through(client: TestClient) -> None:
    prefix, suffix = b'{"text": "', b'"}'
    body = prefix + b"a" * (LIMIT - len(prefix) - len(suffix)) + suffix
    assert len(body) == LIMIT
    response = client.post("/api/classify", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422  # past the size check; too long to be a posting
    assert "too large to be a posting (limit 200,000)" in response.json()["detail"]


def test_limits_are_configurable(analyzer: Analyzer) -> None:
    with TestClient(create_app(analyzer, max_bytes=100, max_batch=1)) as small:
        too_large = small.post("/api/classify", json={"text": "x" * 100})
        assert (too_large.status_code, too_large.json()) == (
            413,
            {
                "detail": "request body too large: the limit is 100 bytes; "
                "upload a smaller file or send fewer postings per request"
            },
        )
        assert "; up to 100 bytes; " in small.get("/").text
        response = small.post("/api/analyze", json={"postings": [{"text": "a"}, {"text": "b"}]})
        assert response.status_code == 422
        assert response.json() == {"detail": "too many postings: 2; send at most 1 per request (split the batch)"}


# ---- /api/analyze and /api/taxonomy ------------------------------------------------------------


def test_api_analyze_two_postings(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"postings": [{"text": AI_LISTING}, {"text": ML_LISTING, "title": "ML Engineer"}]})
    assert response.status_code == 200
    body = response.json()
    assert list(body) == ["postings", "skills", "labels", "skipped"]
    assert body["labels"] == {"ai": 1, "ml": 1, "hybrid": 0}
    assert body["skipped"] == []
    ai, ml = body["postings"]
    assert (ai["source"], ai["label"], skill_ids(ai)) == ("<request>#row=1", "ai", AI_SKILLS)
    assert (ml["source"], ml["label"], ml["title"], skill_ids(ml)) == ("<request>#row=2", "ml", "ML Engineer", ML_SKILLS)
    rows = {row["skill_id"]: row for row in body["skills"]}
    assert sorted(rows) == sorted(AI_SKILLS + ML_SKILLS)
    assert all(list(row) == SKILL_COLUMNS for row in body["skills"])
    assert rows["pytorch"] == {
        "skill_id": "pytorch",
        "name": "PyTorch",
        "category": "ml_frameworks",
        "postings": 1,
        "share": 0.5,
        "share_ai": 0.0,
        "share_ml": 1.0,
        "share_hybrid": 0.0,
        "article_share": None,
    }
    assert rows["azure"]["article_share"] == 0.33


def test_api_analyze_counts_a_repost_once(client: TestClient) -> None:
    body = client.post("/api/analyze", json={"postings": [{"text": AI_LISTING}, {"text": AI_LISTING.upper().lower()}]}).json()
    first, second = body["postings"]
    assert second["duplicate_of"] == first["id"]
    assert body["labels"] == {"ai": 1, "ml": 0, "hybrid": 0}
    assert {row["postings"] for row in body["skills"]} == {1}


def test_api_analyze_too_many_is_422(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"postings": [{"text": "Python"}] * 101})
    assert response.status_code == 422
    assert response.json() == {"detail": "too many postings: 101; send at most 100 per request (split the batch)"}


def test_api_analyze_empty_batch(client: TestClient) -> None:
    body = client.post("/api/analyze", json={"postings": []}).json()
    assert body == {"postings": [], "skills": [], "labels": {"ai": 0, "ml": 0, "hybrid": 0}, "skipped": []}


def test_api_analyze_leaves_empty_and_too_long_listings_out_of_the_counts(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records, "MAX_POSTING_CHARS", len(AI_LISTING) + 10)
    listings = [{"text": " "}, {"text": AI_LISTING}, {"text": "x" * (len(AI_LISTING) + 11)}]
    response = client.post("/api/analyze", json={"postings": listings})
    assert response.status_code == 200
    body = response.json()
    assert body["labels"] == {"ai": 1, "ml": 0, "hybrid": 0}
    assert {row["postings"] for row in body["skills"]} == {1}
    too_long = f"posting has {len(AI_LISTING) + 11:,} characters: too large to be a posting (limit {len(AI_LISTING) + 10:,})"
    assert body["skipped"] == [
        {"source": "<request>#row=1", "reason": "the listing is empty: there is no text to analyze"},
        {"source": "<request>#row=3", "reason": f"not analyzed: {too_long}"},
    ]
    assert [(p["source"], p["skills"], p["reasons"][0]) for p in body["postings"][::2]] == [
        ("<request>#row=1", [], "the listing is empty: there is no text to analyze"),
        ("<request>#row=3", [], f"not analyzed: {too_long}"),
    ]


@pytest.mark.parametrize("route", ["/api/classify", "/api/analyze"])
def test_json_routes_answer_bad_json_alike(client: TestClient, route: str) -> None:
    response = client.post(route, content=b'{"text": "abc', headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": [], "msg": "Invalid JSON: EOF while parsing a string at line 1 column 13", "type": "json_invalid"}]
    }
    response = client.post(route, json=[1])
    assert (response.status_code, response.json()) == (
        422,
        {"detail": [{"loc": [], "msg": "Input should be an object", "type": "model_type"}]},
    )


def test_api_analyze_bad_fields_are_422_without_echoing_the_body(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"postings": [{"text": "Python"}, {"title": "x"}]})
    assert (response.status_code, response.json()) == (
        422,
        {"detail": [{"loc": ["postings", 1, "text"], "msg": "Field required", "type": "missing"}]},
    )


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_api_analyze_other_content_type_is_415(client: TestClient, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = client.post("/api/analyze", content=b'{"postings": []}', headers=headers)
    assert response.status_code == 415
    shown = repr(content_type) if content_type else "'(none)'"
    assert response.json() == {"detail": f"unsupported content type {shown}; send application/json"}


def test_api_analyze_documents_its_json_body(client: TestClient) -> None:
    body = client.get("/openapi.json").json()["paths"]["/api/analyze"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert schema["required"] == ["postings"]
    assert schema["properties"]["postings"]["items"]["required"] == ["text"]


def test_api_taxonomy(client: TestClient, taxonomy: Taxonomy) -> None:
    response = client.get("/api/taxonomy")
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["version"]) == (taxonomy.name, taxonomy.version)
    assert body["categories"] == taxonomy.categories
    assert [s["id"] for s in body["skills"]] == list(taxonomy.skill_ids)
    pytorch = next(s for s in body["skills"] if s["id"] == "pytorch")
    skill = taxonomy.skill("pytorch")
    assert pytorch == {
        "id": "pytorch",
        "name": "PyTorch",
        "category": "ml_frameworks",
        "origin": skill.origin,
        "weights": {"ai": skill.weight_ai, "ml": skill.weight_ml},
        "lean": "ml",
        "article_share": None,
        "aliases": [alias.form for alias in skill.aliases],
    }


# ---- documents ----------------------------------------------------------------------------------


def test_pdf_to_text_reads_lines() -> None:
    assert pdf_to_text(make_pdf(["First line", "Second (with brackets)"]), "a.pdf") == "First line\nSecond (with brackets)"


def test_pdf_with_an_empty_user_password_is_read() -> None:
    assert pdf_to_text(encrypt_pdf(make_pdf(["Python and PyTorch"]), ""), "a.pdf") == "Python and PyTorch"


def test_docx_to_text_keeps_bullets_and_cells_once() -> None:
    document = docx.Document()
    document.add_paragraph("Requirements")
    document.add_paragraph("Python", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Stack"
    table.cell(1, 0).text = "Kafka"
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Airflow"
    buffer = io.BytesIO()
    document.save(buffer)
    assert docx_to_text(buffer.getvalue(), "a.docx") == "Requirements\n* Python\nStack\nKafka\nAirflow"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "an old Word 97-2003 (.doc) file, not .docx; save it as .docx (Word: File > Save As) and upload that"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "encrypted Word document: it needs a password; save a copy without the password and upload that",
        ),
    ],
    ids=["doc", "encrypted"],
)
def test_docx_refuses_ole_files(data: bytes, reason: str) -> None:
    with pytest.raises(SkipPosting) as caught:
        docx_to_text(data, "a.docx")
    assert not isinstance(caught.value, EmptyDocument)
    assert caught.value.reason == reason
