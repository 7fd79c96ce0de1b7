"""Command line interface ``heatcalc`` (a thin layer over the library).

Exit codes (docs/interface.md): 0 success, 2 invalid user input (one line on
stderr starting with ``error:``), 1 an internal fault. Each sub-command lives in
its own module and registers itself on :data:`app`.
"""
from __future__ import annotations

import sys

import typer

from heatcalc.core.errors import HeatCalcError

try:  # typer >= 0.26 ships its own click
    from typer.exceptions import TyperException as _UsageBase
except ImportError:  # pragma: no cover - older typer on top of click
    from click.exceptions import ClickException as _UsageBase

app = typer.Typer(
    name="heatcalc",
    help="Industrial heat-pump and electrification feasibility calculator.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Industrial heat-pump and electrification feasibility calculator."""


# Sub-commands register themselves on import.
from heatcalc.cli import (
    batch,  # noqa: E402,F401
    data,  # noqa: E402,F401
    cycle,  # noqa: E402,F401
    design,  # noqa: E402,F401
    evaluate,  # noqa: E402,F401
    hourly,  # noqa: E402,F401
    hub,  # noqa: E402,F401
    mvr,  # noqa: E402,F401
    pinch,  # noqa: E402,F401
    report,  # noqa: E402,F401
    tariff,  # noqa: E402,F401
)


def _param_hint(exc: Exception) -> str:
    p = getattr(exc, "param", None)
    if p is not None and getattr(p, "help", None):
        return f" ({p.help})"
    return ""


#: Sub-commands with a ``--lang`` option: their ``error:`` line is in that language (the prefix stays ``error:``).
_LANG_COMMANDS = ("batch", "report", "hub")


def _in_lang(exc: BaseException, argv: list[str] | None) -> str:
    """The error's message in the ``--lang`` of the command line (``batch``, ``report``, ``hub``), else English.

    A message with a code (:class:`heatcalc.core.messages.Message`) is rendered in that language's long form;
    plain text stays as it is."""
    from heatcalc.core.messages import Message, message_of

    msg = message_of(exc)
    args = list(sys.argv[1:] if argv is None else argv)
    if not isinstance(msg, Message) or not args or args[0] not in _LANG_COMMANDS:
        return str(msg)
    lang = None
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif a.startswith("--lang="):
            lang = a.split("=", 1)[1]
    if str(lang).strip().lower() != "nl":
        return str(msg)
    from heatcalc.present.messages import render

    return render(msg, "nl", "long")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``heatcalc`` console script.

    Returns
    -------
    int
        Process exit code.
    """
    from heatcalc.cli.params import one_line

    try:
        from heatcalc.cli.params import instrument

        cmd = typer.main.get_command(app)
        instrument(cmd)  # every numeric option checked, library names translated (docs/cli.md, "Messages")
        rv = cmd.main(args=argv, prog_name="heatcalc", standalone_mode=False)
    except _UsageBase as exc:  # bad option value, unknown option, missing argument
        msg = exc.format_message().strip()
        if not msg:  # e.g. no sub-command given: the help text was already shown
            return 2
        print(f"error: {one_line(msg)}{_param_hint(exc) or ' (see heatcalc --help)'}", file=sys.stderr)
        return 2
    except HeatCalcError as exc:
        print(f"error: {one_line(_in_lang(exc, argv))}", file=sys.stderr)
        return 2
    except (typer.Abort, KeyboardInterrupt):
        print("error: aborted", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so in one line, no traceback for users
        print(f"internal error (please report): {type(exc).__name__}: {one_line(exc)}", file=sys.stderr)
        return 1
    return rv if isinstance(rv, int) else 0


def run() -> None:
    """The console entry point (``heatcalc``, ``python -m heatcalc``): :func:`main`, then exit with its code.

    A Ctrl-C that comes after the command's work is done, while the interpreter shuts down the
    worker pools, is ignored: it would otherwise end a complete run by SIGINT (exit -2) instead of
    its own exit code (``tests/test_signals.py``).
    """
    import signal

    rc = main()
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except (ValueError, OSError):  # pragma: no cover - not the main thread
        pass
    sys.exit(rc)


if __name__ == "__main__":  # pragma: no cover
    run()
