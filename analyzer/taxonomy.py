"""Load and validate a YAML skill taxonomy.

A taxonomy lists skills (id, name, category, role weights, surface forms),
duty cues (phrases that say what a job builds) and title patterns. The
format is documented at the top of ``taxonomies/ai_ml_2025.yaml``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import TaxonomyError
from .fastre import FastPattern, compile_fast

__all__ = [
    "DEFAULT_TAXONOMY",
    "Alias",
    "Cue",
    "Skill",
    "Taxonomy",
    "TitleRule",
    "default_taxonomy_path",
    "load_taxonomy",
    "name_key",
]

DEFAULT_TAXONOMY = "ai_ml_2025.yaml"

_TOP_KEYS = {"name", "version", "description", "categories", "skills", "cues", "titles"}
_REQUIRED_TOP = {"name", "version", "categories", "skills"}
_SKILL_KEYS = {
    "id",
    "name",
    "category",
    "origin",
    "weights",
    "basis",
    "article_share",
    "implies",
    "aliases",
}
_REQUIRED_SKILL = {"id", "name", "category", "origin", "weights", "basis", "aliases"}
_ALIAS_KEYS = {"form", "case_sensitive", "context", "not_context", "implies", "not_after", "not_before"}
_CUE_KEYS = {"id", "lean", "weight", "text", "patterns"}
_TITLE_KEYS = {"lean", "weight", "patterns"}
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_LEANS = ("ai", "ml")


@dataclass(frozen=True, slots=True)
class Alias:
    """One surface form of a skill."""

    form: str
    case_sensitive: bool = False
    context: tuple[str, ...] = ()
    not_context: tuple[str, ...] = ()
    implies: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skill:
    """One taxonomy skill."""

    id: str
    name: str
    category: str
    origin: str
    weight_ai: float
    weight_ml: float
    basis: str
    aliases: tuple[Alias, ...]
    implies: tuple[str, ...] = ()
    article_share: float | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """A duty phrase that leans a posting toward one role."""

    id: str
    lean: str
    weight: float
    text: str
    pattern: FastPattern


@dataclass(frozen=True, slots=True)
class TitleRule:
    """A job-title pattern that leans a posting toward one role."""

    lean: str
    weight: float
    pattern: FastPattern


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """A validated taxonomy."""

    name: str
    version: str
    description: str
    path: str
    categories: dict[str, str]
    skills: tuple[Skill, ...]
    cues: tuple[Cue, ...]
    titles: tuple[TitleRule, ...]

    def skill(self, skill_id: str) -> Skill:
        """Return the skill with this id.

        Raises:
            KeyError: No skill has this id.
        """
        for skill in self.skills:
            if skill.id == skill_id:
                return skill
        raise KeyError(skill_id)

    @property
    def skill_ids(self) -> tuple[str, ...]:
        """Every skill id, in file order."""
        return tuple(s.id for s in self.skills)

    def skill_names(self) -> dict[str, str]:
        """Every way a person may write a skill, as :func:`name_key` keys, mapped to its id.

        A skill is known by its id, its name and its surface forms
        (``hugging_face``, ``Hugging Face``, ``HF``, ``🤗``). A surface form
        that several skills share by context ("Transformers") names none of
        them; ids and names win over surface forms.

        Example:
            >>> load_taxonomy().skill_names()[name_key("Scikit-Learn")]
            'scikit_learn'
        """
        names: dict[str, str] = {}
        shared: set[str] = set()
        for skill in self.skills:
            for alias in skill.aliases:
                key = name_key(alias.form)
                if names.setdefault(key, skill.id) != skill.id:
                    shared.add(key)
        for key in shared:
            del names[key]
        for skill in self.skills:
            names[name_key(skill.name)] = skill.id
        for skill in self.skills:
            names[name_key(skill.id)] = skill.id
        return names


def name_key(text: str) -> str:
    """A skill name as :meth:`Taxonomy.skill_names` keys it: lowercase, ``_`` and ``-`` read as spaces."""
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def default_taxonomy_path() -> Path:
    """Path of the taxonomy shipped inside the package."""
    shipped = resources.files("analyzer") / "taxonomies" / DEFAULT_TAXONOMY
    if shipped.is_file():
        return Path(str(shipped))
    # Running from a source checkout that was not installed.
    return Path(__file__).resolve().parent.parent / "taxonomies" / DEFAULT_TAXONOMY


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read and validate a taxonomy file.

    Args:
        path: A YAML taxonomy; the shipped ``ai_ml_2025.yaml`` when None.

    Returns:
        The validated taxonomy.

    Raises:
        TaxonomyError: The file is missing, is not YAML, or breaks a rule
            (unknown key, missing field, duplicate id, a surface form claimed
            by two skills...). The message names the file, the entry and the fix.
    """
    file = Path(path) if path is not None else default_taxonomy_path()
    if file.exists() and not file.is_file():  # a folder, or a named pipe that would block forever
        raise TaxonomyError(f"{file}: not a regular file; pass --taxonomy with a path to a YAML file.")
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TaxonomyError(f"{file}: no such taxonomy file; pass --taxonomy with a path to a YAML file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{file}: cannot read the taxonomy ({exc}).") from None
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{file}: not valid YAML: {exc}") from None
    return _build(raw, str(file))


