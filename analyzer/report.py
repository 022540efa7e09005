"""Results -> aggregates -> report files.

:class:`ReportWriter` takes analyzed postings one at a time (rendered by
:func:`render_record`, in the analyzing processes), writes ``postings.jsonl``,
``mentions.csv`` and ``skipped.csv`` as it goes, keeps the skill and label counts
incrementally, and at the end writes ``skills.csv``, ``postings.csv``, ``summary.json``
``report.md`` and ``report.html``. Every file is written under a temporary name and renamed
into place only by :meth:`ReportWriter.finish`. Output is deterministic:
the same input gives the same bytes.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import pandas as pd

from ._version import __version__
from .errors import InputError, OutputError
from .export import MENTION_COLUMNS, mention_rows, posting_row, safe_cell, write_postings_csv
from .html_report import HtmlReport
from .market import MarketStats
from .model import LABELS, Skipped
from .report_markdown import frame_records, render_markdown
from .taxonomy import Taxonomy

__all__ = [
    "SKILL_COLUMNS",
    "RenderedPosting",
    "ReportWriter",
    "rebuild_reports",
    "render_record",
    "skill_frequencies",
]

# One encoder for every line (json.dumps with options builds a new one per call).
_JSON_LINE = json.JSONEncoder(ensure_ascii=False).encode

SKILL_COLUMNS = ["skill_id", "name", "category", "postings", "share", "share_ai", "share_ml", "share_hybrid", "article_share"]


@dataclass(frozen=True, slots=True)
class RenderedPosting:
    """A posting's ``postings.jsonl`` object with its output lines already rendered.

    Rendering is the costly part of writing, so worker processes do it and
    the process that writes only copies the lines.
    """

    record: dict[str, Any]
    #: The ``postings.jsonl`` line, newline included.
    line: str
    #: The posting's ``mentions.csv`` rows.
    mentions: str
    #: The posting's ``postings.csv`` row without the per-skill columns.
    row: str

    def as_duplicate_of(self, first: str) -> RenderedPosting:
        """The same posting marked as a repost of ``first``."""
        return render_record({**self.record, "duplicate_of": first})


def render_record(record: dict[str, Any]) -> RenderedPosting:
    """Render a ``postings.jsonl`` object into its ``postings.jsonl`` line and its CSV rows."""
    mentions, row = io.StringIO(), io.StringIO()
    csv.writer(mentions, lineterminator="\n").writerows(mention_rows(record))
    csv.writer(row, lineterminator="\n").writerow(posting_row(record))
    return RenderedPosting(record, _JSON_LINE(record) + "\n", mentions.getvalue(), row.getvalue())


def skill_frequencies(
    taxonomy: Taxonomy, skill_counts: dict[str, Counter[str]], label_counts: Counter[str], *, decimals: int | None = 4
) -> pd.DataFrame:
    """The skill-frequency table: one row per taxonomy skill.

    Args:
        taxonomy: The taxonomy (every skill gets a row, found or not).
        skill_counts: For each skill id, unique postings that name it, by label.
        label_counts: Unique postings by label.
        decimals: Round the shares to this many decimals (``skills.csv``);
            None keeps them exact, for reports that round them once for display.

    Returns:
        A frame with :data:`SKILL_COLUMNS`, sorted by ``postings`` descending
        then ``skill_id``. Shares are fractions of unique postings (overall
        and within each label), rounded to ``decimals``.
    """
    total = sum(label_counts.values())
    rows = []
    for skill in taxonomy.skills:
        counts = skill_counts.get(skill.id, Counter())
        found = sum(counts.values())
        row: dict[str, Any] = {
            "skill_id": skill.id,
            "name": skill.name,
            "category": skill.category,
            "postings": found,
            "share": _share(found, total, decimals),
        }
        for label in LABELS:
            row[f"share_{label}"] = _share(counts[label], label_counts[label], decimals)
        row["article_share"] = skill.article_share
        rows.append(row)
    frame = pd.DataFrame(rows, columns=SKILL_COLUMNS)
    return frame.sort_values(["postings", "skill_id"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


def _share(part: int, whole: int, decimals: int | None) -> float:
    if not whole:
        return 0.0
    return part / whole if decimals is None else round(part / whole, decimals)


class ReportWriter:
    """Write a run's outputs incrementally.

    Use as a context manager; call :meth:`finish` to complete the run. When
    the block exits without ``finish`` (an error, an interrupt), the
    temporary files are removed and no report is left behind.

    Args:
        out_dir: The output folder (created if needed).
        taxonomy: The taxonomy used (for the skill table and the summary).
        tool_version: Recorded in ``summary.json``.
        include_text: Write each posting's text into ``postings.jsonl``.
        top_skill_columns: How many of the top skills get a column in ``postings.csv``.
        html_postings: How many postings ``report.html`` lists with their text.
        timestamp: When given, recorded as ``generated_at`` in ``summary.json``
            and shown in the reports (off by default: same input, same bytes).
        model: The model file that labelled the postings (``"default"`` for
            the one shipped in the package); None when the rule score did.
            Recorded in ``summary.json`` and named in the reports.
    """

    def __init__(
        self,
        out_dir: Path,
        taxonomy: Taxonomy,
        *,
        tool_version: str = __version__,
        include_text: bool = True,
        top_skill_columns: int = 20,
        html_postings: int = 2000,
        timestamp: str | None = None,
        model: str | None = None,
    ) -> None:
        self.out_dir = out_dir
        self.taxonomy = taxonomy
        self.model = model
        self.tool_version = tool_version
        self.include_text = include_text
        self.top_skill_columns = top_skill_columns
        self.timestamp = timestamp
        self.html = HtmlReport(max_postings=html_postings)
        self.market = MarketStats()
        self.postings = 0
        self.duplicates = 0
        self.skipped = 0
        self.labels: Counter[str] = Counter({label: 0 for label in LABELS})
        self.no_evidence = 0  # unique postings labelled with confidence 0: no skill or duty leaned either way
        self.skill_counts: dict[str, Counter[str]] = {}
        self._skipped_rows: list[Skipped] = []
        self._tmp: dict[str, Path] = {}
        self._jsonl: IO[str] | None = None
        self._skipped: IO[str] | None = None
        self._mentions: IO[str] | None = None
        # postings.csv rows without the per-skill columns, known only at the end.
        self._rows_path = out_dir / f".postings-rows.{os.getpid()}.tmp"
        self._rows: IO[str] | None = None
        self._skipped_csv: Any = None
        self._done = False

    def __enter__(self) -> ReportWriter:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self._jsonl = self._open("postings.jsonl")
            self._skipped = self._open("skipped.csv")
            self._mentions = self._open("mentions.csv")
            self._rows = self._rows_path.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            self.__exit__(None, None, None)
            raise self._cannot_write(exc) from None
        csv.writer(self._mentions, lineterminator="\n").writerow(MENTION_COLUMNS)
        self._skipped_csv = csv.writer(self._skipped, lineterminator="\n")
        self._skipped_csv.writerow(["source", "reason"])
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        for handle in (self._jsonl, self._skipped, self._mentions, self._rows):
            if handle is not None and not handle.closed:
                handle.close()
        for tmp in [self._rows_path, *([] if self._done else self._tmp.values())]:
            with contextlib.suppress(OSError):  # the folder may be missing: it could not be made
                tmp.unlink(missing_ok=True)

    def _cannot_write(self, exc: OSError) -> OutputError:
        in_the_way = isinstance(exc, (FileExistsError, NotADirectoryError)) or (
            self.out_dir.exists() and not self.out_dir.is_dir()
        )
        reason = "a file is in the way" if in_the_way else exc.strerror or str(exc)
        return OutputError(f"{self.out_dir}: cannot write the reports here ({reason}); pass --out a folder you can write to.")

    def _open(self, name: str) -> IO[str]:
        tmp = self.out_dir / f".{name}.{os.getpid()}.tmp"
        self._tmp[name] = tmp
        return tmp.open("w", encoding="utf-8", newline="")

    def add_record(self, record: dict[str, Any]) -> None:
        """Record one analyzed posting given as its ``postings.jsonl`` object."""
        self.add_rendered(render_record(record))

    def add_rendered(self, posting: RenderedPosting) -> None:
        """Record one analyzed posting already rendered by :func:`render_record`."""
        assert self._jsonl and self._mentions and self._rows, "use ReportWriter as a context manager"
        record = posting.record
        self._jsonl.write(posting.line)
        self._mentions.write(posting.mentions)
        self._rows.write(posting.row)
        self.html.add(record)
        self.postings += 1
        if record["duplicate_of"] is not None:
            self.duplicates += 1
            return
        label = record["label"]
        self.labels[label] += 1
        if record["confidence"] == 0:
            self.no_evidence += 1
        self.market.add(record)
        for skill in record["skills"]:
            counts = self.skill_counts.get(skill["id"])
            if counts is None:
                counts = self.skill_counts[skill["id"]] = Counter()
            counts[label] += 1

    def add_skipped(self, skipped: Skipped) -> None:
        """Record one input that could not be analyzed."""
        assert self._skipped_csv is not None, "use ReportWriter as a context manager"
        self._skipped_csv.writerow([safe_cell(skipped.source), safe_cell(skipped.reason)])
        self.skipped += 1
        if len(self._skipped_rows) < 200:
            self._skipped_rows.append(skipped)

    def finish(self, *, inputs: int) -> None:
        """Write the aggregate reports and move every file into place.

        Raises:
            OutputError: A file cannot be written (a full disk, for example).
        """
        try:
            self._finish(inputs)
        except OSError as exc:
            raise self._cannot_write(exc) from None

    def _finish(self, inputs: int) -> None:
        for handle in (self._jsonl, self._skipped, self._mentions, self._rows):
            if handle is not None:
                handle.close()
        # The reports round each exact share once for display; skills.csv keeps 4 decimals.
        frame = skill_frequencies(self.taxonomy, self.skill_counts, self.labels, decimals=None)
        top = [str(s) for s in frame[frame["postings"] > 0]["skill_id"].head(self.top_skill_columns)]
        with self._open("postings.csv") as handle:
            write_postings_csv(self._rows_path, handle, top)
        with self._open("skills.csv") as handle:
            rounded = skill_frequencies(self.taxonomy, self.skill_counts, self.labels)
            texts = {column: rounded[column].map(safe_cell) for column in ("name", "category")}
            rounded.assign(**texts).to_csv(handle, index=False, lineterminator="\n", float_format="%.4g")
        summary = self.summary(inputs)
        # The reports name categories as the taxonomy does ("Model building practices", not ml_practices).
        frame = frame.assign(category=[self.taxonomy.categories.get(c, c) for c in frame["category"]])
        named = [(str(r["skill_id"]), str(r["name"])) for r in frame_records(frame.head(15)) if r["postings"] > 0]
        tables = self.market.tables(named)
        with self._open("summary.json") as handle:
            handle.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
        with self._open("report.md") as handle:
            handle.write(
                render_markdown(summary, frame, self._skipped_rows, extra=[line for t in tables for line in t.markdown()])
            )
        with self._open("report.html") as handle:
            handle.write(self.html.render(summary, frame, tables=tables, skipped=self._skipped_rows))
        for name, tmp in self._tmp.items():
            os.replace(tmp, self.out_dir / name)
        self._done = True

    def summary(self, inputs: int) -> dict[str, Any]:
        """The ``summary.json`` object."""
        return {
            "inputs": inputs,
            "postings": self.postings,
            "unique_postings": self.postings - self.duplicates,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "labels": {label: self.labels[label] for label in LABELS},
            "no_evidence": self.no_evidence,
            "taxonomy": {"name": self.taxonomy.name, "version": self.taxonomy.version},
            "classifier": "rules" if self.model is None else "model",
            "version": self.tool_version,
        } | ({"model": self.model} if self.model is not None else {}) | ({"generated_at": self.timestamp} if self.timestamp else {})


def rebuild_reports(
    results_dir: Path,
    taxonomy: Taxonomy,
    *,
    tool_version: str = __version__,
    timestamp: str | None = None,
    model: str | None = None,
) -> dict[str, Any]:
    """Rebuild every report of an earlier run from its ``postings.jsonl``, without re-analyzing.

    ``skipped.csv``, the ``inputs`` count and the model of ``summary.json``
    are carried over when they are there. All files are rewritten atomically.

    Args:
        results_dir: The earlier run's output folder.
        taxonomy: The taxonomy for the skill table (the one the run used).
        tool_version: Recorded in ``summary.json``.
        timestamp: Recorded as ``generated_at`` when given.
        model: The model that labelled the postings, as for
            :class:`ReportWriter` (default: the earlier summary's).

    Returns:
        The new ``summary.json`` object.

    Raises:
        InputError: There is no readable ``postings.jsonl`` in the folder.
    """
    jsonl = results_dir / "postings.jsonl"
    if not jsonl.is_file():
        raise InputError(f"{results_dir}: no postings.jsonl here; pass the --out folder of an earlier analyze run.")
    old_summary = results_dir / "summary.json"
    inputs: int | None = None
    if old_summary.is_file():
        try:
            old = json.loads(old_summary.read_text(encoding="utf-8"))
            inputs = int(old["inputs"])
            if model is None and old.get("classifier") == "model" and old.get("model"):
                model = str(old["model"])
        except (ValueError, KeyError, TypeError):
            inputs = None
    skipped = _read_skipped(results_dir / "skipped.csv")
    sources: set[str] = set()
    with (
        ReportWriter(results_dir, taxonomy, tool_version=tool_version, timestamp=timestamp, model=model) as writer,
        jsonl.open("rb") as lines,
    ):
        for number, raw in enumerate(lines, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{jsonl}: line {number} is not UTF-8; rerun analyze to write it again.") from None
            try:
                record = json.loads(line)
                writer.add_record(record)
            except KeyError as exc:
                raise InputError(f"{jsonl}: line {number} is not a postings.jsonl record (no {exc} key).") from None
            except (ValueError, TypeError) as exc:
                raise InputError(f"{jsonl}: line {number} is not a postings.jsonl record ({exc}).") from None
            sources.add(str(record["source"]).split("#row=")[0])
        for item in skipped:
            writer.add_skipped(item)
            sources.add(item.source.split("#row=")[0])
        writer.finish(inputs=inputs if inputs is not None else len(sources))
        return writer.summary(inputs if inputs is not None else len(sources))


def _read_skipped(path: Path) -> list[Skipped]:
    """The rows of an earlier run's ``skipped.csv`` (none when there is no such file)."""
    if not path.is_file():
        return []
    fix = "rerun analyze to write it again."
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            if header[:2] != ["source", "reason"]:
                raise InputError(f"{path}: not a skipped.csv (its header is {', '.join(header)}, not source, reason); {fix}")
            return [Skipped(str(row["source"]), str(row["reason"])) for row in reader]
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8; {fix}") from None
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV ({exc}); {fix}") from None
