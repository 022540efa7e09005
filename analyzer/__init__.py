"""skill-analyzer: find the skills job postings ask for and tell AI-engineer from ML-engineer roles.

Example:
    >>> from analyzer import analyze_text
    >>> analysis = analyze_text("Build RAG agents with LangChain and deploy them on Azure.")
    >>> analysis.label
    'ai'
"""

from __future__ import annotations

from ._version import __version__
from .errors import AnalyzerError, InputError, OutputError, SkipPosting, TaxonomyError, UsageError
from .model import LABELS, Analysis, Mention, Posting, SkillHit, Skipped
from .pipeline import Analyzer, RunSummary, analyze, analyze_text
from .taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "LABELS",
    "Analysis",
    "Analyzer",
    "AnalyzerError",
    "InputError",
    "Mention",
    "OutputError",
    "Posting",
    "RunSummary",
    "SkillHit",
    "SkipPosting",
    "Skipped",
    "Taxonomy",
    "TaxonomyError",
    "UsageError",
    "__version__",
    "analyze",
    "analyze_text",
    "load_taxonomy",
]
