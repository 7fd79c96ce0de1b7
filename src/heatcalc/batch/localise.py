"""Batch output in a chosen language: ``heatcalc batch --lang nl|en``.

With a language, every result row's ``message`` and ``warnings`` are the library's messages rendered in
that language (the report's long form, :func:`heatcalc.present.messages.render`), and two columns carry
their codes: ``message_code`` and ``warning_codes`` (one code per warning, ``|``-separated as the
warnings are; empty for a text without a code). Without ``--lang`` the output is as before: English
texts, no code columns.
"""
from __future__ import annotations

from typing import Any, Callable

from heatcalc.core.messages import code_of, codes_of
from heatcalc.core.numbers import LANGS, norm_lang
from heatcalc.present.messages import render

#: Columns added after the result columns when a language is chosen.
CODE_COLUMNS = ("message_code", "warning_codes")


def localise_row(row: dict, lang: str) -> dict:
    """A result row with its message and warnings in ``lang`` and their codes in :data:`CODE_COLUMNS`."""
    out = dict(row)
    warnings = row.get("warnings") or []
    warnings = [warnings] if isinstance(warnings, str) else list(warnings)
    out["message_code"] = code_of(row.get("message")) or ""
    out["warning_codes"] = [c or "" for c in codes_of(warnings)]
    out["message"] = render(row.get("message"), lang, "long")
    out["warnings"] = [render(w, lang, "long") for w in warnings]
    return out


class LocalisedEvaluator:
    """``record -> rows`` of the batch workers with the rows localised (picklable for worker processes).

    Parameters
    ----------
    lang : str
        ``en`` or ``nl``.
    base : callable, optional
        The evaluator to wrap; default :func:`heatcalc.evaluation.annual.evaluate_record`.

    Notes
    -----
    :func:`heatcalc.batch.engines.evaluate_chunk` calls :meth:`evaluate`, adds the reader's errors and
    warnings of the input row (and the row's own tariff notes), then :meth:`localise` on the whole row.
    """

    def __init__(self, lang: str, base: Callable[[dict], list[dict]] | None = None):
        self.lang = norm_lang(lang)
        self.base = base

    def evaluate(self, record: dict) -> list[dict]:
        """The rows of ``record`` as evaluated, messages still in English (with their codes)."""
        if self.base is None:
            from heatcalc.evaluation.annual import evaluate_record

            return evaluate_record(record)
        return self.base(record)

    def localise(self, row: dict) -> dict:
        """One complete result row (with the reader's warnings of its input row) in the language."""
        return localise_row(row, self.lang)

    def __call__(self, record: dict) -> list[dict]:
        return [self.localise(r) for r in self.evaluate(record)]


def check_lang(lang: Any) -> str:
    """``en`` or ``nl``; anything else is an input error naming the valid values."""
    from heatcalc.core.errors import InputError

    s = str(lang).strip().lower()
    if s not in LANGS:
        raise InputError(f"--lang={lang!r} is not known; choices: {', '.join(LANGS)}")
    return s


def summary_text(summary, lang: str) -> str:
    """The batch summary's terminal lines in ``lang`` (Dutch numbers with dots between thousands)."""
    if norm_lang(lang) != "nl":
        return summary.text()
    from heatcalc.core.numbers import fmt_number

    def n(x, d=0):
        return fmt_number(x, d, "nl")

    s = summary
    lines = [
        f"regels gelezen {n(s.rows_read)}: goed {n(s.rows_ok)}, fout {n(s.rows_error)}"
        + (f" (intern {n(s.internal_errors)}, graag melden)" if s.internal_errors else "")
        + (f"; lege regels overgeslagen {n(s.blank_rows)}" if s.blank_rows else "")
        + (f"; dubbele case_id {n(s.duplicate_ids)}" if s.duplicate_ids else ""),
        f"resultaatregels: goed {n(s.results_ok)}, niet haalbaar {n(s.results_infeasible)}, fout {n(s.results_error)}",
        f"tijd {n(s.seconds, 1)} s ({n(s.rows_per_s)} regels/s, engine {s.engine}, {s.workers} "
        f"{'workers' if s.workers != 1 else 'worker'}) → {s.output}",
    ]
    return "\n".join(lines)
