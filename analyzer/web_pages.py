"""The web front end's HTML pages: the form, the result and the refusal page.

Each ``render_*`` function returns a complete HTML document as a string; the
pages load nothing from elsewhere and run no script.
"""

from __future__ import annotations

import html

from .model import LABEL_VERDICTS, Analysis
from .taxonomy import Taxonomy
from .web_listings import MAX_TITLE, UPLOAD_SUFFIXES

__all__ = ["render_form_page", "render_refused_page", "render_result_page", "size_text", "skill_lean"]

#: How the pages name each label.
_LEAN_TEXT = {"ai": "AI-leaning", "ml": "ML-leaning", "both": "both roles"}
_CSS = """
*{box-sizing:border-box}
body{margin:0;color:#1a1a1a;background:#fff;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:960px;margin:0 auto;padding:1.5rem}
h1{margin:0 0 .5rem;font-size:1.6rem}h2{margin:2rem 0 .5rem;border-bottom:2px solid #ddd;font-size:1.2rem}
h3{margin:1rem 0 .25rem;font-size:1rem;color:#333}
a{color:#005a9c}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
.opt{font-weight:400;color:#555}
input[type=text],textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #999;border-radius:4px}
textarea{min-height:18rem;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
button{margin-top:1.25rem;font:inherit;font-weight:600;padding:.55rem 1.6rem;border:0;border-radius:4px;background:#005a9c;color:#fff;cursor:pointer}
button:hover,button:focus{background:#00457a}
.or{margin:1rem 0 0;color:#555}
.lead,.meta,.note,footer{color:#444}footer{margin-top:3rem;font-size:.85rem;border-top:1px solid #ddd;padding-top:.5rem}
.error{border-left:4px solid #b00020;background:#fdecee;padding:.6rem .9rem;margin:1rem 0}
.verdict{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1rem;margin:.75rem 0}
.badge{display:inline-block;padding:.35rem .9rem;border-radius:999px;color:#fff;font-size:1.25rem;font-weight:700}
.badge-ai{background:#0072b2}.badge-ml{background:#b34700}.badge-hybrid{background:#007a5a}
.confidence{font-size:1.1rem;font-weight:600}
.scores{color:#444}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}dl.facts dt{font-weight:600}dl.facts dd{margin:0}
ul.skills{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.4rem}
ul.skills li{border-radius:4px;padding:.1rem .5rem;font-size:.92rem}
.lean-ai{background:#d3e8f7;box-shadow:inset 0 -2px #0072b2}
.lean-ml{background:#fbdcc8;box-shadow:inset 0 -2px #b34700}
.lean-both{background:#d5efe3;box-shadow:inset 0 -2px #007a5a}
.count{color:#444;font-size:.85em}
mark{color:inherit;border-radius:2px;padding:0 .1em}
.legend mark{margin-right:.5rem}
.listing{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ddd;border-radius:4px;padding:.75rem 1rem;background:#fafafa;font-size:.95rem}
ol.reasons li{margin:.2rem 0}
.empty{font-style:italic;color:#444}
@media print{.badge,mark,ul.skills li{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def skill_lean(taxonomy: Taxonomy, skill_id: str) -> str:
    """``ai``, ``ml`` or ``both``: which role a skill's weights favour.

    Args:
        taxonomy: The taxonomy the skill belongs to.
        skill_id: The skill; an id the taxonomy lacks gets ``both``.

    Returns:
        ``ai`` or ``ml`` when one weight is higher, else ``both``.
    """
    try:
        skill = taxonomy.skill(skill_id)
    except KeyError:
        return "both"
    return "ai" if skill.weight_ai > skill.weight_ml else "ml" if skill.weight_ml > skill.weight_ai else "both"


def size_text(size: int) -> str:
    """A byte count for a person: ``2 MB``, ``1.5 MB``, ``512 KB``, ``100 bytes`` (1 KB = 1,024 bytes).

    Args:
        size: The number of bytes.

    Returns:
        The size in the largest unit it reaches, to three significant digits.
    """
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.3g} {unit}"
    return f"{size:,} byte{'s' if size != 1 else ''}"


def render_refused_page(detail: str) -> str:
    """The page for a request refused before it reached the app (too large, malformed).

    Args:
        detail: Why the request was refused, plain text (escaped here).

    Returns:
        The HTML document.
    """
    return _page("Request refused", f'<p class="error">{html.escape(detail)}</p><p><a href="./">Back to the form</a></p>')


def _page(title: str, body: str) -> str:
    """The HTML document around a page's body."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def _footer(taxonomy: Taxonomy) -> str:
    """The footer: the taxonomy's name, version and size, and a link to the API documentation."""
    return (
        f"<footer>skill-analyzer · taxonomy {html.escape(taxonomy.name)} {html.escape(taxonomy.version)} "
        f"({len(taxonomy.skills)} skills) · <a href=\"docs\">API documentation</a></footer>"
    )


