"""The learned classifier's file format: plain JSON, read back without executing anything.

:func:`save_model` writes a :class:`~analyzer.learn.ModelClassifier` as JSON
(weights, vocabulary, feature names, and the scikit-learn version, taxonomy
and labels it was trained with); :func:`load_model` reads it back and checks
every part before building the classifier. :func:`default_model_path` is the
model shipped inside the package.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import sklearn

from .errors import ModelError, OutputError
from .learn import Array, ModelClassifier
from .model import LABELS
from .taxonomy import Taxonomy

__all__ = ["FORMAT", "FORMAT_VERSION", "default_model_path", "load_model", "save_model"]

FORMAT = "skill-analyzer-model"
FORMAT_VERSION = 1


def save_model(model: ModelClassifier, path: str | Path) -> None:
    """Write a model as JSON (no pickle): its weights, vocabulary and what it was trained with.

    Raises:
        OutputError: The file cannot be written there.
    """
    data = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "sklearn_version": sklearn.__version__,
        "taxonomy": {"name": model.taxonomy.name, "version": model.taxonomy.version}, "labels": list(LABELS),
        "stop_words": model.stop_words, "vocabulary": model.terms_, "idf": model.idf_.tolist(),
        "feature_names": model.feature_names, "feature_scale": model.scale_.tolist(), "coef": model.coef_.tolist(),
        "intercept": model.intercept_.tolist(), "calibration": None, "report": model.report_,
    }  # fmt: skip
    # "calibration" is None: the probabilities are the logistic regression's own.
    target = Path(path)
    temporary = target.with_name(f".{target.name}.tmp")
    try:
        temporary.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise OutputError(f"{target}: cannot write the model ({exc.strerror or exc}); pass --out a path you can write to.") from None


def default_model_path() -> Path:
    """The model shipped inside the package (trained on the sample postings only)."""
    return Path(__file__).resolve().parent / "data" / "default_model.json"


def load_model(path: str | Path, taxonomy: Taxonomy, *, strict_versions: bool = True) -> ModelClassifier:
    """Read a model written by :func:`save_model`; nothing from the file is executed.

    Args:
        path: The JSON model file.
        taxonomy: The taxonomy to classify with: the one the model was trained with.
        strict_versions: Refuse a model made with another scikit-learn major.minor version.

    Raises:
        ModelError: The file is missing, not a model or damaged, or was made
            with another scikit-learn version, taxonomy or label set.
    """
    file = Path(path)
    if file.exists() and not file.is_file():
        raise ModelError(f"{file}: not a file; pass --model the JSON file skill-analyzer train wrote.")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{file}: no such model file; train one with: skill-analyzer train LABELLED --out {file}") from None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ModelError(
            f"{file}: not a skill-analyzer model (not JSON: {exc}); "
            "pass --model a whole file from skill-analyzer train (copy it again if it was cut short)."
        ) from None
    found = data.get("format") if isinstance(data, dict) else None
    if found != FORMAT or data.get("format_version") != FORMAT_VERSION:
        what = f"format {found!r} version {data.get('format_version')!r}" if found else "no 'format' field"
        raise ModelError(f"{file}: not a skill-analyzer model ({what}; expected format {FORMAT!r} version {FORMAT_VERSION}).")
    trained = str(data.get("sklearn_version"))
    if strict_versions and trained.split(".")[:2] != sklearn.__version__.split(".")[:2]:
        raise ModelError(
            f"{file}: the model was trained with scikit-learn {trained}, this is scikit-learn {sklearn.__version__}; "
            "retrain it with skill-analyzer train (from Python, load_model(..., strict_versions=False) loads it anyway)."
        )
    saved = data["taxonomy"] if isinstance(data.get("taxonomy"), dict) else {}
    if (saved.get("name"), saved.get("version")) != (taxonomy.name, taxonomy.version):
        raise ModelError(
            f"{file}: the model was trained with taxonomy {saved.get('name')} {saved.get('version')}, "
            f"not {taxonomy.name} {taxonomy.version}; retrain it with this taxonomy or use the one it was trained with."
        )
    if data.get("labels") != list(LABELS):
        raise ModelError(f"{file}: the model's labels are {data.get('labels')!r}; expected {list(LABELS)}.")
    try:
        texts = {key: _strings(data[key]) for key in ("vocabulary", "stop_words", "feature_names")}
        arrays = {key: _numbers(data[key]) for key in ("idf", "feature_scale", "coef", "intercept")}
        model = ModelClassifier(
            taxonomy, terms=texts["vocabulary"], idf=arrays["idf"], stop_words=texts["stop_words"], scale=arrays["feature_scale"],
            coef=arrays["coef"], intercept=arrays["intercept"], report=data["report"] if isinstance(data.get("report"), dict) else {},
        )  # fmt: skip
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{file}: the model file is damaged ({type(exc).__name__}: {exc}); retrain it.") from None
    names = model.feature_names
    expected = ((len(model.terms_),), (len(names) - len(model.terms_),), (len(LABELS), len(names)), (len(LABELS),))
    if texts["feature_names"] != names or expected != tuple(a.shape for a in arrays.values()):
        raise ModelError(f"{file}: the model's features do not match taxonomy {taxonomy.name} {taxonomy.version}; retrain it.")
    if not all(np.isfinite(a).all() for a in arrays.values()):
        raise ModelError(f"{file}: the model file is damaged (a weight is not a finite number); retrain it.")
    return model


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("expected a list of strings")
    return list(value)


def _numbers(value: Any) -> Array:
    array = np.array(value)
    if array.dtype.kind not in "fi":
        raise TypeError("expected numbers")
    return array.astype(np.float64)
