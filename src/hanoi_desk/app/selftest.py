"""``hanoi-desk --self-test``: prove on this machine that every part the app
needs at run time is present and works, one printed line per check.

Why it exists: a frozen bundle fails at run time, not at build time, when a
hidden import, a data file or a native library was left out. The self-test
exercises the real code paths (vault, SQLCipher, blob store, PyMuPDF, pyHanko
on a PKCS#11 token, Qt) on throwaway data, so CI runs it against the bundle and
a help desk can ask a user to run it.

Everything it creates lives in one temporary folder that is removed before the
last line is printed; the clean-up is itself a check. Checks that need Qt are
given by the caller (only ``hanoi_desk.ui`` imports Qt) and run after the
clean-up: a Qt platform plugin that cannot start aborts the whole process, and
it must not take the temporary folder with it.

Failure reasons of unexpected exceptions include the exception's text: the
self-test handles only its own generated data, and a message such as "No
module named fontTools.ttLib.tables._g_l_y_f" is exactly what diagnosis needs.
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
from hanoi_desk.errors import HanoiDeskError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.resources import resources_dir

TEMP_PREFIX = "hanoi-desk-selftest-"
MAX_REASON = 300

CLEANUP = N_("clean-up")
CLEANED = N_("temporary folder removed, nothing left behind")
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

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None
        for name, value in self._saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        self._saved_env.clear()


# Names of the checks other checks refer to (defined here so Workbench can name them).
PROFILE_CHECK = N_("encrypted profile (vault + SQLCipher)")
IMPORT_CHECK = N_("import and search the sample PDF")


@dataclass(frozen=True)
class Check:
    name: str
    """English template of the check's name (marked with ``N_``)."""
    run: Callable[[Workbench], str]
    """Does the check; returns a short translated detail. Raises :class:`Skipped`
    when it cannot run, anything else when it fails."""


@dataclass(frozen=True)
class Outcome:
    status: Status
    text: str
    """Translated detail (ok) or reason (FAIL, skip)."""


def _reason(exc: BaseException, language: str) -> str:
    if isinstance(exc, HanoiDeskError):
        text = exc.message(language)
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    text = " ".join(text.split())  # one line, whatever the exception held
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


def run_check(check: Check, bench: Workbench) -> Outcome:
    try:
        return Outcome(Status.OK, check.run(bench))
    except Skipped as exc:
        return Outcome(Status.SKIP, exc.message(bench.language))
    except Exception as exc:  # a failing check is reported, the others still run
        return Outcome(Status.FAIL, _reason(exc, bench.language))


def format_line(name: str, outcome: Outcome) -> str:
    """``ok   name (detail)``, ``FAIL name: reason``, ``skip name: reason``; the
    status word stays English so scripts can read it in any language."""
    if outcome.status is Status.OK:
        suffix = f" ({outcome.text})" if outcome.text else ""
        return f"{outcome.status.value:<4} {name}{suffix}"
    return f"{outcome.status.value:<4} {name}: {outcome.text}"


def _cleanup(bench: Workbench) -> Outcome:
    bench.close()
    try:
        shutil.rmtree(bench.root)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return Outcome(Status.FAIL, bench.t(LEFT_BEHIND, folder=bench.root, reason=reason))
    if bench.root.exists():
        return Outcome(Status.FAIL, bench.t(LEFT_BEHIND, folder=bench.root, reason="?"))
    return Outcome(Status.OK, bench.t(CLEANED))


def run_self_test(
    checks: Sequence[Check],
    after_cleanup: Sequence[Check],
    emit: Callable[[str], None],
    *,
    language: str,
    sample: Path | None = None,
    temp_parent: Path | None = None,
) -> int:
    """Run ``checks`` in a fresh temporary folder, remove it, then run
    ``after_cleanup``; ``emit`` gets each line as soon as it is known.
    Returns the exit status: 1 when any check failed, else 0."""
    root = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=temp_parent))
    bench = Workbench(root, sample or sample_pdf(), language)
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
