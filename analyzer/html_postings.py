"""The report's postings section: a table of the kept postings and each one's detail view.

:func:`keep_posting` takes from a ``postings.jsonl`` record what the section
shows; :func:`render_postings` lays out the table, then every posting with
its skill mentions highlighted in its text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from .html_tables import render_label_tag, render_table

__all__ = ["TITLE_CHARS", "KeptPosting", "keep_posting", "render_postings", "shorten_title"]

TITLE_CHARS = 150
"""The most characters of a title the postings table shows; the detail view shows it whole."""


@dataclass(frozen=True, slots=True)
class KeptPosting:
    """What the posting table and the detail view need from one record.

    Attributes:
        number: The posting's number in the table (1 for the first unique posting).
        title: The job title, ``(no title)`` when it has none.
        source: Where the posting came from.
        meta: Company, location and date, those the record has.
        label: ``ai``, ``ml`` or ``hybrid``.
        confidence: The label's confidence.
        skills: (name, mentions) of each skill found, the most mentioned first.
        marks: (start, end, skill id, skill name) of each mention, in text order.
        reasons: Why the posting got its label.
        text: The posting's text, None when the record carries none.
    """

    number: int
    title: str
    source: str
    meta: tuple[str, ...]
    label: str
    confidence: float
    skills: tuple[tuple[str, int], ...]
    marks: tuple[tuple[int, int, str, str], ...]
    reasons: tuple[str, ...]
    text: str | None


def keep_posting(record: dict[str, Any], number: int) -> KeptPosting:
    """The parts of a record the table and the detail view show.

    Args:
        record: The posting's object as written to ``postings.jsonl``.
        number: The posting's number in the table.

    Returns:
        What the postings section shows of it.
    """
    hits = sorted(record.get("skills") or [], key=lambda s: (-int(s.get("count") or 0), str(s.get("name")), str(s["id"])))
    marks = []
    for hit in hits:
        for mention in hit.get("mentions") or []:
            marks.append((int(mention["start"]), int(mention["end"]), str(hit["id"]), str(hit.get("name") or hit["id"])))
    text = record.get("text")
    meta = tuple(str(record[key]) for key in ("company", "location", "date") if record.get(key))
    return KeptPosting(
        number=number,
        title=str(record.get("title") or "(no title)"),
        source=str(record.get("source") or ""),
        meta=meta,
        label=str(record["label"]),
        confidence=float(record.get("confidence") or 0.0),
        skills=tuple((str(h.get("name") or h["id"]), int(h.get("count") or 0)) for h in hits),
        marks=tuple(sorted(marks, key=lambda m: (m[0], -m[1], m[2]))),
        reasons=tuple(str(reason) for reason in record.get("reasons") or []),
        text=text if isinstance(text, str) else None,
    )


def render_postings(kept_postings: list[KeptPosting], *, unique: int, left_out: int, max_postings: int, duplicates: int) -> str:
    """The postings section: a table of the kept postings, then each one's detail with its mentions highlighted.

    Args:
        kept_postings: The postings to show, in table order.
        unique: Unique postings aggregated (kept or not).
        left_out: Unique postings not kept, beyond ``max_postings``.
        max_postings: How many unique postings the table shows at most.
        duplicates: Postings folded as duplicates (not listed).

    Returns:
        The ``<section id="postings">`` markup.
    """
    parts = ['<section id="postings">', "<h2>Postings</h2>"]
    if left_out:
        parts.append(
            f'<p class="note">The table shows the first {len(kept_postings)} of {unique} unique postings; '
            f"{left_out} more were left out (max_postings={max_postings}).</p>"
        )
    if duplicates:
        parts.append(f'<p class="note">{duplicates} duplicates (reposts of a posting above) are not listed.</p>')
    rows = []
    for kept in kept_postings:
        top = ", ".join(html.escape(name) for name, _ in kept.skills[:5])
        rows.append(
            [
                str(kept.number),
                f'<a class="ttl" href="#p-{kept.number}">{html.escape(shorten_title(kept.title))}</a>',
                f'<span class="src">{html.escape(kept.source)}</span>',
                render_label_tag(kept.label),
                f"{kept.confidence:.2f}",
                top,
            ]
        )
    parts.append(render_table(["#", "title", "source", "label", "confidence", "top skills"], rows, numeric={0, 4}))
    parts += [_detail(kept) for kept in kept_postings]
    return "\n".join([*parts, "</section>"])


def shorten_title(title: str) -> str:
    """A title cut to ``TITLE_CHARS`` characters for the postings table, ending in an ellipsis when cut.

    Example:
        >>> shorten_title("ML Engineer")
        'ML Engineer'
        >>> len(shorten_title("Z" * 3000))
        150
    """
    if len(title) <= TITLE_CHARS:
        return title
    return title[: TITLE_CHARS - 1].rstrip() + "\u2026"


def _detail(kept: KeptPosting) -> str:
    """One posting's detail view: title, label, skills, reasons and its text with the mentions marked."""
    meta = " · ".join(html.escape(part) for part in (kept.source, *kept.meta))
    parts = [
        f'<article class="posting" id="p-{kept.number}">',
        f"<h3>{kept.number}. {html.escape(kept.title)} {render_label_tag(kept.label)}</h3>",
        f'<p class="meta">{meta} · confidence {kept.confidence:.2f} · <a href="#postings">back to the table</a></p>',
    ]
    if kept.skills:
        parts.append("<p>Skills: " + ", ".join(f"{html.escape(name)} ({count})" for name, count in kept.skills) + "</p>")
    if kept.reasons:
        parts.append("<ul>" + "".join(f"<li>{html.escape(reason)}</li>" for reason in kept.reasons) + "</ul>")
    if kept.text is None:
        parts.append('<p class="note">The record carries no text, so its mentions cannot be shown.</p>')
    else:
        parts.append(f'<div class="text">{_highlight(kept.text, kept.marks)}</div>')
    return "\n".join([*parts, "</article>"])


def _highlight(text: str, marks: tuple[tuple[int, int, str, str], ...]) -> str:
    """The text, escaped, with each mention in a ``<mark>``; a mention overlapping one already marked is skipped."""
    pieces = []
    done = 0
    for start, end, skill_id, name in marks:
        if start < done or not 0 <= start < end <= len(text):
            continue
        pieces.append(html.escape(text[done:start]))
        pieces.append(
            f'<mark data-skill="{html.escape(skill_id)}" title="{html.escape(name)}">{html.escape(text[start:end])}</mark>'
        )
        done = end
    pieces.append(html.escape(text[done:]))
    return "".join(pieces)