def _build(raw: Any, where: str) -> Taxonomy:
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{where}: the top level must be a mapping with keys {sorted(_REQUIRED_TOP)}.")
    _check_keys(raw, _TOP_KEYS, _REQUIRED_TOP, where, "the top level")
    categories = raw["categories"]
    if not isinstance(categories, dict) or not categories:
        raise TaxonomyError(f"{where}: 'categories' must be a mapping of category id to display name.")
    if not isinstance(raw["skills"], list) or not raw["skills"]:
        raise TaxonomyError(f"{where}: 'skills' must be a non-empty list.")

    skills: list[Skill] = []
    seen_ids: set[str] = set()
    # A surface form (case-folded) may be used by several skills when all but
    # one give it a context: "Transformers" near PyTorch is the Hugging Face
    # library, elsewhere the architecture. ``plain`` maps each form to the one
    # skill using it without a context.
    plain: dict[str, str] = {}
    for index, entry in enumerate(raw["skills"], start=1):
        skill = _build_skill(entry, index, where, categories)
        if skill.id in seen_ids:
            raise TaxonomyError(f"{where}: skill {skill.id!r} (entry {index}) repeats an id; give each skill its own id.")
        seen_ids.add(skill.id)
        for alias in skill.aliases:
            key = " ".join(alias.form.lower().split())
            if not alias.context:
                other = plain.get(key)
                if other is not None and other != skill.id:
                    raise TaxonomyError(
                        f"{where}: skill {skill.id!r} repeats alias {alias.form!r}, already used by {other!r}; "
                        "a surface form belongs to one skill (use 'implies' to count it for another), "
                        "or to several when all but one give it a 'context' (the sense read near those words)."
                    )
                plain[key] = skill.id
        skills.append(skill)

    for skill in skills:
        targets = list(skill.implies) + [i for a in skill.aliases for i in a.implies]
        for target in targets:
            if target not in seen_ids:
                raise TaxonomyError(
                    f"{where}: skill {skill.id!r} implies unknown skill {target!r}; valid ids are listed under 'skills'."
                )

    cues = tuple(_build_cue(entry, i, where) for i, entry in enumerate(raw.get("cues") or [], start=1))
    titles = tuple(_build_title(entry, i, where) for i, entry in enumerate(raw.get("titles") or [], start=1))
    return Taxonomy(
        name=str(raw["name"]),
        version=str(raw["version"]),
        description=str(raw.get("description") or ""),
        path=where,
        categories={str(k): str(v) for k, v in categories.items()},
        skills=tuple(skills),
        cues=cues,
        titles=titles,
    )


