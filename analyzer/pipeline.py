"""The whole job: ingest -> match -> classify -> report.

:class:`Analyzer` holds what is built once (tokenizer, matchers, classifier);
:func:`analyze` runs it over files and folders and writes the outputs,
streaming: postings are written as they are analyzed and aggregates are
kept incrementally, so memory does not grow with the corpus.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing as mp
import os
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from spacy.tokens import Doc

from ._version import __version__
from .classify import Classifier, RuleClassifier
from .errors import InputError, ModelError
from .extract import extract_min_years, extract_seniority, requirement_levels
from .ingest import ColumnOptions, read_postings, read_text
from .match import SkillMatcher, make_nlp
from .model import Analysis, Mention, Posting, SkillHit, Skipped
from .pay import extract_pay
from .report import RenderedPosting, ReportWriter, render_record
from .sections import split_sections
from .taxonomy import Taxonomy, load_taxonomy

__all__ = ["Analyzer", "RunSummary", "analyze", "analyze_text", "default_jobs"]

_BATCH = 256
_T = TypeVar("_T")
#: Characters of the first texts tokenized outside memory zones, so that the
#: tokenizer's cache keeps the common words (a cold cache makes tokenizing
#: about five times slower); the vocabulary grows by this much once.
_WARM_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run read and wrote."""

    inputs: int
    postings: int
    skipped: int
    duplicates: int
    labels: dict[str, int]
    out_dir: Path
    no_evidence: int = 0  # of the labelled postings, those with no AI/ML evidence (label a guess, confidence 0)


