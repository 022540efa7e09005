from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import Analyzer, load_taxonomy
from analyzer.match import SkillMatcher
from analyzer.taxonomy import Taxonomy

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
#: A short AI-engineer listing for the CLI tests (tests/test_cli_*.py).
LISTING = """Senior AI Engineer

Responsibilities:
* Build LLM-powered applications and AI agents with LangChain
* Integrate models into our products through REST APIs on Azure
"""
#: Debian's Chromium and the flags it needs here (no sandbox as root, no calls home).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="session")
def analyzer(taxonomy: Taxonomy) -> Analyzer:
    return Analyzer(taxonomy)


@pytest.fixture(scope="session")
def matcher(analyzer: Analyzer) -> SkillMatcher:
    return analyzer.matcher


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not here (it only exists on the development machines)")
    return CORPUS
