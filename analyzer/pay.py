"""Read the pay a posting states: ranges and amounts, their currency, period and annual figures.

Pay (``extract_pay``):

- An amount is a number with a currency mark (``$``, ``£``, ``€``, ``₹``,
  ``CA$``, ``USD``, ``120,000 USD``...), or a bare number shaped like money
  (``150K``, ``98,100``, ``55/hr``) right after a pay word ("salary",
  "pay", "compensation", "rate"...). ``$`` alone is US dollars, and so is a
  bare number (Indian lakhs and crores are rupees).
- Two amounts joined by ``-``, ``–``, ``—``, ``~``, "to" or "and" are a
  range. A shorthand low end takes the high end's scale: ``$150-160k``
  starts at 150,000 and ``$110 - $120,000`` at 110,000. A ``K`` after a
  number already in thousands (``$100,000K``) is ignored. ``70.000`` is
  seventy thousand only with a currency other than dollars or pounds.
- The period comes from the words right after the amount (``/hr``,
  ``per hour``, ``a year``, ``annually``, ``/month``...), else from a period
  word in the sentence that fits the amount's size ("hourly" only under
  1,000; "annual" only from 10,000), else from the size alone: 10,000 and
  more is a year. An amount under 1,000 is hourly only when the sentence
  says hour, hr, hourly or rate (staffing postings give contract rates as
  "Rate: $65 on C2C"); otherwise it is not pay.
- Annual figures: an hour is 2,080 (40 hours x 52 weeks), a day 260, a week
  52, a month 12. Pay whose annual figure is under 10,000 or over 10 million
  (a billion for rupees and yen) is dropped.
- Not pay: amounts in millions unless the sentence speaks of pay (so
  funding and revenue drop out), billions and trillions, ``401k``,
  percentages, counts ("35,000 companies"), and amounts described by a
  benefit or business word before them or in the three words after them
  (budget, stipend, allowance, reimbursement, relocation, sign-on, referral,
  bonus, equity, tuition, credit, revenue, funding, raised, valuation...).
  Before the amount only the words since the last pay word ("salary",
  "range"...) or number count, so "bonus + equity. Salary: $X" is pay. A
  range that is not pay yields no pay from either end.
- One amount alone is ``min == max``; "up to", "maximum" make it a maximum,
  "starting at", "from", "at least", "minimum" or a glued ``+``
  (``$150K+``) a minimum.
- ``basis`` comes from the cue nearest before the amount in its sentence
  (for an amount on a line of its own, or after a line ending with a colon,
  the line that introduces it counts too), else from one after it: ``total``
  for total compensation, OTE, on-target earnings, total target cash, or
  variable pay; ``base`` for base pay or base salary; else ``unspecified``.
- ``text`` spans the amounts with their currency marks and a period written
  right after them (``$120k-$150k/yr``); "up to" and the like are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fastre import compile_fast
from .model import Pay
from .sentences import sentence_bounds

__all__ = ["extract_pay"]


#: Hours, days, weeks and months in a working year.
_PER_YEAR = {"hour": 2080, "day": 260, "week": 52, "month": 12, "year": 1}


# --- pay ---------------------------------------------------------------------------------------------------------------

_CODES = "USD|CAD|GBP|EUR|INR|AUD|NZD|SGD|CHF|HKD|JPY"
_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "CA$": "CAD",
    "C$": "CAD",
    "AU$": "AUD",
    "A$": "AUD",
    "NZ$": "NZD",
    "S$": "SGD",
    "HK$": "HKD",
    "£": "GBP",
    "€": "EUR",
    "₹": "INR",
    "RS": "INR",
    "RS.": "INR",
}
_MONEY = compile_fast(
    rf"""
    (?<![\w.,$£€₹])
    (?:(?P<pre>(?:US|CA|C|AU|A|NZ|S|HK)\$|(?:{_CODES})(?:\s?[$£€])?|US\s?[Dd]ollars?\s?\(USD\)|Rs\.?|[$£€₹])\s?)?
    (?P<num>\d{{1,3}}(?:\.\d{{3}})+(?:,\d{{2}})?(?![\d.])
        |\d{{1,2}},(?:\d{{2}},)+\d{{3}}(?:\.\d{{1,2}})?
        |\d{{1,3}}(?:,\s?\d{{3}})+(?:\.\d{{1,2}})?
        |\d+(?:\.\d+)?)
    (?:(?P<mult>[kK]|mm|MM|mn|[mM]|bn|BN|[bB])(?![A-Za-z])|\s?(?P<word>(?i:million|billion|trillion|lakhs?|lacs?|crores?)|LPA)\b)?
    (?!\s?%|\d)
    (?:\s?(?P<code>{_CODES})\b)?
    """,
    re.X,
)
_MULTIPLIERS = {
    "k": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "lpa": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
_UNITS = r"hours?|hrs?|h|hourly|years?|yrs?|annum|annual(?:ly)?|yearly|months?|mos?|monthly|mth|weeks?|wks?|weekly|days?|daily"
_SUFFIX = re.compile(
    rf"""
    (?:\s?\(?(?P<code>{_CODES})\)?)?
    (?:\s?/\s?|\s+per\s+|\s+an?\s+|\s+p\.?\s?)(?P<unit>{_UNITS})(?![\w-])
    (?:\s?\((?P<code2>{_CODES})\))?
    |(?:\s?\(?(?P<code3>{_CODES})\)?)?\s?(?P<unit2>hrs?|yrs?|hourly|annual(?:ly)?|yearly|monthly|weekly|daily|p\.a\.)(?![\w-])
    (?:\s?\((?P<code4>{_CODES})\))?""",
    re.X | re.I,
)
_SEPARATOR = re.compile(rf"\A(?:\s?/?\s?(?:{_UNITS}))?\s*(?:-{{1,2}}|[–—−~]|to|and|through|thru)\s*\Z", re.I)
_PAY_WORD = re.compile(
    r"\b(salar(y|ies)|pay|paid|paying|compensation|comp|wages?|rates?|earnings|OTE|income|remuneration|base)\b", re.I
)
_RESET_WORD = re.compile(_PAY_WORD.pattern + r"|\b(range|band|zone|tier|region|level)\b", re.I)
_NOT_PAY = re.compile(
    r"\b(budget|stipends?|allowances?|reimburs\w*|relocation|sign[- ]?on|signing|referral|retention|tuition|assistance|"
    r"conferences?|courses?|credits?|wellness|well-?being|gym|fitness|meals?|lunch|food|commut\w*|parking|"
    r"transit|internet|phone|home[- ]office|equipment|hsa|fsa|401\s?\(?k\)?|match(ing)?|contribut\w*|insurance|coverage|"
    r"benefit|childcare|fertility|adoption|bonus(es)?|equity|stock|rsus?|options|shares|grants?|vest\w*|tokens?|revenues?|"
    r"arr|mrr|sales|funding|funded|fund|raised?|raising|round|seed|series [a-h]|valuation|valued|worth|invest\w*|assets|aum|"
    r"deals?|customers?|savings?|spend|costs?|price|prizes?|awards?|scholarships?|donat\w*|fees?|"
    r"loans?|gmv|transactions?|profit|loss(es)?|payments?|payroll|deduction|premiums?|paycheck|travel|expenses?)\b",
    re.I,
)
_COUNTED = re.compile(
    r"\s*(employees|people|persons|users|members|customers|clients|companies|businesses|patients|students|developers|"
    r"engineers|downloads|installs|visitors|records|hours|days|weeks|months|years)\b",
    re.I,
)
_PERIOD_CUES = (
    ("hour", re.compile(r"\bhourly\b|\bper hour\b|\ban hour\b|/\s?hr?\b|\bhrs?\b|\bw-?2\b|\bc2c\b|\b1099\b|\brates?\b", re.I)),
    ("year", re.compile(r"\bannual(ly)?\b|\byearly\b|\bper (year|annum)\b|\ba year\b|/\s?yr\b|\bannum\b", re.I)),
    ("month", re.compile(r"(?<!paid )\b(monthly|per month|a month)\b|/\s?mo(nth)?\b", re.I)),
    ("week", re.compile(r"(?<!paid )\b(weekly|per week|a week)\b", re.I)),
    ("day", re.compile(r"\b(daily|per day|a day|day rate)\b", re.I)),
)
#: The amounts each period word is believable for (before annualising).
_PERIOD_SIZES = {"hour": (5, 1000), "year": (10_000, 1e10), "month": (800, 100_000), "week": (200, 20_000), "day": (50, 5000)}
_MAX_CUE = re.compile(
    r"(up\s?to|max(imum)?(\s+of)?|not to exceed|no more than|capped at|as (high|much) as)\s*"
    r"((annual|base|hourly)\s+)?((salary|pay|compensation|rate)\s*)?[:\-–]?\s*\Z",
    re.I,
)
_MIN_CUE = re.compile(
    r"(start(ing|s)?(\s+(at|from))?|from|at least|min(imum)?(\s+of)?|upwards of|north of|in excess of)\s*"
    r"((annual|base|hourly)\s+)?((salary|pay|compensation|rate)\s*)?[:\-–]?\s*\Z",
    re.I,
)
_TOTAL = re.compile(
    r"\btotal (target )?(cash|compensation|comp|pay|earnings)\b|\bOTE\b|\bon[- ]target\b|\bvariable (compensation|pay|incentive)|"
    r"\bsalary and variable\b|\binclud\w* [^.]{0,30}\b(variable|bonus|commission|incentive)",
    re.I,
)
_NOT_INCLUDED = re.compile(r"\b(not include|exclud\w*|exclusive of)\W*(\w+\W+){0,3}\Z|\b(not|n't)\s*\Z", re.I)
_BASE = re.compile(r"\bbase\b", re.I)


@dataclass(frozen=True, slots=True)
class _Amount:
    start: int
    end: int
    value: float
    currency: str | None  # None: no currency mark
    specific: bool  # a code (CAD) rather than a bare symbol ($)
    scale: str  # "", "k", "m" (millions), "b" (billions and more), "lakh"
    grouped: bool  # written with thousands separators
    period: str | None  # "year" for LPA


def extract_pay(text: str) -> tuple[Pay, ...]:
    """Find every salary or pay rate a posting states, in text order.

    Args:
        text: A posting's text.

    Returns:
        One Pay per amount or range stated as pay (see the module docstring for
        the rules).

    Example:
        >>> [p.annual_max for p in extract_pay("Pay: $55 - $65 per hour.")]
        [135200.0]
    """
    amounts = [a for a in (_read_amount(m) for m in _MONEY.finditer(text)) if a is not None]
    found: list[Pay] = []
    index = 0
    while index < len(amounts):
        first = amounts[index]
        pair = amounts[index + 1] if index + 1 < len(amounts) else None
        if pair is not None and _SEPARATOR.match(text[first.end : pair.start]) and (low_high := _range_values(first, pair)):
            # A range is read as a whole: when it is not pay, neither end is.
            pay = _make_pay(text, first, pair, *low_high)
            if pay is not None:
                found.append(pay)
            index += 2
            continue
        pay = _make_pay(text, first, first, first.value, first.value)
        if pay is not None:
            found.append(pay)
        index += 1
    return tuple(found)


def _read_amount(match: re.Match[str]) -> _Amount | None:
    num, pre, code = match.group("num"), match.group("pre"), match.group("code")
    scale_word = (match.group("mult") or match.group("word") or "").lower()
    if re.match(r"40[13]\Z", num) and scale_word in ("k", "b") and not pre:
        return None  # 401k, 403b
    currency, specific = None, False
    if pre:
        key = re.sub(r"\s", "", pre).upper()
        if key in _SYMBOLS:
            currency, specific = _SYMBOLS[key], key != "$"
        else:  # USD, USD $, US Dollar (USD)
            currency, specific = ("USD" if key.startswith("USDOLLAR") else key[:3]), True
    if code:
        currency, specific = code, True
    dot_groups = re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d{2})?", num)
    if dot_groups and (num.count(".") > 1 or currency not in (None, "USD", "GBP", "CAD", "AUD", "NZD", "SGD", "HKD")):
        value = float(num.replace(".", "").replace(",", "."))
    else:
        value = float(re.sub(r"[,\s]", "", num))
    multiplier = _MULTIPLIERS.get(scale_word, 1.0)
    if scale_word == "k" and value >= 1000:
        multiplier = 1.0
    scale = {
        "k": "k",
        "lpa": "lakh",
        "lakh": "lakh",
        "lakhs": "lakh",
        "lac": "lakh",
        "lacs": "lakh",
        "crore": "lakh",
        "crores": "lakh",
    }.get(scale_word, "b" if multiplier >= 1e9 else "m" if multiplier >= 1e6 else "")
    if scale == "lakh" and currency is None:
        currency = "INR"
    return _Amount(
        match.start(),
        match.end(),
        value * multiplier,
        currency,
        specific,
        scale,
        "," in num or "." in num,
        "year" if scale_word == "lpa" else None,
    )


def _range_values(low: _Amount, high: _Amount) -> tuple[float, float] | None:
    """The two ends of a range written as low-high, or None when they do not make one."""
    if low.specific and high.specific and low.currency != high.currency:
        return None
    lo, hi = low.value, high.value
    if lo < 1000 <= hi and lo * 1000 <= hi and (high.scale == "k" or hi >= 10_000):
        lo *= 1000  # $150-160k, $110 - $120,000
    elif hi < 1000 <= lo and low.scale == "k" and hi * 1000 >= lo:
        hi *= 1000  # $150k-160
    return (lo, hi) if lo <= hi else None


def _make_pay(text: str, first: _Amount, last: _Amount, low: float, high: float) -> Pay | None:
    """A Pay for the amount or range first..last, or None when it is not pay."""
    parts = (first,) if first is last else (first, last)
    if any(p.scale == "b" for p in parts):
        return None
    start, end = first.start, last.end
    suffix = _SUFFIX.match(text, end)
    unit = explicit_code = None
    if suffix:
        unit = suffix.group("unit") or suffix.group("unit2")
        explicit_code = next((c for c in suffix.group("code", "code2", "code3", "code4") if c), None)
        end = suffix.end()
    s_start, s_end = sentence_bounds(text, start, end)
    before = text[max(s_start, start - 80) : start]
    after = text[end:s_end]
    currency = (
        explicit_code
        or next((p.currency for p in parts if p.specific), None)
        or next((p.currency for p in parts if p.currency), None)
    )
    if currency is None and not _bare_money(before, parts, unit):
        return None
    if any(p.scale == "m" for p in parts) and not _PAY_WORD.search(text[s_start:s_end]):
        return None
    if _described_as_not_pay(before, after):
        return None
    period = _unit_period(unit) if unit else first.period or last.period or _context_period(before, after, high)
    if period is None:
        return None
    lo: float | None = low
    hi: float | None = high
    if first is last:
        if _MAX_CUE.search(before):
            lo = None
        elif _MIN_CUE.search(before) or re.match(r"\+|\s?\+\s*(\n|\Z|[.;,)])|\s+(or more|and up|and above)\b", text[end:]):
            hi = None
    factor = _PER_YEAR[period]
    annual = [None if v is None else round(v * factor, 2) for v in (lo, hi)]
    limit = 1e9 if currency in ("INR", "JPY") else 1e7
    if any(a is not None and not 10_000 <= a <= limit for a in annual):
        return None
    return Pay(
        lo,
        hi,
        currency or "USD",
        period,
        annual[0],
        annual[1],
        text[start:end],
        start,
        end,
        _basis(text, start, end, s_start, s_end),
    )


def _unit_period(unit: str) -> str:
    unit = unit.lower()
    if unit.startswith("h"):
        return "hour"
    if unit.startswith(("mo", "mth")):
        return "month"
    if unit.startswith("w"):
        return "week"
    if unit.startswith("d"):
        return "day"
    return "year"


def _bare_money(before: str, parts: tuple[_Amount, ...], unit: str | None) -> bool:
    """True when numbers without a currency mark read as pay: money-shaped, after a pay word."""
    shaped = all(p.scale in ("k", "lakh") or (p.grouped and p.value >= 10_000) for p in parts) or (
        unit is not None and _unit_period(unit) == "hour"
    )
    return shaped and bool(_PAY_WORD.search(before[-60:]))


def _described_as_not_pay(before: str, after: str) -> bool:
    """True when a benefit or business word names the amount (before it, or in the three words after it).

    Before the amount, only the words since the last pay word or number count.
    """
    resets = [m.end() for m in _RESET_WORD.finditer(before)] + [m.end() for m in re.finditer(r"\d", before)]
    window = before[max(resets) :] if resets else before
    if _NOT_PAY.search(window):
        return True
    clause = re.split(
        r"[,;:()+\n]|\s(?:and|plus|with|w/|or|based|depending|dependent|commensurate|doe)\b|\.\s",
        after.removeprefix("+"),
        maxsplit=1,
    )[0]
    words = re.findall(r"[\w&'’-]+", clause)[:3]
    return bool(_NOT_PAY.search(" ".join(words)) or _COUNTED.match(after))


def _context_period(before: str, after: str, value: float) -> str | None:
    """The period a sentence's words give an amount of this size, nearest word first."""
    cues: list[tuple[int, str]] = []
    for period, pattern in _PERIOD_CUES:
        if period in ("month", "week", "day"):
            near_before, near_after = before[-30:], after[:30]
        else:
            near_before, near_after = before, after[:40]
        cues += [(len(near_before) - m.end(), period) for m in pattern.finditer(near_before)]
        cues += [(m.start(), period) for m in pattern.finditer(near_after)]
    for _, period in sorted(cues):
        low, high = _PERIOD_SIZES[period]
        if low <= value < high:
            return period
    return "year" if value >= 10_000 else None


