"""Messages with codes: every warning, note and reason the library emits.

A :class:`Message` *is* its English text (a ``str`` subclass), so everything that
joins, compares, writes or prints warnings keeps working and reads as before. It also
carries a stable ``code`` (``connection.level_change``) and the ``params`` it was made
from (``{"from_level": "MS", "to_level": "TS", "operator": "liander", ...}``), from
which :mod:`heatcalc.present.messages` renders it in English or Dutch, short for the
screen or long for the report.

>>> m = Message("economics.no_co2_saved", "no CO2 saved against the baseline: abatement cost not defined")
>>> m == "no CO2 saved against the baseline: abatement cost not defined", m.code
(True, 'economics.no_co2_saved')
>>> code_of("plain text") is None
True

The catalogue of codes, with their English and Dutch texts, is in
:mod:`heatcalc.present.messages` (docs/interface.md, "Message codes").
"""
from __future__ import annotations

from typing import Any, Iterable


class Message(str):
    """English text of a message plus its ``code``, ``params`` and ``context``.

    Parameters
    ----------
    code : str
        Stable dotted code (``<area>.<what>``); never changes once published.
    text : str
        The English default text (what ``str(message)`` gives).
    context : str, optional
        Where the message was passed on from (``economics`` for the finance notes a
        result row carries as ``economics: …``); the text then starts with that prefix.
    **params
        Values the text is made from (numbers stay numbers, so that a renderer can
        format them in the reader's language).
    """

    def __new__(cls, code: str, text: str, /, *, context: str = "", **params: Any) -> "Message":
        obj = super().__new__(cls, text)
        obj.code = code
        obj.params = params
        obj.context = context
        return obj

    def __reduce__(self):  # pickling (worker processes, Streamlit's cache) keeps code and params
        return (_rebuild, (self.code, str(self), self.context, self.params))

    def __repr__(self) -> str:
        return f"Message({self.code!r}, {str(self)!r})"

    def prefixed(self, context: str) -> "Message":
        """The same message passed on as ``"<context>: <text>"`` (code and params kept)."""
        return Message(self.code, f"{context}: {self}", context=context, **self.params)

    def to_dict(self) -> dict:
        """``{"code", "params", "text"}`` — the message as a JSON object."""
        return {"code": self.code, "params": dict(self.params), "text": str(self)}


def _rebuild(code: str, text: str, context: str, params: dict) -> Message:
    return Message(code, text, context=context, **params)


def join(parts: Iterable[str], sep: str = "; ") -> str:
    """Several messages as one text (``sep``-joined); the parts keep their codes.

    Returns a :class:`Message` with code ``joined`` and the parts in ``params["parts"]``
    when any part is a message, else the plain joined text.
    """
    parts = [p for p in parts if p]
    text = sep.join(parts)
    if len(parts) == 1:
        return parts[0]
    if any(isinstance(p, Message) for p in parts):
        return Message("joined", text, parts=parts, sep=sep)
    return text


def code_of(text: Any) -> str | None:
    """The code of a message, ``None`` for plain text (or no text)."""
    return text.code if isinstance(text, Message) else None


def codes_of(texts: Iterable[Any] | None) -> list[str | None]:
    """The code of each message of a list (``None`` where a text has none)."""
    return [code_of(t) for t in texts or []]


def message_of(exc: BaseException) -> str:
    """The message an exception was raised with: the :class:`Message` when it was one, else ``str(exc)``."""
    args = getattr(exc, "args", ())
    if len(args) == 1 and isinstance(args[0], Message):
        return args[0]
    return str(exc)
