"""The human-readable report, ``report.md``: the run's counts, skill rankings and tables in Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from .html_tables import format_percent, format_points, labelled_by, no_evidence_note
from .model import LABEL_NAMES, LABELS, Skipped

__all__ = ["frame_records", "plural", "render_markdown"]


def _md(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def plural(count: int, noun: str) -> str:
    """``1 duplicate``, ``2 duplicates``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A pandas frame's rows as dicts with string keys."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _by_share(key: str) -> Callable[[dict[str, Any]], tuple[float, str]]:
    return lambda row: (-row[key], row["skill_id"])


def render_markdown(
    summary: dict[str, Any], frame: pd.DataFrame, skipped: list[Skipped], *, top: int = 20, extra: list[str] | None = None
) -> str:
    """The human-readable report, ``report.md``.

    Args:
        summary: The ``summary.json`` object.
        frame: The skill table from :func:`skill_frequencies`.
        skipped: Skipped inputs to list (the first ones).
        top: How many skills the rankings show.
        extra: More lines (the pay and experience sections) to put before the skipped inputs.
    """
    unique = summary["unique_postings"]
    labels = summary["labels"]
    rows = frame_records(frame)
    found = [r for r in rows if r["postings"] > 0]
    lines = [
        "# Skill report",
        "",
        f"Taxonomy `{summary['taxonomy']['name']}` version {summary['taxonomy']['version']}; skill-analyzer {summary['version']}; "
        f"{labelled_by(summary)}."
        + (f" Generated {summary['generated_at']}." if summary.get("generated_at") else ""),
        "",
        f"- Inputs read: {summary['inputs']}",
        f"- Postings analyzed: {summary['postings']} ({unique} unique; {plural(summary['duplicates'], 'duplicate')}: "
        "the same text as an earlier posting, counted once)",
        f"- Inputs skipped: {summary['skipped']}" + (" (listed at the end and in `skipped.csv`)" if summary["skipped"] else ""),
        "",
        "## Labels",
        "",
        f"Labels and shares are over the {unique} unique postings.",
        "",
        "| label | postings | share |",
        "|---|---:|---:|",
    ]
    for label in LABELS:
        percent = format_percent(labels[label] / unique if unique else 0)
        lines.append(f"| {LABEL_NAMES[label]} (`{label}`) | {labels[label]} | {percent} |")
    if summary.get("no_evidence"):
        lines += ["", f"{no_evidence_note(summary['no_evidence'])} (empty, off-topic or non-English text?)."]
    lines += ["", f"## Top {min(top, len(found))} skills", ""]
    lines += [
        f"{len(found)} of {len(rows)} taxonomy skills appear in at least one posting. "
        f"share: of the {unique} unique postings, the share that name the skill at least once.",
        "",
        "| # | skill | category | postings | share |",
        "|---:|---|---|---:|---:|",
    ]
    for rank, row in enumerate(found[:top], start=1):
        lines.append(f"| {rank} | {_md(row['name'])} | {row['category']} | {row['postings']} | {format_percent(row['share'])} |")

    lines += ["", "## Top skills by label", "", "Share of the postings with each label that ask for the skill.", ""]
    lines += ["| # | " + " | ".join(f"{LABEL_NAMES[lb]} ({labels[lb]})" for lb in LABELS) + " |", "|---:|---|---|---|"]
    columns = []
    for label in LABELS:
        key = f"share_{label}"
        ranked = sorted((r for r in rows if r[key] > 0), key=_by_share(key))
        columns.append([f"{_md(r['name'])} {format_percent(r[key])}" for r in ranked[:15]])
    for rank in range(max((len(c) for c in columns), default=0)):
        cells = [c[rank] if rank < len(c) else "" for c in columns]
        lines.append(f"| {rank + 1} | " + " | ".join(cells) + " |")

    if labels["ai"] and labels["ml"]:
        lines += [
            "",
            "## Skills that set the roles apart",
            "",
            "Largest differences between the share of AI-labelled and ML-labelled postings that ask for a skill.",
            "",
            "| more in AI postings | AI | ML | | more in ML postings | AI | ML |",
            "|---|---:|---:|---|---|---:|---:|",
        ]
        ai_side = sorted(found, key=lambda r: (r["share_ml"] - r["share_ai"], r["skill_id"]))[:10]
        ml_side = sorted(found, key=lambda r: (r["share_ai"] - r["share_ml"], r["skill_id"]))[:10]
        for a, m in zip(ai_side, ml_side, strict=False):
            lines.append(
                f"| {_md(a['name'])} | {format_percent(a['share_ai'])} | {format_percent(a['share_ml'])} | "
                f"| {_md(m['name'])} | {format_percent(m['share_ai'])} | {format_percent(m['share_ml'])} |"
            )

    article = sorted(
        (r for r in rows if r["article_share"] is not None and not pd.isna(r["article_share"])),
        key=lambda r: (-r["article_share"], r["skill_id"]),
    )
    if article:
        lines += [
            "",
            "## This corpus next to the article",
            "",
            'The article ("AI Engineer vs ML Engineer: Demand, Salaries, and Career Growth in 2025") publishes the share of '
            "AI-engineer postings asking for these skills, without saying how many postings or from when. "
            "all minus article: this corpus's share of all unique postings minus the article's figure, "
            "in percentage points (pts); compare the AI-labelled column too.",
            "",
            "| skill | article | this corpus (all) | AI-labelled | ML-labelled | all minus article |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in article:
            gap = format_points(row["share"], row["article_share"])
            lines.append(
                f"| {_md(row['name'])} | {format_percent(row['article_share'])} | {format_percent(row['share'])} | "
                f"{format_percent(row['share_ai'])} | {format_percent(row['share_ml'])} | {gap} |"
            )
    lines += extra or []
    if skipped:
        lines += ["", "## Skipped inputs", "", "| source | reason |", "|---|---|"]
        lines += [f"| {_md(s.source)} | {_md(s.reason)} |" for s in skipped]
        if summary["skipped"] > len(skipped):
            lines.append(f"\n... and {summary['skipped'] - len(skipped)} more in `skipped.csv`.")
    return "\n".join(lines) + "\n"
