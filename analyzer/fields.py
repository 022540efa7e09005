"""Find a posting's fields in a record (a CSV row, a JSON object) as a job board or API exports it.

Fields are found by their usual names (:data:`TEXT_KEYS`, ``title``,
``company``...), compared without case, spaces or underscores (``Job Title``
is ``job_title``, ``descriptionPlain`` is ``description_plain``). Boards nest
and split them:

* a field the record lacks is looked for in the objects it holds, shallowest
  first (Lever's ``categories.location``, USAJobs'
  ``MatchedObjectDescriptor.UserArea.Details.JobSummary``), never inside its
  company or location objects, and only under specific names there (a
  nested ``name`` or ``text`` is no title or description);
* parts of the text that boards keep in fields of their own
  (:data:`SECTIONS`: Lever's ``lists`` and ``additional``, Workable's
  ``requirements`` and ``benefits``, SmartRecruiters' ``jobAd.sections``,
  USAJobs' ``MajorDuties`` and ``QualificationSummary``) follow the
  description, in the order a job page shows them, each under its heading,
  unless the description already holds them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = [
    "COMPANY_KEYS",
    "DATE_KEYS",
    "LOCATION_KEYS",
    "SECTIONS",
    "TEXT_KEYS",
    "TITLE_KEYS",
    "find_field",
    "has_field",
    "has_text_column",
    "headed",
    "pick_column",
    "section_values",
    "value_text",
]

#: How deep in a record's objects a missing field is looked for.
_MAX_NESTING = 4

TITLE_KEYS = ("title", "job_title", "jobtitle", "position", "position_title", "positiontitle", "job_name", "role", "name")

TEXT_KEYS = (
    "description",
    "job_description",
    "jobdescription",
    "job_description_text",
    "description_text",
    "descriptiontext",
    "description_html",
    "description_plain",
    "full_description",
    "text",
    "body",
    "content",
    "posting",
    "job_posting",
    "details",
    "job_summary",
)

COMPANY_KEYS = (
    "company",
    "company_name",
    "companyname",
    "employer",
    "organization",
    "hiring_organization",
    "hiringorganization",
    "organization_name",
)

LOCATION_KEYS = (
    "location",
    "job_location",
    "joblocation",
    "locations",
    "city",
    "position_location_display",
    "position_location",
)

DATE_KEYS = (
    "date",
    "date_posted",
    "dateposted",
    "posted",
    "posted_at",
    "postedat",
    "published_at",
    "publishedat",
    "published_on",
    "publication_date",
    "publication_start_date",
    "posting_date",
    "listed_at",
    "first_published",
    "released_date",
    "created",
    "created_at",
    "time_posted",
    "updated_at",
)

#: Parts of the text kept in fields of their own, in the order they follow the
#: description: a heading (empty when each part carries its own, as
#: SmartRecruiters' sections and Lever's lists do) and the field's names, the
#: first found winning (Lever has ``additional`` as HTML and ``additionalPlain``).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("", ("sections",)),
    ("", ("lists",)),
    ("Responsibilities", ("responsibilities",)),
    ("Duties", ("major_duties", "duties")),
    ("Requirements", ("requirements",)),
    ("Qualifications", ("qualifications", "qualification_summary")),
    ("Education", ("education",)),
    ("Additional information", ("additional", "additional_plain", "additional_information")),
    ("Benefits", ("benefits",)),
)

#: Names too general to mean a title or a description inside a nested object
#: (a department's ``name``, a section's ``text``).
_ONLY_AT_TOP = frozenset({"name", "role", "position", "text", "body", "content", "posting", "details"})

#: Objects never searched for other fields: they are the company or the location.
_NOT_SEARCHED = frozenset(re.sub(r"[^a-z0-9]", "", k) for k in (*COMPANY_KEYS, *LOCATION_KEYS))

_PART_BODY_KEYS = ("content", "value", "body", "description", "text", "items")
_PART_HEADING_KEYS = ("title", "name", "heading", "label", "text")


def pick_column(names: list[str], wanted: str | None, candidates: tuple[str, ...]) -> int | None:
    """The index of the column named ``wanted``, else of the first candidate found (ignoring case, spaces, ``_``)."""
    if wanted is not None:
        for i, name in enumerate(names):
            if name == wanted or name.lower() == wanted.lower():
                return i
        return None
    keys = [_flat(str(n)) for n in names]
    for candidate in candidates:
        flat = candidate.replace("_", "")
        if flat in keys:
            return keys.index(flat)
    return None


@lru_cache(maxsize=4096)
def _flat(name: str) -> str:
    """A field's name without case, spaces or punctuation (names repeat on every row: cached)."""
    return re.sub(r"[^a-z0-9]", "", str(name).lower())