def _basis(text: str, start: int, end: int, s_start: int, s_end: int) -> str:
    """``base``, ``total`` or ``unspecified``: the cue nearest before the amount, else one after it.

    An amount alone on its line ("$140,000—$180,000 USD", "Zone A: $X") reads
    the line above it too.
    """
    before, after = text[s_start:start], text[end:s_end]
    if s_start == text.rfind("\n", 0, start) + 1:
        before = _lead_in(text, s_start) + "\n" + before
    cues = [(m.end(), "base") for m in _BASE.finditer(before)]
    cues += [(m.end(), "total") for m in _TOTAL.finditer(before) if not _NOT_INCLUDED.search(before[: m.start()])]
    if cues:
        return max(cues)[1]
    if any(not _NOT_INCLUDED.search(after[: m.start()]) for m in _TOTAL.finditer(after)):
        return "total"
    return "base" if _BASE.search(after) else "unspecified"


def _lead_in(text: str, line_start: int) -> str:
    """The line that introduces an amount's line, or "".

    A line of little else than amounts ("$140,000—$180,000 USD", "Zone B: $X")
    is introduced by the nearest line above that is not one too; any line is
    introduced by a line above it that ends with a colon.
    """
    own_end = text.find("\n", line_start)
    line = text[line_start : own_end if own_end >= 0 else len(text)]
    short = len(re.findall(r"[a-z]", _MONEY.sub("", line), re.I)) <= 10
    for previous in reversed(text[:line_start].splitlines()[-8:]):
        stripped = previous.strip()
        if not stripped:
            continue
        if short and _MONEY.search(stripped) and len(re.findall(r"[a-z]", _MONEY.sub("", stripped), re.I)) <= 10:
            continue
        return stripped if short or stripped.endswith(":") else ""
    return ""
