"""Measure the analyzer against labelled postings (gold files: :mod:`analyzer.gold`).

:func:`evaluate` returns skill-presence precision, recall and F1 (micro and
per skill), label accuracy and macro-F1 (with calibration for a learned
model), the confusion matrix and every disagreement, as a plain dict;
:func:`evaluate_facts` and :func:`evaluate_requirements` measure pay,
minimum years, seniority and the requirement level of mentions.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .gold import GoldPosting, read_facts_row, read_gold_rows, read_requirement_row, resolve_gold_posting
from .metrics import calibration, confidence_reliability, label_scores, render_calibration, render_confidence, three
from .model import Analysis, Posting
from .pipeline import Analyzer
from .sections import split_sections

__all__ = ["evaluate", "evaluate_facts", "evaluate_requirements", "render_evaluation"]


def evaluate(gold: Sequence[GoldPosting], analyzer: Analyzer, *, scope: Iterable[str], use_titles: bool = True) -> dict[str, Any]:
    """Run the analyzer on labelled postings and compare.

    Args:
        gold: Labelled postings from :func:`read_gold`.
        analyzer: The analyzer to measure.
        scope: Skill ids that are scored (others found are ignored).
        use_titles: Give the classifier the job titles; False to label from
            the description alone.

    Returns:
        A dict with ``postings``, ``missing``, ``repeated`` (rows naming a
        posting an earlier row named: left out), ``classifier`` (``rules`` or
        ``model``), ``skills`` (micro precision,
        recall, f1 and per-skill rows; ``postings`` scored and ``gold_rows``
        labelling skills, read or missing), ``unknown_gold_skills`` (skills the
        gold names that the taxonomy does not know: not scored), ``labels``
        (accuracy, macro_f1, confusion matrix, ``postings`` and ``gold_rows``
        as for skills, ``confidence`` and, for a model, ``calibration``) and
        ``disagreements``.
    """
    scope_set = frozenset(scope)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    expected_labels: list[str] = []
    found_labels: list[str] = []
    confidences: list[float] = []
    # A learned model gives label probabilities: their calibration is scored too.
    probabilities = getattr(analyzer.classifier, "probabilities", None)
    found_probabilities: list[dict[str, float]] = []
    disagreements: list[dict[str, Any]] = []
    skill_postings = postings = 0
    missing = [{"posting": g.key, "problem": g.problem} for g in gold if g.posting is None]
    unknown = Counter(name for g in gold if g.posting is not None for name in g.unknown_skills)
    first: dict[str, str] = {}
    repeated = []
    for item in gold:
        if item.posting is None:
            continue
        if item.identity in first:  # scored once: a repeated row would count the posting twice
            repeated.append({"posting": item.key, "same_as": first[item.identity]})
            continue
        first[item.identity] = item.key
        posting = item.posting if use_titles else replace(item.posting, title=None)
        analysis = analyzer.analyze_posting(posting)
        if item.skills is None:
            found: dict[str, Any] = {}
            expected: frozenset[str] = frozenset()
        else:
            skill_postings += 1
            found = {hit.id: hit for hit in analysis.skills if hit.id in scope_set}
            expected = item.skills & scope_set
        for skill in expected & found.keys():
            tp[skill] += 1
        for skill in found.keys() - expected:
            fp[skill] += 1
        for skill in expected - found.keys():
            fn[skill] += 1
        postings += 1
        if item.label is not None:  # None: the row labels skills only
            expected_labels.append(item.label)
            found_labels.append(analysis.label)
            if probabilities is not None:
                text = posting.text
                found_probabilities.append(probabilities(text, analysis.skills, title=posting.title, sections=split_sections(text)))
                # The top probability unrounded, as the calibration table bins it (the verdict's is rounded).
                confidences.append(max(found_probabilities[-1].values()))
            else:
                confidences.append(analysis.confidence)
        record = _disagreement(item, analysis, expected, found)
        if record is not None:
            disagreements.append(record)
    return {
        "postings": postings,
        "scope": sorted(scope_set),
        "use_titles": use_titles,
        "classifier": "rules" if probabilities is None else "model",
        "missing": missing,
        "repeated": repeated,
        "skills": {
            **_skill_scores(tp, fp, fn, sorted(scope_set)),
            "postings": skill_postings,
            "gold_rows": sum(g.skills is not None for g in gold),
        },
        "unknown_gold_skills": [{"skill": name, "postings": n} for name, n in sorted(unknown.items(), key=lambda kv: (-kv[1], kv[0]))],
        "labels": label_scores(expected_labels, found_labels)
        | {"postings": len(expected_labels), "gold_rows": sum(g.label is not None for g in gold)}
        | {"confidence": confidence_reliability(confidences, [e == f for e, f in zip(expected_labels, found_labels, strict=True)])}
        | ({"calibration": calibration(expected_labels, found_probabilities)} if probabilities is not None else {}),
        "disagreements": disagreements,
    }


def _disagreement(
    item: GoldPosting, analysis: Analysis, expected: frozenset[str], found: dict[str, Any]
) -> dict[str, Any] | None:
    extra = sorted(found.keys() - expected)
    missed = sorted(expected - found.keys())
    if not extra and not missed and item.label in (None, analysis.label):
        return None
    return {
        "posting": item.key,
        "title": item.posting.title if item.posting else None,
        "expected_label": item.label,
        "found_label": analysis.label,
        "confidence": analysis.confidence,
        "scores": analysis.scores,
        "false_skills": [{"skill": s, "mentions": [m.text for m in found[s].mentions[:3]]} for s in extra],
        "missed_skills": missed,
        "reasons": list(analysis.reasons[:4]),
    }


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return round(precision, 4), round(recall, 4), round(f1, 4)


def _skill_scores(tp: Counter[str], fp: Counter[str], fn: Counter[str], scope: list[str]) -> dict[str, Any]:
    precision, recall, f1 = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    per_skill = []
    for skill in scope:
        if tp[skill] + fp[skill] + fn[skill] == 0:
            continue
        p, r, f = _prf(tp[skill], fp[skill], fn[skill])
        per_skill.append(
            {
                "skill": skill,
                "support": tp[skill] + fn[skill],
                "tp": tp[skill],
                "fp": fp[skill],
                "fn": fn[skill],
                "precision": p,
                "recall": r,
                "f1": f,
            }
        )
    return {"precision": precision, "recall": recall, "f1": f1, "per_skill": per_skill}


def render_evaluation(result: dict[str, Any]) -> str:
    """A readable summary of an evaluation: scores, confusion matrix and every disagreement."""
    skills, labels = result["skills"], result["labels"]
    lines = [
        f"Postings evaluated: {result['postings']} (missing: {len(result['missing'])}"
        + (f"; repeated rows left out: {len(result['repeated'])}" if result.get("repeated") else "")
        + f"); titles {'used' if result['use_titles'] else 'ignored'}"
        + _classifier_note(result),
        (
            f"Skills ({len(result['scope'])} ids in scope): precision {three(skills['precision'])}, recall {three(skills['recall'])}, "
            f"F1 {three(skills['f1'])}"
            + (f" ({_postings(skills['postings'])} with labelled skills)" if skills.get("postings", 1) != result["postings"] else "")
            if skills.get("postings", 1)
            else "Skills: none of the postings with labelled skills could be read"
            if skills.get("gold_rows")
            else "Skills: not labelled in this gold file (no skills column)"
        ),
        (
            f"Labels: accuracy {three(labels['accuracy'])}, macro-F1 {three(labels['macro_f1'])}"
            + (f" ({_postings(labels['postings'])} with a label)" if labels["postings"] != result["postings"] else "")
            if labels["postings"]
            else "Labels: none of the postings with a label could be read"
            if labels.get("gold_rows")
            else "Labels: not labelled in this gold file (skills only)"
        ),
    ]
    if result.get("unknown_gold_skills"):
        lines.append(
            "Gold skills the taxonomy does not know (not scored; `skill-analyzer taxonomy` lists the skills): "
            + ", ".join(f"{u['skill']!r} ({_postings(u['postings'])})" for u in result["unknown_gold_skills"])
        )
    if labels.get("confusion"):
        names = labels["confusion"]["labels"]
        lines.append("Confusion (rows expected, columns found): " + " ".join(f"{n:>7}" for n in names))
        for name, row in zip(names, labels["confusion"]["rows_expected_columns_found"], strict=True):
            lines.append(f"  {name:<7}" + " ".join(f"{v:>7}" for v in row))
    if labels["postings"] and "confidence" in labels:
        # A model's confidence is its top probability: the calibration table below bins the same values.
        lines.extend(render_confidence(labels["confidence"])[: 1 if labels.get("calibration") else None])
    if labels["postings"] and "calibration" in labels:
        lines.extend(render_calibration(labels["calibration"]))
    unlabelled = sorted((r for r in skills["per_skill"] if r["support"] == 0), key=lambda r: (-r["fp"], r["skill"]))
    if unlabelled and skills.get("postings"):
        lines.append(
            f"Found but in no gold row ({len(unlabelled)} skill{'' if len(unlabelled) == 1 else 's'}, all their finds count as false): "
            + ", ".join(f"{r['skill']} ({r['fp']})" for r in unlabelled[:10])
            + (", ..." if len(unlabelled) > 10 else "")
            + "; if your labels cover only some skills, pass --scope with their ids"
        )
    weakest = sorted((r for r in skills["per_skill"] if r["fp"] or r["fn"]), key=lambda r: (r["f1"], r["skill"]))[:10]
    if weakest:
        lines.append(
            "Weakest skills: " + ", ".join(f"{r['skill']} F1 {r['f1']:.2f} ({r['fp']} FP, {r['fn']} FN)" for r in weakest)
        )
    lines.append(f"Disagreements: {len(result['disagreements'])}")
    for d in result["disagreements"]:
        head = f"- {d['posting']}"
        if d["title"]:
            head += f" ({d['title']})"
        lines.append(head)
        if d["expected_label"] not in (None, d["found_label"]):
            lines.append(
                f"    label: expected {d['expected_label']}, found {d['found_label']} (confidence {d['confidence']:.2f})"
            )
            lines.extend(f"      {reason}" for reason in d["reasons"])
        for extra in d["false_skills"]:
            lines.append(f"    found but not expected: {extra['skill']} ({', '.join(repr(m) for m in extra['mentions'])})")
        if d["missed_skills"]:
            lines.append(f"    expected but not found: {', '.join(d['missed_skills'])}")
    for m in result["missing"]:
        lines.append(f"- missing {m['posting']}: {m['problem']}")
    for r in result.get("repeated", ()):
        lines.append(f"- left out {r['posting']}: the same posting as {r['same_as']}, scored once")
    facts = result.get("facts")
    if facts:
        pay, years, level = facts["pay"], facts["min_years"], facts["seniority"]
        lines.append(
            f"Pay: precision {three(pay['precision'])}, recall {three(pay['recall'])} ({pay['found']} found, {pay['labelled']} labelled); "
            f"minimum years: exact {three(years['accuracy'])} ({three(years['accuracy_labelled'])} where labelled); "
            f"seniority: exact {three(level['accuracy'])} ({three(level['accuracy_labelled'])} where labelled)"
        )
        for d in facts["disagreements"]:
            lines.append(
                f"- facts {d['posting']}: {json.dumps({k: v for k, v in d.items() if k != 'posting'}, ensure_ascii=False)}"
            )
    levels = result.get("requirements")
    if levels:
        lines.append(
            f"Requirement level: accuracy {three(levels['accuracy'])} over {levels['mentions']} mentions, "
            f"{three(levels['accuracy_clear'])} over the {levels['mentions_clear']} in postings with clear sections"
        )
    return "\n".join(lines) + "\n"


def _classifier_note(result: dict[str, Any]) -> str:
    """Which classifier labelled the postings, when it is not the rule score."""
    if result.get("classifier", "rules") == "rules":
        return ""
    return f"; labels by the model {result['model']}" if result.get("model") else "; labels by a trained model"


def _postings(count: int) -> str:
    return f"{count} posting{'' if count == 1 else 's'}"


def evaluate_facts(path: str | Path, analyzer: Analyzer, *, base: str | Path | None = None) -> dict[str, Any]:
    """Measure pay, minimum years and seniority against labelled postings.

    The file (CSV) has ``file,row,sha`` (or ``text``/``source``) to find the
    posting, ``pay`` (a JSON list of ``{min, max, currency, period}``),
    ``min_years`` (an integer or empty) and ``seniority`` (a level or empty).

    A found pay matches a labelled one with the same currency and period and
    the same ends (within 1%; an open end matches an open end). Each labelled
    pay is matched at most once.

    Returns:
        ``pay`` (precision, recall, counts), ``min_years`` and ``seniority``
        (exact-match accuracy over all postings and over those labelled with a
        value), and the disagreements.
    """
    gold_path = Path(path)
    base_dir = Path(base) if base is not None else gold_path.parent
    rows = read_gold_rows(gold_path)
    cache: dict[Path, dict[str, Posting]] = {}
    found_pay = matched_found = gold_pay = matched_gold = 0
    years = Counter[str]()
    levels = Counter[str]()
    errors: list[dict[str, Any]] = []
    for number, row in enumerate(rows, start=1):
        key, posting, problem = resolve_gold_posting(gold_path, row, number, base_dir, cache)
        if posting is None:
            errors.append({"posting": key, "problem": problem})
            continue
        expected_pay, expected_years = read_facts_row(gold_path, row, number)
        analysis = analyzer.analyze_posting(posting)
        found = [p.to_dict() for p in analysis.pay]
        hits = _match_pay(found, expected_pay)
        found_pay += len(found)
        gold_pay += len(expected_pay)
        matched_found += hits
        matched_gold += hits
        expected_level = str(row.get("seniority") or "").strip() or None
        for counter, expected, got in ((years, expected_years, analysis.min_years), (levels, expected_level, analysis.seniority)):
            counter["postings"] += 1
            counter["right"] += expected == got
            if expected is not None:
                counter["labelled"] += 1
                counter["labelled_right"] += expected == got
        if (
            hits != len(found)
            or hits != len(expected_pay)
            or expected_years != analysis.min_years
            or expected_level != analysis.seniority
        ):
            errors.append(
                {
                    "posting": key,
                    "pay_expected": [(p["min"], p["max"], p["currency"], p["period"]) for p in expected_pay],
                    "pay_found": [(p["min"], p["max"], p["currency"], p["period"], p["text"]) for p in found],
                    "min_years": [expected_years, analysis.min_years],
                    "seniority": [expected_level, analysis.seniority],
                }
            )
    precision = matched_found / found_pay if found_pay else 1.0
    recall = matched_gold / gold_pay if gold_pay else 1.0
    return {
        "pay": {"precision": round(precision, 4), "recall": round(recall, 4), "found": found_pay, "labelled": gold_pay},
        "min_years": _accuracy(years),
        "seniority": _accuracy(levels),
        "disagreements": errors,
    }


def _accuracy(counts: Counter[str]) -> dict[str, Any]:
    return {
        "accuracy": round(counts["right"] / counts["postings"], 4) if counts["postings"] else 0.0,
        "accuracy_labelled": round(counts["labelled_right"] / counts["labelled"], 4) if counts["labelled"] else 0.0,
        "postings": counts["postings"],
        "labelled": counts["labelled"],
    }


def _match_pay(found: list[dict[str, Any]], expected: list[dict[str, Any]]) -> int:
    remaining = list(expected)
    hits = 0
    for item in found:
        for index, gold in enumerate(remaining):
            if (
                item["currency"] == gold["currency"]
                and item["period"] == gold["period"]
                and _close(item["min"], gold["min"])
                and _close(item["max"], gold["max"])
            ):
                hits += 1
                del remaining[index]
                break
    return hits


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.01 * max(abs(a), abs(b), 1.0)


def evaluate_requirements(path: str | Path, analyzer: Analyzer, *, base: str | Path | None = None) -> dict[str, Any]:
    """Measure the requirement level of skill mentions against labelled ones.

    The file (CSV) has ``file,row,sha`` (or ``text``/``source``) to find the
    posting, then ``skill,start,end`` of a mention, its ``requirement``
    (``required``, ``preferred``, ``unspecified``) and ``clear`` (``yes`` when
    the posting has recognisable requirement sections). A labelled mention
    the analyzer does not find at the same offsets counts as missed.

    Returns:
        Accuracy over all labelled mentions and over those in clear postings,
        the confusion counts and the disagreements.
    """
    gold_path = Path(path)
    base_dir = Path(base) if base is not None else gold_path.parent
    cache: dict[Path, dict[str, Posting]] = {}
    found_by_posting: dict[str, dict[tuple[str, int, int], str]] = {}
    counts = Counter[str]()
    confusion = Counter[str]()
    errors: list[dict[str, Any]] = []
    for number, row in enumerate(read_gold_rows(gold_path), start=1):
        key, posting, problem = resolve_gold_posting(gold_path, row, number, base_dir, cache)
        if posting is None:
            errors.append({"posting": key, "problem": problem})
            continue
        skill, start, end, expected = read_requirement_row(gold_path, row, number)
        if key not in found_by_posting:
            analysis = analyzer.analyze_posting(posting)
            found_by_posting[key] = {(h.id, m.start, m.end): m.requirement for h in analysis.skills for m in h.mentions}
        got = found_by_posting[key].get((skill, start, end), "missed")
        clear = str(row.get("clear", "")).lower() == "yes"
        counts["all"] += 1
        counts["all_right"] += got == expected
        counts["clear"] += clear
        counts["clear_right"] += clear and got == expected
        confusion[f"{expected}->{got}"] += 1
        if got != expected:
            errors.append({"posting": key, "skill": skill, "start": start, "expected": expected, "found": got})
    return {
        "accuracy": round(counts["all_right"] / counts["all"], 4) if counts["all"] else 0.0,
        "accuracy_clear": round(counts["clear_right"] / counts["clear"], 4) if counts["clear"] else 0.0,
        "mentions": counts["all"],
        "mentions_clear": counts["clear"],
        "confusion": dict(sorted(confusion.items())),
        "disagreements": errors,
    }