def render_form_page(taxonomy: Taxonomy, max_bytes: int, *, text: str = "", title: str = "", error: str | None = None) -> str:
    """The form page: paste a listing (and a title) or upload a file.

    Args:
        taxonomy: The taxonomy, named in the footer.
        max_bytes: The largest request body accepted, shown next to the upload field.
        text: The listing to show again in the text area (after an error).
        title: The title to show again.
        error: Why the last submission failed, shown above the form.

    Returns:
        The HTML document.
    """
    accept = ",".join(UPLOAD_SUFFIXES)
    kinds = ", ".join(UPLOAD_SUFFIXES)
    body = [
        "<h1>Skill analyzer</h1>",
        '<p class="lead">Paste a job listing or upload one: the page shows the skills it asks for and whether '
        "the role leans toward an <strong>AI engineer</strong> (builds whole systems around models), an "
        "<strong>ML engineer</strong> (builds and tunes the models) or both.</p>",
    ]
    if error:
        body.append(f'<p class="error" role="alert">{html.escape(error)}</p>')
    body += [
        '<form method="post" action="classify" enctype="multipart/form-data">',
        '<label for="title">Job title <span class="opt">(optional)</span></label>',
        f'<input id="title" name="title" type="text" maxlength="{MAX_TITLE}" value="{html.escape(title)}">',
        '<label for="text">Listing</label>',
        '<textarea id="text" name="text" rows="18" placeholder="Paste the listing here: plain text, Markdown or HTML">'
        f"{html.escape(text)}</textarea>",
        '<p class="or">or</p>',
        f'<label for="file">Upload a file <span class="opt">({kinds}; up to {size_text(max_bytes)}; '
        "it is used instead of the pasted text)</span></label>",
        f'<input id="file" name="file" type="file" accept="{accept}">',
        '<div><button type="submit">Classify</button></div>',
        "</form>",
        _footer(taxonomy),
    ]
    return _page("Skill analyzer", "\n".join(body))


def _highlight(analysis: Analysis, taxonomy: Taxonomy) -> str:
    """The listing text, escaped, with every skill mention in a ``<mark>`` coloured by the skill's lean.

    A mention counted for several skills (``LangChain`` for LangChain and, by
    ``implies``, for LLMs) is one mark naming them all, the skill it names
    directly first; a mention overlapping one already marked is left out.
    """
    text = analysis.posting.text
    spans: dict[tuple[int, int], list[str]] = {}
    names = {hit.id: hit.name for hit in analysis.skills}
    for hit in analysis.skills:
        for mention in hit.mentions:
            spans.setdefault((mention.start, mention.end), []).append(hit.id)
    pieces: list[str] = []
    done = 0
    for (start, end), ids in sorted(spans.items(), key=lambda item: (item[0][0], -item[0][1])):
        if start < done or not 0 <= start < end <= len(text):
            continue
        implied = {target for skill_id in ids for target in _implied(taxonomy, skill_id)}
        ids = sorted(ids, key=lambda skill_id: (skill_id in implied, skill_id))
        lean = skill_lean(taxonomy, ids[0])
        title = "; ".join(f"{names[i]} ({_LEAN_TEXT[skill_lean(taxonomy, i)]})" for i in ids)
        pieces.append(html.escape(text[done:start]))
        pieces.append(
            f'<mark class="lean-{lean}" data-skill="{html.escape(" ".join(ids))}" '
            f'title="{html.escape(title)}">{html.escape(text[start:end])}</mark>'
        )
        done = end
    pieces.append(html.escape(text[done:]))
    return "".join(pieces)


