"""Numbers as text, in one place: display formats in English and Dutch, exact machine formats,
and the one parser of decimal commas.

* :func:`format_value` — a number with a format spec (``"{:,.1f}"``), ``-0`` dropped, localised
  (Dutch ``1.234,5``, English ``1,234.5``); missing and non-finite values give a placeholder.
  :func:`fmt_number` is its short form with a number of decimals. The app, the report, the
  batch summary and the CLI's text tables all format through it.
* :func:`format_exact` — the shortest text that reads back to the same float (batch output).
* :func:`parse_number` — the inverse for people's input: in a given language, or with the
  decimal mark detected from the text (``1.234,5``, ``1234,5``, ``1,234.5``).
"""
from __future__ import annotations

import math
from typing import Any

#: Languages of the texts and number formats.
LANGS = ("en", "nl")
DEFAULT_LANG = "en"
#: Placeholder of a missing or non-finite number in display text.
MISSING = "–"


def norm_lang(lang: str | None) -> str:
    """A supported language code (``en`` or ``nl``); anything else gives English."""
    lang = (lang or "").strip().lower()[:2]
    return lang if lang in LANGS else DEFAULT_LANG


def is_finite_number(v: Any) -> bool:
    """A real number (not a bool) that is finite."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def localise(text: str, lang: str) -> str:
    """Swap English separators for Dutch ones (``1,234.5`` → ``1.234,5``); other languages unchanged."""
    if norm_lang(lang) != "nl":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_value(v: Any, spec: str = "{}", lang: str = DEFAULT_LANG, missing: str = MISSING) -> str:
    """A number formatted with ``spec``, localised; ``missing`` for ``None``, NaN and infinity.

    A rounding artefact ``-0`` / ``-0.0`` loses its sign. Text that is not a number is returned
    formatted as it is.

    Examples
    --------
    >>> format_value(1234.56, "{:,.1f}", "nl")
    '1.234,6'
    >>> format_value(-0.004, "{:.2f}"), format_value(float("nan"), "{:.2f}"), format_value(None, missing="n/a")
    ('0.00', '–', 'n/a')
    """
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return missing
    try:
        text = spec.format(v)
    except (ValueError, TypeError):
        return str(v)
    if text.startswith("-") and not any(ch in "123456789" for ch in text):
        text = text[1:]
    return localise(text, lang)


def fmt_number(x: Any, decimals: int = 0, lang: str = DEFAULT_LANG) -> str:
    """A number for display: thousands separators, fixed decimals, localised; ``–`` when missing.

    >>> fmt_number(1234.567, 1, "en"), fmt_number(1234.567, 1, "nl"), fmt_number(None)
    ('1,234.6', '1.234,6', '–')
    """
    try:
        v = float(x)
    except (TypeError, ValueError):
        return MISSING
    return format_value(v, f"{{:,.{decimals}f}}", lang)


def format_exact(x: float, decimal: str = ".") -> str:
    """Shortest text that reads back to the same float, with ``decimal`` as the mark; empty for
    NaN and infinity (machine-readable output such as batch tables).

    >>> format_exact(2.0), format_exact(0.1 + 0.2, ","), format_exact(float("inf"))
    ('2', '0,30000000000000004', '')
    """
    if not math.isfinite(x):
        return ""
    s = repr(float(x))
    if s.endswith(".0") and abs(x) < 1e15:
        s = s[:-2]
    return s.replace(".", ",") if decimal == "," else s


def parse_number(text: Any, lang: str | None = None) -> float:
    """A number from text people typed or that :func:`fmt_number` wrote.

    Parameters
    ----------
    text : str
        ``1.234,5`` / ``1234,5`` (decimal comma) or ``1,234.5`` / ``1234.5``; spaces and
        non-breaking spaces are ignored; ``–``, ``-`` and empty text give NaN.
    lang : {'en', 'nl'} or None
        The convention the text follows; ``None`` detects it: with both marks the last one is the
        decimal mark, a lone comma is a decimal comma.

    Raises
    ------
    ValueError
        The text is not a number.

    >>> parse_number("1.234,5", "nl"), parse_number("1,234.5"), parse_number("12,5")
    (1234.5, 1234.5, 12.5)
    """
    s = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if s in (MISSING, "-", ""):
        return math.nan
    if lang is None:
        if "," in s and "." in s:
            s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
        elif "," in s:
            s = s.replace(",", ".")
    elif norm_lang(lang) == "nl":
        s = s.replace(".", "").replace(",", ".")
    else:
        s = s.replace(",", "")
    return float(s)
