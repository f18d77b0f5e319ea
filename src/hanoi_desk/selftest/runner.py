"""``hanoi-desk --self-test``: prove on this machine that every part the app
needs at run time is present and works, one printed line per check.

Why it exists: a frozen bundle fails at run time, not at build time, when a
hidden import, a data file or a native library was left out. The self-test
exercises the real code paths (vault, SQLCipher, blob store, PyMuPDF, pyHanko
on a PKCS#11 token, Qt) on throwaway data, so CI runs it against the bundle and
a help desk can ask a user to run it.

Everything it creates lives in one temporary folder that is removed before the
last line is printed, even when closing the profile fails; the clean-up is
itself a check. Checks that need Qt are given by the caller (only
``hanoi_desk.ui`` imports Qt) and run after the clean-up.

Failure reasons of unexpected exceptions name the exception's type; its text
is added for ``ImportError`` and ``OSError`` (a message such as "No module
named fontTools.ttLib.tables._g_l_y_f" or "libEGL.so.1: cannot open shared
object file" is exactly what diagnosis needs), or with ``--debug``, except in
the checks that read a person's own document (``--self-test-pdf``): a parser's
message may quote it.
"""

from __future__ import annotations

import enum
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hanoi_desk.app.session import Session
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.errors import HanoiDeskError, Translated
from hanoi_desk.i18n import N_, translate
from hanoi_desk.resources import resources_dir

TEMP_PREFIX = "hanoi-desk-selftest-"
MAX_REASON = 300

CLEANUP = N_("clean-up")
CLEANED = N_("temporary folder removed, nothing left behind")
CLOSE_FAILED = N_("temporary folder removed, but the profile did not close cleanly: {reason}")
LEFT_BEHIND = N_("{folder} could not be removed: {reason}")
NEEDS = N_("needs “{check}”, which did not pass")
SUMMARY = N_("self-test: {ok} ok, {failed} failed, {skipped} skipped")


def sample_pdf() -> Path:
    """The shipped sample document (Vietnamese text, one page)."""
    return resources_dir() / "samples" / "self-test.pdf"


class Status(enum.StrEnum):
    OK = "ok"
    FAIL = "FAIL"
    SKIP = "skip"


class CheckFailed(HanoiDeskError):
    """A check found a fault; the template says what, in the person's language."""


class Skipped(HanoiDeskError):
    """The check cannot run here (no SoftHSM2) or an earlier check it needs failed."""


@dataclass
class Workbench:
    """What the checks share: the throwaway folder and what earlier checks made."""

    root: Path
    sample: Path
    language: str
    debug: bool = False
    """``--debug``: unexpected exceptions are shown with their text."""
    session: Session | None = None
    document: DocumentSummary | None = None
    _saved_env: dict[str, str | None] = field(default_factory=dict)

    def t(self, template: str, **params: object) -> str:
        return translate(template, self.language, **params)

    def need_session(self) -> Session:
        if self.session is None:
            raise Skipped(NEEDS, check=self.t(PROFILE_CHECK))
        return self.session

    def need_document(self) -> DocumentSummary:
        if self.document is None:
            raise Skipped(NEEDS, check=self.t(IMPORT_CHECK))
        return self.document

    def set_env(self, name: str, value: str) -> None:
        """Set a variable for the rest of the run; :meth:`close` puts the old value back."""
        self._saved_env.setdefault(name, os.environ.get(name))
        os.environ[name] = value

    @property
    def own_sample(self) -> bool:
        """The sample is the bundled one, not a person's document (``--self-test-pdf``)."""
        return self.sample.resolve() == sample_pdf().resolve()

    def close(self) -> None:
        """Close the profile and put the environment back, even when closing fails."""
        session, self.session = self.session, None
        try:
            if session is not None:
                session.close()
        finally:
            for name, value in self._saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            self._saved_env.clear()


# Names of the checks other checks refer to (defined here so Workbench can name them).
PROFILE_CHECK = N_("encrypted profile (vault + SQLCipher)")
IMPORT_CHECK = N_("import and search the sample PDF")
QT_CHECK = N_("Qt platform plugin")
"""The Qt check's name, here so that it is known where Qt cannot be imported."""


