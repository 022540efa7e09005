from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from analyzer.decoding import MIXED, decode_bytes, is_utf8, sniff_encoding, source_name
from analyzer.errors import SkipPosting

WINDOWS_1252 = "We are hiring a data engineer in Zürich. Salary: €90,000 – €110,000 a year, “hybrid” work."


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"caf\xc3\xa9", "café"),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "café"),
        ("café".encode("utf-16"), "café"),
        (WINDOWS_1252.encode("cp1252"), WINDOWS_1252),
        # Short Windows-1252 texts the detector takes for Farsi or Greek stay Windows-1252.
        ("café job".encode("cp1252"), "café job"),
        ("Senior engineer – salary €90,000, “remote”".encode("cp1252"), "Senior engineer – salary €90,000, “remote”"),
        ("Инженер по машинному обучению, Москва. Опыт работы с Python.".encode("cp1251"),
         "Инженер по машинному обучению, Москва. Опыт работы с Python."),
        ("Μηχανικός μηχανικής μάθησης στην Αθήνα, εμπειρία με Python.".encode("cp1253"),
         "Μηχανικός μηχανικής μάθησης στην Αθήνα, εμπειρία με Python."),
        ("Train ranking models with PyTorch.".encode("utf-16-le"), "Train ranking models with PyTorch."),
        ("Train ranking models with PyTorch.".encode("utf-16-be"), "Train ranking models with PyTorch."),
        (b"", ""),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "windows-1252", "short-1252-farsi", "short-1252-greek", "cyrillic-1251",
         "greek-1253", "utf-16-le-no-bom", "utf-16-be-no-bom", "empty"],
)
def test_decode_bytes(data: bytes, text: str) -> None:
    assert decode_bytes(data, "a.txt") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04\x00\x00 zip", "binary file (contains NUL bytes), not a text posting"),
        (b"\xff\xfea\x00\x00\xd8", "cannot decode UTF-16 text; save the file as UTF-8"),
    ],
    ids=["nul-bytes", "broken-utf-16"],
)
def test_decode_bytes_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(SkipPosting) as caught:
        decode_bytes(data, "a.txt")
    assert (caught.value.source, caught.value.reason) == ("a.txt", reason)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"title,text\nA,caf\xc3\xa9\n", "utf-8"),
        (b"\xef\xbb\xbftitle,text\n", "utf-8-sig"),
        ("title,text\n".encode("utf-16"), "utf-16"),
        ("title,text\nA,café – “x”\n".encode("cp1252"), "cp1252"),
        ("title,text\nA,café – “x”\n".encode("cp1252") + "B,Łódź\n".encode(), "utf-8-cp1252"),
        (b"title\n" + "é".encode() * 10 + b"\xc3", "utf-8"),
        ("title,text\nA,Train models\n".encode("utf-16-le"), "utf-16-le"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "windows-1252", "windows-1252-and-utf-8", "utf-8-cut-at-the-end", "utf-16-le-no-bom"],
)
def test_sniff_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(data)
    assert sniff_encoding(path) == encoding


def test_sniff_encoding_refuses_binary(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(b"a,b\n\x00\x01")
    with pytest.raises(SkipPosting) as caught:
        sniff_encoding(path)
    assert (caught.value.source, caught.value.reason) == (str(path), "binary file (contains NUL bytes), not a text posting")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("é€".encode() * 1000, True),
        (b"\xef\xbb\xbf" + "é".encode() * 1000, True),
        ("é".encode() * 1000 + "Köln".encode("cp1252"), False),
        ("é".encode() * 1000 + "é".encode()[:1], False),
        (b"", True),
    ],
    ids=["utf-8", "utf-8-bom", "late-windows-1252", "cut-at-the-end", "empty"],
)
def test_is_utf8_reads_the_whole_file(tmp_path: Path, data: bytes, expected: bool) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(data)
    # Chunks of 7 bytes cut characters apart: those are still valid.
    assert is_utf8(path, chunk_size=7) is expected


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
def test_source_name_shows_undecodable_bytes_as_replacement_characters() -> None:
    assert source_name(os.fsdecode(b"jobs/caf\xe9.txt")) == "jobs/caf\ufffd.txt"
    assert source_name(Path("jobs/café.txt")) == "jobs/café.txt"


def test_mixed_utf8_and_windows_1252_each_part_read_right() -> None:
    # A UTF-8 file with a Windows-1252 line pasted in, and the other way round.
    utf8_first = "Zürich – “hybrid”\n".encode() + "Köln – “remote”\n".encode("cp1252")
    assert decode_bytes(utf8_first, "a.txt") == "Zürich – “hybrid”\nKöln – “remote”\n"
    cp1252_first = "Köln – “remote”\n".encode("cp1252") + "Łódź, Gdańsk\n".encode()
    assert decode_bytes(cp1252_first, "a.txt") == "Köln – “remote”\nŁódź, Gdańsk\n"


def test_mixed_codec_reads_across_chunk_boundaries() -> None:
    text = "é" * 70_000 + "’s " + "€" * 30_000 + "’"
    data = "é".encode() * 70_000 + b"\x92s " + "€".encode() * 30_000 + b"\x92"
    for size in (-1, 1_000, 7):
        with io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + data), encoding=MIXED, newline="") as handle:
            pieces = []
            while piece := handle.read(size):
                pieces.append(piece)
            assert "".join(pieces) == text, size