class Analyzer:
    """Finds skills and labels postings; build once, use for many postings.

    Args:
        taxonomy: The taxonomy; the shipped one when None.
        model: A model file from ``skill-analyzer train`` to label postings
            with instead of the rule score; ``"default"`` for the model shipped
            in the package.

    Raises:
        ModelError: The model file cannot be used with this taxonomy.

    Example:
        >>> analyzer = Analyzer()
        >>> analyzer.analyze_text("Train ranking models with PyTorch.").label
        'ml'
    """

    def __init__(self, taxonomy: Taxonomy | None = None, *, model: str | Path | None = None) -> None:
        self.taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
        self.nlp = make_nlp()
        self.matcher = SkillMatcher(self.taxonomy, self.nlp)
        self.model = None if model is None else str(model)
        self.classifier: Classifier = RuleClassifier(self.taxonomy) if model is None else _load_model(model, self.taxonomy)
        self._warmed = 0

    def _warm_up(self, texts: Sequence[str]) -> None:
        """Tokenize the first texts outside a memory zone so their words stay cached."""
        budget = _WARM_CHARS - self._warmed
        if budget <= 0:
            return
        chosen = []
        for text in texts:
            if budget <= 0:
                break
            chosen.append(text[:budget])
            budget -= len(chosen[-1])
        for _ in self.matcher.tokenizer.pipe(chosen):
            pass
        self._warmed = _WARM_CHARS - budget

    def analyze_posting(self, posting: Posting, *, duplicate_of: str | None = None) -> Analysis:
        """Analyze one posting."""
        self._warm_up([posting.text])
        with self.nlp.memory_zone():
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

    def analyze_postings(self, postings: Iterable[Posting], *, jobs: int = 1) -> Iterator[Analysis]:
        """Analyze postings in batches, marking reposts as duplicates of the first one.

        A repost is a posting whose text is the same after normalising case
        and whitespace. Results come in input order whatever ``jobs`` is.

        Args:
            postings: The postings (read lazily).
            jobs: Processes that analyze (this one and jobs - 1 workers); 1 analyzes here only.
        """
        reposts = _Reposts()
        for batch in self._run_batches(postings, jobs, self.analyze_batch, _analyze_in_worker):
            for analysis in batch:
                first = reposts.first(_repost_key(analysis.posting.text), analysis.posting.id)
                yield analysis if first is None else replace(analysis, duplicate_of=first)

    def render_postings(
        self, postings: Iterable[Posting], *, jobs: int = 1, include_text: bool = True
    ) -> Iterator[RenderedPosting]:
        """Like :meth:`analyze_postings`, but each result comes rendered for the report files.

        The analyzing processes also render (see :func:`~analyzer.report.render_record`),
        so the process that writes the files only copies lines.

        Args:
            postings: The postings (read lazily).
            jobs: Processes that analyze and render.
            include_text: Put each posting's text into its record.
        """
        reposts = _Reposts()
        local = partial(self.render_batch, include_text=include_text)
        for batch in self._run_batches(postings, jobs, local, partial(_render_in_worker, include_text=include_text)):
            for key, rendered in batch:
                first = reposts.first(key, rendered.record["id"])
                yield rendered if first is None else rendered.as_duplicate_of(first)

    def analyze_batch(self, postings: Sequence[Posting]) -> list[Analysis]:
        """Analyze a batch of postings (no duplicate marking)."""
        # Strings and lexemes made for these texts are freed when the zone
        # closes, so the vocabulary does not grow with the corpus.
        self._warm_up([p.text for p in postings])
        with self.nlp.memory_zone():
            docs = self.matcher.make_docs([p.text for p in postings], batch_size=_BATCH)
            return [self._analyze(p, d, None) for p, d in zip(postings, docs, strict=True)]

    def render_batch(self, postings: Sequence[Posting], *, include_text: bool = True) -> list[tuple[bytes, RenderedPosting]]:
        """Analyze and render a batch: each posting's repost key and rendered record (no duplicate marking)."""
        return [
            (_repost_key(a.posting.text), render_record(a.to_dict(include_text=include_text)))
            for a in self.analyze_batch(postings)
        ]

    def _run_batches(
        self,
        postings: Iterable[Posting],
        jobs: int,
        local: Callable[[list[Posting]], list[_T]],
        remote: Callable[[list[Posting]], list[_T]],
    ) -> Iterator[list[_T]]:
        """Results of ``local`` (here) or ``remote`` (in a worker) over batches of postings, in input order."""
        batches = _batched(postings, _BATCH)
        if jobs <= 1:
            yield from map(local, batches)
        else:
            yield from self._map_batches(batches, jobs, local, remote)

    def _map_batches(
        self,
        batches: Iterator[list[Posting]],
        jobs: int,
        local: Callable[[list[Posting]], list[_T]],
        remote: Callable[[list[Posting]], list[_T]],
    ) -> Iterator[list[_T]]:
        """Run batches in ``jobs - 1`` worker processes and in this one, in order.

        This process runs a batch itself whenever the workers have two
        batches each in hand, and the last batch, so that ``jobs`` processes
        analyze while this one also writes the results (a dedicated writer
        would leave a core idle).
        """
        global _WORKER
        _WORKER = self  # inherited by forked workers: nothing to rebuild
        workers = jobs - 1
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        context = mp.get_context(method)
        if method == "fork":
            # Warm the tokenizer's cache once, here, before the workers are forked with it.
            first = next(batches, None)
            if first is None:
                return
            self._warm_up([p.text for p in first])
            batches = itertools.chain([first], batches)
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        else:
            pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(self.taxonomy.path, self.model)
            )
        with pool:
            # Results in input order: a worker's future or a batch done here.
            queue: deque[Future[list[_T]] | list[_T]] = deque()
            in_flight = 0
            ahead = next(batches, None)
            while ahead is not None:
                batch, ahead = ahead, next(batches, None)
                # The last batch is done here while the workers finish theirs.
                if in_flight < 2 * workers and ahead is not None:
                    queue.append(pool.submit(remote, batch))
                    in_flight += 1
                else:
                    queue.append(local(batch))
                while queue and (isinstance(queue[0], list) or queue[0].done()):
                    head = queue.popleft()
                    if isinstance(head, list):
                        yield head
                    else:
                        in_flight -= 1
                        yield head.result()
            while queue:
                head = queue.popleft()
                yield head if isinstance(head, list) else head.result()

    def _analyze(self, posting: Posting, doc: Doc, duplicate_of: str | None) -> Analysis:
        text = posting.text
        sections = split_sections(text)
        found = self.matcher.match(doc, sections)
        spans = [(m.start, m.end) for hit in found for m in hit.mentions]
        levels = iter(requirement_levels(text, spans, sections))
        starts = [s.start for s in sections]
        hits = tuple(
            SkillHit(
                hit.id,
                hit.name,
                hit.category,
                tuple(
                    Mention(m.text, m.start, m.end, sections[max(0, bisect_right(starts, m.start) - 1)].kind, next(levels))
                    for m in hit.mentions
                ),
            )
            for hit in found
        )
        years = extract_min_years(text, sections)
        verdict = self.classifier.classify(text, hits, title=posting.title, sections=sections)
        return Analysis(
            posting=posting,
            skills=hits,
            label=verdict.label,
            confidence=verdict.confidence,
            scores=verdict.scores,
            reasons=verdict.reasons,
            duplicate_of=duplicate_of,
            pay=extract_pay(text),
            min_years=years,
            seniority=extract_seniority(posting.title, text, sections=sections, min_years=years),
        )


