"""The whole job: ingest -> match -> classify -> report.

:class:`Analyzer` holds what is built once (tokenizer, matchers, classifier);
:func:`analyze` runs it over files and folders and writes the outputs,
streaming: postings are written as they are analyzed and aggregates are
kept incrementally, so memory does not grow with the corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .classify import RuleClassifier
from .errors import InputError
from .ingest import ColumnOptions, read_postings, read_text
from .match import SkillMatcher, make_nlp
from .model import Analysis, Posting, Skipped
from .report import ReportWriter
from .sections import split_sections
from .taxonomy import Taxonomy, load_taxonomy

__all__ = ["Analyzer", "RunSummary", "analyze", "analyze_text"]

_BATCH = 256


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run read and wrote."""

    inputs: int
    postings: int
    skipped: int
    duplicates: int
    labels: dict[str, int]
    out_dir: Path


class Analyzer:
    """Finds skills and labels postings; build once, use for many postings.

    Args:
        taxonomy: The taxonomy; the shipped one when None.

    Example:
        >>> analyzer = Analyzer()
        >>> analyzer.analyze_text("Train ranking models with PyTorch.").label
        'ml'
    """

    def __init__(self, taxonomy: Taxonomy | None = None) -> None:
        self.taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
        self.nlp = make_nlp()
        self.matcher = SkillMatcher(self.taxonomy, self.nlp)
        self.classifier = RuleClassifier(self.taxonomy)

    def analyze_posting(self, posting: Posting, *, duplicate_of: str | None = None) -> Analysis:
        """Analyze one posting."""
        return self._analyze(posting, self.matcher.make_doc(posting.text), duplicate_of)

    def analyze_text(self, text: str, *, title: str | None = None, source: str = "<text>") -> Analysis:
        """Analyze a listing given as text (plain text or HTML).

        Raises:
            SkipPosting: The text is empty or too large.
        """
        posting = read_text(text, source)
        if title is not None:
            posting = Posting(posting.id, posting.source, posting.text, title, posting.company, posting.location, posting.date)
        return self.analyze_posting(posting)

    def analyze_postings(self, postings: Iterable[Posting]) -> Iterator[Analysis]:
        """Analyze postings in batches, marking reposts as duplicates of the first one.

        A repost is a posting whose text is the same after normalising case
        and whitespace.
        """
        first_seen: dict[bytes, str] = {}
        batch: list[Posting] = []

        def flush() -> Iterator[Analysis]:
            docs = self.matcher.tokenizer.pipe([p.text for p in batch], batch_size=_BATCH)
            for posting, doc in zip(batch, docs, strict=True):
                key = hashlib.blake2b(
                    " ".join(posting.text.lower().split()).encode("utf-8", "surrogatepass"), digest_size=16
                ).digest()
                duplicate_of = first_seen.setdefault(key, posting.id)
                yield self._analyze(posting, self.matcher.split_glued(doc), None if duplicate_of == posting.id else duplicate_of)
            batch.clear()

        for posting in postings:
            batch.append(posting)
            if len(batch) >= _BATCH:
                yield from flush()
        if batch:
            yield from flush()

    def _analyze(self, posting: Posting, doc: object, duplicate_of: str | None) -> Analysis:
        sections = split_sections(posting.text)
        hits = self.matcher.match(doc, sections)  # type: ignore[arg-type]
        verdict = self.classifier.classify(posting.text, hits, title=posting.title, sections=sections)
        return Analysis(
            posting=posting,
            skills=hits,
            label=verdict.label,
            confidence=verdict.confidence,
            scores=verdict.scores,
            reasons=verdict.reasons,
            duplicate_of=duplicate_of,
        )


def analyze_text(text: str, *, title: str | None = None, taxonomy: Taxonomy | None = None) -> Analysis:
    """Analyze one listing given as text, with a fresh :class:`Analyzer`.

    For many texts build an :class:`Analyzer` once and call its methods.
    """
    return Analyzer(taxonomy).analyze_text(text, title=title)


def analyze(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    *,
    analyzer: Analyzer | None = None,
    columns: ColumnOptions | None = None,
    exclude: Iterable[str] = (),
    on_skip: Callable[[Skipped], None] | None = None,
    on_posting: Callable[[Analysis], None] | None = None,
    tool_version: str = "",
) -> RunSummary:
    """Analyze every posting under the paths and write the reports to ``out_dir``.

    Writes ``postings.jsonl``, ``skipped.csv``, ``skills.csv``,
    ``summary.json`` and ``report.md``. Files are written under temporary
    names and renamed when the run completes, so an interrupted run leaves
    no report that looks complete.

    Args:
        paths: Files and folders of postings.
        out_dir: Where the reports go (created if needed).
        analyzer: A prepared analyzer; a new one with the shipped taxonomy when None.
        columns: Column names to use instead of the usual ones.
        exclude: Glob patterns of files to leave out.
        on_skip: Called for every skipped input (for messages).
        on_posting: Called for every analyzed posting (for progress).
        tool_version: The tool's version, recorded in ``summary.json``.

    Returns:
        Counts of what was read and written.

    Raises:
        InputError: A path does not exist.
    """
    paths = list(paths)
    for path in paths:
        if not Path(path).exists() and not Path(path).is_symlink():
            raise InputError(f"{path}: no such file or folder; check the path.")
    analyzer = analyzer if analyzer is not None else Analyzer()
    inputs: set[str] = set()
    writer = ReportWriter(Path(out_dir), analyzer.taxonomy, tool_version=tool_version)

    def postings() -> Iterator[Posting]:
        for item in read_postings(paths, columns=columns, exclude=exclude):
            inputs.add(item.source.split("#row=")[0])
            if isinstance(item, Skipped):
                writer.add_skipped(item)
                if on_skip is not None:
                    on_skip(item)
            else:
                yield item

    with writer:
        for analysis in analyzer.analyze_postings(postings()):
            writer.add(analysis)
            if on_posting is not None:
                on_posting(analysis)
        writer.finish(inputs=len(inputs))
    return RunSummary(
        inputs=len(inputs),
        postings=writer.postings,
        skipped=writer.skipped,
        duplicates=writer.duplicates,
        labels=dict(writer.labels),
        out_dir=Path(out_dir),
    )
