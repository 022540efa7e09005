"""Charts as inline SVG: matplotlib figures drawn offline, with deterministic bytes.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot,
no global backend). Render them inside ``matplotlib.rc_context(CHART_STYLE)``
so that ids and fonts are stable; :func:`svg_markup` strips what an inline
SVG in HTML does not need (prolog, metadata, namespaces, styles).
"""

from __future__ import annotations

import html
import io
import re
from typing import TYPE_CHECKING, Any, Literal

from matplotlib.axes import Axes
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = ["CHART_STYLE", "LABEL_COLORS", "SERIES_COLORS", "bar_chart", "line_chart", "percent_axis", "shorten", "svg_markup"]

LABEL_COLORS = {"ai": "#0072b2", "ml": "#d55e00", "hybrid": "#009e73"}
SERIES_COLORS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#4d4d4d", "#8c564b")
CHART_STYLE: dict[RcKeyType, Any] = {
    "svg.hashsalt": "skill-analyzer",
    "svg.fonttype": "none",
    "text.parse_math": False,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
}


def shorten(name: str, limit: int = 32) -> str:
    """The name cut to ``limit`` characters with an ellipsis."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def svg_markup(fig: Figure, key: str, title: str) -> str:
    """The figure as an inline ``<svg>``: no XML prolog, metadata or namespaces; ids prefixed with ``key``."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r'\s*<style type="text/css">.*?</style>', "", svg, flags=re.S)  # moved into the page's CSS
    svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "").replace(' xmlns="http://www.w3.org/2000/svg"', "")
    svg = svg.replace("xlink:href=", "href=")
    svg = re.sub(r"font-family: [^;\"]*;? ?", "", svg)  # the page's CSS sets the font
    used = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', svg))
    svg = re.sub(r' id="([^"]+)"', lambda m: f' id="{key}-{m[1]}"' if m[1] in used else "", svg)
    svg = re.sub(r'(url\(#|href="#)([^)"]+)', rf"\g<1>{key}-\2", svg)
    svg = svg.replace("<svg ", f'<svg class="chart" role="img" aria-label="{html.escape(title)}" ', 1)
    return svg.strip()


def percent_axis(ax: Axes, axis: Literal["x", "y"] = "x") -> None:
    """Format an axis as percentages with a light grid."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(lambda value, _: f"{value:.0f}%")
    ax.grid(axis=axis, color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)


def bar_chart(key: str, title: str, names: list[str], values: list[float], notes: list[str], colors: list[str]) -> str:
    """A horizontal bar chart of percentages, the first name on top."""
    fig = Figure(figsize=(9, 0.28 * len(names) + 0.9), layout="constrained")
    ax = fig.subplots()
    bars = ax.barh(range(len(names)), values, color=colors, height=0.7)
    ax.bar_label(bars, labels=notes, padding=3, fontsize=8)
    ax.set_yticks(range(len(names)), [shorten(n, 40) for n in names])
    ax.invert_yaxis()
    ax.set_xlim(0, max([*values, 1.0]) * 1.15)
    percent_axis(ax)
    ax.set_title(title, loc="left")
    return svg_markup(fig, key, title)


def line_chart(key: str, title: str, periods: list[str], series: dict[str, list[float]], colors: list[str]) -> str:
    """Shares over periods, one line per series (gaps where a period has no posting)."""
    fig = Figure(figsize=(9.5, 3.6), layout="constrained")
    ax = fig.subplots()
    for (name, values), color in zip(series.items(), colors, strict=False):
        ax.plot(
            range(len(periods)),
            [100 * v for v in values],
            marker="o",
            markersize=3,
            linewidth=1.5,
            color=color,
            label=shorten(name, 30),
        )
    ax.set_xticks(range(len(periods)), periods, rotation=40, ha="right", rotation_mode="anchor")
    ax.set_ylim(0, 105)
    percent_axis(ax, "y")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    ax.set_title(title, loc="left")
    return svg_markup(fig, key, title)