def _check_keys(entry: dict[str, Any], allowed: set[str], required: set[str], where: str, what: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise TaxonomyError(f"{where}: {what} has unknown key(s) {unknown}; allowed keys are {sorted(allowed)}.")
    missing = sorted(required - set(entry))
    if missing:
        raise TaxonomyError(f"{where}: {what} is missing {missing}; add them.")


def _build_skill(entry: Any, index: int, where: str, categories: dict[str, Any]) -> Skill:
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{where}: skill entry {index} must be a mapping, got {type(entry).__name__}.")
    what = f"skill {entry.get('id', f'entry {index}')!r}"
    _check_keys(entry, _SKILL_KEYS, _REQUIRED_SKILL, where, what)
    skill_id = entry["id"]
    if not isinstance(skill_id, str) or not _ID_RE.match(skill_id):
        raise TaxonomyError(f"{where}: {what}: the id must be lowercase snake_case such as 'ci_cd'.")
    if not isinstance(entry["category"], str) or entry["category"] not in categories:
        raise TaxonomyError(f"{where}: {what} has category {entry['category']!r}; valid categories are {sorted(categories)}.")
    if entry["origin"] not in ("article", "corpus"):
        raise TaxonomyError(f"{where}: {what}: origin must be 'article' or 'corpus'.")
    weights = entry["weights"]
    if not isinstance(weights, dict) or set(weights) != {"ai", "ml"}:
        raise TaxonomyError(f"{where}: {what}: weights must be a mapping {{ai: x, ml: y}}.")
    w_ai, w_ml = (_unit_float(weights[k], where, f"{what} weight {k}") for k in ("ai", "ml"))
    share = entry.get("article_share")
    if share is not None:
        share = _unit_float(share, where, f"{what} article_share")
    aliases_raw = entry["aliases"]
    if not isinstance(aliases_raw, list) or not aliases_raw:
        raise TaxonomyError(f"{where}: {what}: aliases must be a non-empty list of surface forms.")
    aliases = tuple(_build_alias(a, where, what) for a in aliases_raw)
    implies = entry.get("implies") or []
    if not isinstance(implies, list):
        raise TaxonomyError(f"{where}: {what}: implies must be a list of skill ids.")
    return Skill(
        id=skill_id,
        name=str(entry["name"]),
        category=str(entry["category"]),
        origin=str(entry["origin"]),
        weight_ai=w_ai,
        weight_ml=w_ml,
        basis=str(entry["basis"]),
        aliases=aliases,
        implies=tuple(str(i) for i in implies),
        article_share=share,
    )


def _build_alias(raw: Any, where: str, what: str) -> Alias:
    if isinstance(raw, str):
        form = raw.strip()
        if not form:
            raise TaxonomyError(f"{where}: {what} has an empty alias; remove it.")
        return Alias(form=form)
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{where}: {what}: an alias is a string or a mapping with 'form', got {raw!r}.")
    _check_keys(raw, _ALIAS_KEYS, {"form"}, where, f"{what} alias {raw.get('form')!r}")
    form = str(raw["form"]).strip()
    if not form:
        raise TaxonomyError(f"{where}: {what} has an empty alias form; remove it.")
    lists = {key: raw.get(key) or [] for key in ("context", "not_context", "implies", "not_after", "not_before")}
    if not all(isinstance(value, list) for value in lists.values()):
        raise TaxonomyError(
            f"{where}: {what} alias {form!r}: context, not_context, implies, not_after and not_before must be lists."
        )
    return Alias(
        form=form,
        case_sensitive=bool(raw.get("case_sensitive", False)),
        context=tuple(str(c).lower() for c in lists["context"]),
        not_context=tuple(str(c).lower() for c in lists["not_context"]),
        implies=tuple(str(i) for i in lists["implies"]),
        not_after=tuple(str(w).lower() for w in lists["not_after"]),
        not_before=tuple(str(w).lower() for w in lists["not_before"]),
    )


def _build_cue(entry: Any, index: int, where: str) -> Cue:
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{where}: cue entry {index} must be a mapping.")
    what = f"cue {entry.get('id', f'entry {index}')!r}"
    _check_keys(entry, _CUE_KEYS, _CUE_KEYS, where, what)
    return Cue(
        id=str(entry["id"]),
        lean=_lean(entry["lean"], where, what),
        weight=_finite_float(entry["weight"], where, f"{what} weight"),
        text=str(entry["text"]),
        pattern=_compile(entry["patterns"], where, what),
    )


def _build_title(entry: Any, index: int, where: str) -> TitleRule:
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{where}: title entry {index} must be a mapping.")
    what = f"title rule {index}"
    _check_keys(entry, _TITLE_KEYS, _TITLE_KEYS, where, what)
    return TitleRule(
        lean=_lean(entry["lean"], where, what),
        weight=_finite_float(entry["weight"], where, f"{what} weight"),
        pattern=_compile(entry["patterns"], where, what),
    )


def _lean(value: Any, where: str, what: str) -> str:
    if value not in _LEANS:
        raise TaxonomyError(f"{where}: {what}: lean must be one of {list(_LEANS)}, got {value!r}.")
    return str(value)


def _compile(patterns: Any, where: str, what: str) -> FastPattern:
    """Compile cue or title patterns; they are matched against lowercased text (RE2 when it can)."""
    if not isinstance(patterns, list) or not patterns:
        raise TaxonomyError(f"{where}: {what}: patterns must be a non-empty list of regular expressions.")
    for pattern in patterns:
        if re.search(r"[A-Z]", re.sub(r"\\.", "", str(pattern))):
            raise TaxonomyError(f"{where}: {what}: pattern {pattern!r} has capital letters; write patterns in lowercase.")
    try:
        return compile_fast("|".join(rf"(?:\b(?:{p})\b)" for p in patterns))
    except re.error as exc:
        raise TaxonomyError(f"{where}: {what}: bad regular expression ({exc}).") from None


def _finite_float(value: Any, where: str, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number):
        raise TaxonomyError(f"{where}: {what} must be a finite number, got {value!r}.")
    return number


def _unit_float(value: Any, where: str, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TaxonomyError(f"{where}: {what} must be a number in [0, 1], got {value!r}.") from None
    if not 0.0 <= number <= 1.0:
        raise TaxonomyError(f"{where}: {what} must be in [0, 1], got {number}.")
    return number