def _implied(taxonomy: Taxonomy, skill_id: str) -> set[str]:
    """The skills a skill's forms also count for (``implies``)."""
    try:
        skill = taxonomy.skill(skill_id)
    except KeyError:
        return set()
    return {*skill.implies, *(target for alias in skill.aliases for target in alias.implies)}


def _skills_by_category(analysis: Analysis, taxonomy: Taxonomy) -> str:
    """The skills found, grouped under their category's name in taxonomy order, each coloured by its lean."""
    order = {category: n for n, category in enumerate(taxonomy.categories)}
    groups: dict[str, list[str]] = {}
    for hit in sorted(analysis.skills, key=lambda h: (order.get(h.category, len(order)), -h.count, h.name.lower())):
        lean = skill_lean(taxonomy, hit.id)
        count = f' <span class="count">×{hit.count}</span>' if hit.count > 1 else ""
        groups.setdefault(hit.category, []).append(
            f'<li class="skill lean-{lean}" data-skill="{html.escape(hit.id)}" title="{_LEAN_TEXT[lean]}">'
            f"{html.escape(hit.name)}{count}</li>"
        )
    return "\n".join(
        f"<h3>{html.escape(taxonomy.categories.get(category, category))}</h3>\n<ul class=\"skills\">{''.join(items)}</ul>"
        for category, items in groups.items()
    )


def render_result_page(analysis: Analysis, taxonomy: Taxonomy, empty: str | None) -> str:
    """The result page: label badge and confidence, company, place, date, level and pay, skills, reasons, the highlighted listing.

    Args:
        analysis: The listing's analysis.
        taxonomy: The taxonomy it was analyzed with.
        empty: Why there was no text to analyze, shown instead of the listing; None when there was.

    Returns:
        The HTML document.
    """
    posting = analysis.posting
    label = analysis.label
    source = "pasted text" if posting.source == "<pasted>" else posting.source
    body = [
        f'<p><a href="./">← Classify another listing</a></p>\n<h1>{html.escape(posting.title or "Listing")}</h1>',
        f'<p class="meta">From {html.escape(source)}</p>',
        '<div class="verdict">'
        f'<span class="badge badge-{label}" id="label" data-label="{label}">{LABEL_VERDICTS[label]}</span>'
        f'<span class="confidence" id="confidence">confidence {analysis.confidence:.2f}</span>'
        f'<span class="scores">AI evidence {analysis.scores.get("ai", 0.0):.2f} · '
        f'ML evidence {analysis.scores.get("ml", 0.0):.2f}</span></div>',
    ]
    facts = [
        (name, value)
        for name, value in (
            ("Company", posting.company),
            ("Location", posting.location),
            ("Posted", posting.date),
            ("Level", analysis.level_text()),
            ("Pay", analysis.pay_text()),
        )
        if value
    ]
    if facts:
        body.append(
            '<dl class="facts" id="facts">'
            + "".join(f"<dt>{name}</dt><dd>{html.escape(value)}</dd>" for name, value in facts)
            + "</dl>"
        )
    body.append(f"<h2>Skills ({len(analysis.skills)})</h2>")
    if analysis.skills:
        body.append(
            '<p class="legend note">Colour: <mark class="lean-ai">AI-leaning</mark><mark class="lean-ml">ML-leaning</mark>'
            '<mark class="lean-both">both roles</mark></p>'
        )
        body.append(_skills_by_category(analysis, taxonomy))
    else:
        body.append('<p class="empty">No skill from the taxonomy was found in this listing.</p>')
    body.append("<h2>Why this label</h2>")
    body.append('<ol class="reasons">' + "".join(f"<li>{html.escape(r)}</li>" for r in analysis.reasons) + "</ol>")
    body.append("<h2>The listing</h2>")
    if empty:
        body.append(f'<p class="empty">{html.escape(empty)}</p>')
    else:
        body.append(f'<div class="listing" id="listing">{_highlight(analysis, taxonomy)}</div>')
    body.append(_footer(taxonomy))
    return _page(f"{LABEL_VERDICTS[label]}: {posting.title or 'listing'} · skill-analyzer", "\n".join(body))
