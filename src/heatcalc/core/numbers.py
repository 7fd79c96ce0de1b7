"""Numbers as text, in one place: display formats in English and Dutch, exact machine formats,
and the one parser of decimal commas.

* :func:`format_value` — a number with a format spec (``"{:,.1f}"``), ``-0`` dropped, localised
  (Dutch ``1.234,5``, English ``1,234.5``); missing and non-finite values give a placeholder.
  :func:`fmt_number` is its short form with a number of decimals. The app, the report, the
  batch summary and the CLI's text tables all format through it.
* :func:`format_exact` — the shortest text that reads back to the same float (batch output).
* :func:`parse_number` — the inverse for people's input: in a given language, or with the
  decimal mark detected from the text (``1.234,5``, ``1234,5``, ``1,234.5``).
* :func:`normalise_number` — number text of a file whose decimal mark is known (batch CSV):
  the decimal mark is the decimal, the other mark only groups thousands in threes; a cell
  that breaks the rule is rejected with the reason, never read ×1000 wrong.
"""
from __future__ import annotations

import math
import re
from typing import Any

from heatcalc.core.messages import Message

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


#: Characters removed from number text before reading (spaces, no-break and thin spaces).
_NUMBER_SPACES = re.compile("[ \u00a0\u202f\u2009]")


#: Text shaped like a number written with digits and ``.``/``,`` marks (optional sign and exponent).
_NUMBER_SHAPE = re.compile(r"^([+-]?)([\d.,]*\d[\d.,]*|[.,]\d+)([eE][+-]?\d+)?$", re.ASCII)


def looks_like_number(text: Any) -> bool:
    """Whether ``text`` is written as a number with ASCII digits and ``.``/``,`` marks (``1.234,5``, ``-2,5e3``).

    >>> looks_like_number("2.500"), looks_like_number(" 1 234,5 "), looks_like_number("12 kW"), looks_like_number("inf")
    (True, True, False, False)
    """
    return isinstance(text, str) and bool(_NUMBER_SHAPE.match(_NUMBER_SPACES.sub("", text.strip())))


def _grouped(int_part: str, group: str) -> bool:
    """``1.234`` / ``12.345.678``: a first group of 1-3 digits (not starting with 0), then groups of exactly 3."""
    return re.fullmatch(r"[1-9]\d{0,2}(?:" + re.escape(group) + r"\d{3})+", int_part) is not None