def has_field(record: dict[str, Any], wanted: str | None, candidates: tuple[str, ...]) -> bool:
    """Whether the record itself (not a nested object) has one of the fields, even if null."""
    return pick_column(list(record), wanted, candidates) is not None


def has_text_column(names: list[str], wanted: str | None) -> bool:
    """Whether a CSV header names the text: the column ``wanted``, else a description or a part of it kept apart."""
    if pick_column(names, wanted, TEXT_KEYS) is not None:
        return True
    return wanted is None and any(pick_column(names, None, keys) is not None for _, keys in SECTIONS)


def find_field(
    record: dict[str, Any], wanted: str | None, candidates: tuple[str, ...], *, nested_type: type | tuple[type, ...] = object
) -> Any:
    """A field's value: the record's own, else the first in its nested objects (shallowest first), else None.

    Args:
        record: A CSV row or JSON object.
        wanted: A name the user gave (``--text-column``), or None for the candidates.
        candidates: The usual names, best first.
        nested_type: What a nested value must be to count (``str`` for a description:
            SmartRecruiters' ``jobDescription`` object is one of its sections).

    Returns:
        The value; inside nested objects only a non-empty one of ``nested_type`` under a specific name.
    """
    names = list(record)
    index = pick_column(names, wanted, candidates)
    if index is not None:
        return record[names[index]]
    nested = candidates if wanted is not None else tuple(c for c in candidates if c not in _ONLY_AT_TOP)
    level = _children(record)
    for _ in range(_MAX_NESTING):
        for child in level:
            names = list(child)
            index = pick_column(names, wanted, nested)
            value = None if index is None else child[names[index]]
            if value not in (None, "", [], {}) and isinstance(value, nested_type):
                return value
        level = [grandchild for child in level for grandchild in _children(child)]
        if not level:
            break
    return None


def _children(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for k, v in record.items() if isinstance(v, dict) and _flat(str(k)) not in _NOT_SEARCHED]


def section_values(record: dict[str, Any], wanted: str | None) -> list[tuple[str, Any]]:
    """The parts of the text kept in fields of their own (:data:`SECTIONS`), with their headings, in order.

    The field named ``wanted`` (``--text-column``) is never one of them.
    """
    found = []
    for heading, names in SECTIONS:
        if wanted is not None and _flat(wanted) in {n.replace("_", "") for n in names}:
            continue
        value = find_field(record, None, names)
        if value not in (None, "", [], {}):
            found.append((heading, value))
    return found


def value_text(value: Any, to_text: Any, heading: str = "") -> str:
    """Text of a field's value: a string, a list of items, a part with a heading, or a mapping of parts.

    Args:
        value: The field's value (SmartRecruiters ``{"title", "text"}`` parts,
            Lever ``[{"text", "content"}]`` lists, USAJobs' list of duties...).
        to_text: Turns one string into text (HTML into lines and bullets).
        heading: Put on a line of its own before the text, unless the text starts with it.

    Returns:
        The text, "" when there is none.
    """
    if isinstance(value, str):
        text = to_text(value).strip()
    elif isinstance(value, list):
        lines = [_item_text(item, to_text) for item in value]
        text = "\n".join(line for line in lines if line)
    elif isinstance(value, dict):
        body = _part_body(value)
        if body is not None:
            text = value_text(value[body], to_text, _part_heading(value, body))
        else:
            parts = [value_text(v, to_text) for v in value.values() if isinstance(v, dict)]
            text = "\n".join(part for part in parts if part)
    else:
        return ""
    return headed(text, heading)


def headed(text: str, heading: str) -> str:
    """The text under the heading on a line of its own, unless it has none or the text opens with it."""
    first = text.split("\n", 1)[0]
    opens = re.match(re.escape(heading) + r"\s*(:|$)", first.strip(), re.I) is not None
    if not text or not heading or opens:
        return text
    return f"{heading}\n{text}"


def _item_text(item: Any, to_text: Any) -> str:
    if isinstance(item, str):
        text = to_text(item).strip()
        return f"* {text}" if text and not text.startswith("* ") else text
    return value_text(item, to_text) if isinstance(item, (dict, list)) else ""


def _part_body(part: dict[str, Any]) -> str | None:
    names = list(part)
    for candidate in _PART_BODY_KEYS:
        index = pick_column(names, None, (candidate,))
        if index is not None and isinstance(part[names[index]], (str, list)):
            return names[index]
    return None


def _part_heading(part: dict[str, Any], body: str) -> str:
    names = [n for n in part if n != body]
    index = pick_column(names, None, _PART_HEADING_KEYS)
    heading = part[names[index]] if index is not None else None
    return " ".join(heading.split()) if isinstance(heading, str) and len(heading) <= 100 else ""