@dataclass(frozen=True)
class Check:
    name: str
    """English template of the check's name (marked with ``N_``)."""
    run: Callable[[Workbench], str]
    """Does the check; returns a short translated detail. Raises :class:`Skipped`
    when it cannot run, anything else when it fails."""
    reads_document: bool = False
    """Parses the sample, which may be a person's document: an unexpected
    exception's text is never shown (it may quote the document)."""


@dataclass(frozen=True)
class Outcome:
    status: Status
    text: str
    """Translated detail (ok) or reason (FAIL, skip)."""


def _reason(exc: BaseException, bench: Workbench, check: Check | None = None) -> str:
    if isinstance(exc, Translated):
        text = exc.message(bench.language)
    else:
        private = check is not None and check.reads_document and not bench.own_sample
        diagnostic = isinstance(exc, (ImportError, OSError))
        show = str(exc) and (diagnostic or (bench.debug and not private))
        text = f"{type(exc).__name__}: {exc}" if show else type(exc).__name__
    text = " ".join(text.split())  # one line, whatever the exception held
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


def run_check(check: Check, bench: Workbench) -> Outcome:
    try:
        return Outcome(Status.OK, check.run(bench))
    except Skipped as exc:
        return Outcome(Status.SKIP, exc.message(bench.language))
    except Exception as exc:  # a failing check is reported, the others still run
        return Outcome(Status.FAIL, _reason(exc, bench, check))


def format_line(name: str, outcome: Outcome) -> str:
    """``ok   name (detail)``, ``FAIL name: reason``, ``skip name: reason``; the
    status word stays English so scripts can read it in any language."""
    if outcome.status is Status.OK:
        suffix = f" ({outcome.text})" if outcome.text else ""
        return f"{outcome.status.value:<4} {name}{suffix}"
    return f"{outcome.status.value:<4} {name}: {outcome.text}"


def _remove(root: Path) -> str | None:
    """Removes the folder; the reason it is still there, else None."""
    try:
        shutil.rmtree(root)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return "?" if root.exists() else None


def _cleanup(bench: Workbench) -> Outcome:
    close_error: Exception | None = None
    try:
        bench.close()
    except Exception as exc:  # the folder goes anyway, and the line says what failed
        close_error = exc
    finally:
        left = _remove(bench.root)  # even on an interrupt
    if left is not None:
        return Outcome(Status.FAIL, bench.t(LEFT_BEHIND, folder=bench.root, reason=left))
    if close_error is not None:
        return Outcome(Status.FAIL, bench.t(CLOSE_FAILED, reason=_reason(close_error, bench)))
    return Outcome(Status.OK, bench.t(CLEANED))


def run_self_test(
    checks: Sequence[Check],
    after_cleanup: Sequence[Check],
    emit: Callable[[str], None],
    *,
    language: str,
    sample: Path | None = None,
    temp_parent: Path | None = None,
    debug: bool = False,
) -> int:
    """Run ``checks`` in a fresh temporary folder, remove it, then run
    ``after_cleanup``; ``emit`` gets each line as soon as it is known.
    Returns the exit status: 1 when any check failed, else 0."""
    root = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=temp_parent))
    bench = Workbench(root, sample or sample_pdf(), language, debug)
    outcomes: list[Outcome] = []

    def report(name: str, outcome: Outcome) -> None:
        outcomes.append(outcome)
        emit(format_line(translate(name, language), outcome))

    try:
        for check in checks:
            report(check.name, run_check(check, bench))
    finally:
        report(CLEANUP, _cleanup(bench))
    for check in after_cleanup:
        report(check.name, run_check(check, bench))
    counts = {s: sum(1 for o in outcomes if o.status is s) for s in Status}
    emit(
        translate(
            SUMMARY,
            language,
            ok=counts[Status.OK],
            failed=counts[Status.FAIL],
            skipped=counts[Status.SKIP],
        )
    )
    return 1 if counts[Status.FAIL] else 0