def normalise_number(text: str, decimal: str | None, certain: bool = True) -> tuple[str, str | None]:
    """Number text of a table with a known decimal mark, as plain text with a decimal point.

    The rule: ``decimal`` is the decimal mark; the other mark may only separate thousands, in groups of
    three digits before the decimal mark (``1.234.567,5`` in a decimal-comma file, ``1,234,567.5`` in a
    decimal-point file). Anything else that uses the other mark is rejected, so no cell is ever read a
    factor 1000 off without a word.

    Parameters
    ----------
    text : str
        A cell; spaces, no-break and thin spaces are ignored.
    decimal : {'.', ','} or None
        The table's decimal mark. ``None``: unknown — a cell with both marks takes the last as the decimal,
        a mark appearing twice groups thousands, a single mark followed by three digits (``2.500``) is
        ambiguous and rejected, any other single mark is the decimal.
    certain : bool
        Whether ``decimal`` was decided from cells that show it. When not, a cell whose only mark is a
        single decimal mark before three digits (``2.500`` read as 2.5) gets a note.

    Returns
    -------
    text : str
        ``[-]digits[.digits][e±n]``, exactly the number written.
    note : Message or None
        How an ambiguous-looking cell was read (``'2.500' read as 2500: ...``), for a warning on the row (a
        :class:`heatcalc.core.messages.Message`: its English text with a code, rendered in Dutch by the batch).

    Raises
    ------
    ValueError
        The text is not written with digits and marks (message ``not a number``), or it breaks the rule
        (the message says why and how to write it); its argument is a coded message.

    Examples
    --------
    >>> text, note = normalise_number("2.500", ",")
    >>> text, str(note), note.code
    ('2500', "'2.500' read as 2500 (the file's decimal mark is ','; '.' separates thousands)", 'number.read_grouped')
    >>> normalise_number("1.234,5", ",")[0], normalise_number("1,234.5", ".")[0]
    ('1234.5', '1234.5')
    >>> normalise_number("2,5", ".")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: the file's decimal mark is '.'; ',' may only separate thousands ... (1,234.5); write 2.5
    """
    s = _NUMBER_SPACES.sub("", str(text).strip())
    m = _NUMBER_SHAPE.match(s)
    if not m:
        raise ValueError(Message("input.not_a_number", "not a number"))
    sign, mant, exp = m.group(1), m.group(2), m.group(3) or ""
    if "." not in mant and "," not in mant:
        return sign + mant + exp, None
    if decimal is None:
        if "." in mant and "," in mant:
            decimal = "." if mant.rfind(".") > mant.rfind(",") else ","
        else:
            mark = "." if "." in mant else ","
            if mant.count(mark) > 1:
                decimal = "," if mark == "." else "."
            else:
                ip, _, fp = mant.partition(mark)
                if len(fp) == 3 and _grouped(ip + mark + fp, mark) and not exp:
                    small = f"{sign}{ip}.{fp.rstrip('0') or '0'}"
                    raise ValueError(Message(
                        "number.ambiguous", f"{s!r} may be {small} or {sign}{ip}{fp} ('{mark}' as decimal mark or "
                        f"as thousands separator); write {sign}{ip}{fp} or {small}", cell=repr(s), small=small,
                        large=f"{sign}{ip}{fp}", mark=mark))
                decimal = mark
    if decimal not in (".", ","):
        raise ValueError(Message("number.bad_mark", f"decimal mark {decimal!r} is not '.' or ','",
                                 mark=repr(decimal)))
    group = "," if decimal == "." else "."
    example = "1.234,5" if decimal == "," else "1,234.5"
    rule = Message("number.rule", f"the file's decimal mark is {decimal!r}; {group!r} may only separate thousands "
                   f"in groups of three digits ({example})", mark=repr(decimal), group=repr(group), example=example)
    if mant.count(decimal) > 1:
        raise ValueError(Message("number.mark_twice", f"{rule}; {decimal!r} appears more than once", rule=rule,
                                 mark=repr(decimal)))
    ip, has_dec, fp = mant.partition(decimal)
    if group in fp:
        raise ValueError(Message("number.group_after_mark", f"{rule}; {group!r} after the decimal mark", rule=rule,
                                 group=repr(group)))
    note = None
    if group in ip:
        if not _grouped(ip, group):
            guess = mant.replace(group, decimal) if mant.count(group) == 1 and not has_dec else None
            raise ValueError(Message("number.bad_grouping_write", f"{rule}; write {sign}{guess}{exp}", rule=rule,
                                     write=f"{sign}{guess}{exp}") if guess else rule)
        plain = ip.replace(group, "")
        if ip.count(group) == 1 and not has_dec:
            note = Message("number.read_grouped", f"{s!r} read as {sign}{plain}{exp} (the file's decimal mark is "
                           f"{decimal!r}; {group!r} separates thousands)", cell=repr(s), read=f"{sign}{plain}{exp}",
                           mark=repr(decimal), group=repr(group))
        ip = plain
    elif not certain and has_dec and len(fp) == 3 and _grouped(ip + group + fp, group) and not exp:
        note = Message("number.read_uncertain", f"{s!r} read as {sign}{ip}.{fp.rstrip('0') or '0'} (decimal mark "
                       f"{decimal!r}: no cell of the first rows shows the file's decimal mark; write {sign}{ip}{fp} if "
                       "thousands were meant)", cell=repr(s), read=f"{sign}{ip}.{fp.rstrip('0') or '0'}",
                       mark=repr(decimal), large=f"{sign}{ip}{fp}")
    out = sign + (ip or "0") + ("." + fp if fp else "") + exp
    return out, note