_WORKER: Analyzer | None = None


def _init_worker(taxonomy_path: str, model: str | None) -> None:
    global _WORKER
    _WORKER = Analyzer(load_taxonomy(taxonomy_path), model=model)


def _load_model(model: str | Path, taxonomy: Taxonomy) -> Classifier:
    from .model_file import default_model_path, load_model

    if str(model) == "default":
        # Prediction uses only the stored vocabulary and weights, so the
        # shipped model is safe across scikit-learn versions.
        try:
            return load_model(default_model_path(), taxonomy, strict_versions=False)
        except ModelError:  # the shipped file is sound: it was trained with another taxonomy than the one given
            raise ModelError(
                f"the shipped model only works with the shipped taxonomy, not {taxonomy.name} {taxonomy.version} "
                f"({taxonomy.path}); train a model for yours with: skill-analyzer train LABELLED --taxonomy {taxonomy.path} "
                "--out model.json, then pass --model model.json (or use --classifier rules)."
            ) from None
    return load_model(model, taxonomy)


def _analyze_in_worker(batch: list[Posting]) -> list[Analysis]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.analyze_batch(batch)


def _render_in_worker(batch: list[Posting], *, include_text: bool) -> list[tuple[bytes, RenderedPosting]]:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.render_batch(batch, include_text=include_text)


class _Reposts:
    """Remembers the first posting seen with each repost key."""

    def __init__(self) -> None:
        self._first: dict[bytes, str] = {}

    def first(self, key: bytes, posting_id: str) -> str | None:
        """The id of the first posting with this key, or None when it is this one."""
        first = self._first.setdefault(key, posting_id)
        return None if first == posting_id else first


def _repost_key(text: str) -> bytes:
    """A digest of the text with case and whitespace normalised: equal for reposts."""
    return hashlib.blake2b(" ".join(text.lower().split()).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _batched(items: Iterable[Posting], size: int) -> Iterator[list[Posting]]:
    batch: list[Posting] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def default_jobs() -> int:
    """Worker processes to use by default: the number of cores."""
    return max(1, os.cpu_count() or 1)


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
    on_posting: Callable[[dict[str, Any]], None] | None = None,
    tool_version: str = __version__,
    jobs: int = 1,
    timestamp: str | None = None,
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
        on_posting: Called with every analyzed posting's ``postings.jsonl`` object (for progress).
        tool_version: The tool's version, recorded in ``summary.json``.
        jobs: Processes that analyze (the output is the same for any number).
        timestamp: Recorded in the reports when given (off by default).

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
    writer = ReportWriter(Path(out_dir), analyzer.taxonomy, tool_version=tool_version, timestamp=timestamp, model=analyzer.model)

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
        for rendered in analyzer.render_postings(postings(), jobs=jobs, include_text=writer.include_text):
            writer.add_rendered(rendered)
            if on_posting is not None:
                on_posting(rendered.record)
        writer.finish(inputs=len(inputs))
    return RunSummary(
        inputs=len(inputs),
        postings=writer.postings,
        skipped=writer.skipped,
        duplicates=writer.duplicates,
        labels=dict(writer.labels),
        out_dir=Path(out_dir),
        no_evidence=writer.no_evidence,
    )
