"""Token hot-plug: which tokens are plugged in, watched while someone is choosing one.

A :class:`SlotWatcher` looks at each PKCS#11 module every :data:`POLL_SECONDS`
on the token manager's one token thread, in one short job per module:

1. ``C_WaitForSlotEvent`` with ``CKF_DONT_BLOCK``, drained. The blocking form
   is not used: python-pkcs11 initialises modules with ``C_Initialize(NULL)``,
   which promises the module one thread at a time, and a blocking wait on the
   token thread would stall signing until a token moves (only ``C_Finalize``
   can interrupt it). A module without events (``CKR_FUNCTION_NOT_SUPPORTED``)
   is simply polled.
2. The slot list with each present token's label and serial (the poll). This
   runs whatever step 1 said: SoftHSM2 answers ``CKR_NO_EVENT`` to every
   non-blocking wait although tokens come and go.

SoftHSM2 (and any module that reads its token store once, at ``C_Initialize``)
keeps a slot with an uninitialised token for the next one, and a token
initialised there by another process (``softhsm2-util --init-token``, a CA's
tool) stays invisible to a module already loaded; a token whose files were
removed stays listed but answers errors. Only ``C_Finalize`` + ``C_Initialize``
shows the truth, and ``C_Finalize`` ends every session of the process, logged
in or not. So the watcher re-initialises a module only when its slot list shows
such a slot (an uninitialised or broken token) **and** no session of that
module is open in the process: no login (of any :class:`TokenManager`) and no
listing or login in progress (:func:`in_use`). It never logs in and never sees
a PIN.

A module that hangs: each job has the manager's ``load_timeout`` (the token
thread's rule: the hung worker is abandoned, a fresh one started); the watcher
reports it once and stops watching that module, so no thread piles up behind it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pkcs11 import exceptions as p11e

from hanoi_desk.errors import EnvironmentFault, HanoiDeskError
from hanoi_desk.i18n import N_

if TYPE_CHECKING:
    from hanoi_desk.signing.tokens import TokenManager

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0
"""How often a module is looked at while a token list is shown: a token shows
up within two seconds of being plugged in, and a poll costs one slot list."""
MAX_EVENTS = 16
"""Events drained per poll; a module that never says "no event" is not read forever."""

CKF_TOKEN_INITIALIZED = 0x400

MODULE_FAILED = N_("The PKCS#11 module {module} could not be loaded: {reason}.")
"""Also the listing's message (tokens.py imports it from here)."""

# -- who is using a module (process-wide) ------------------------------------------

_GUARD = threading.Condition()
_SESSIONS: Counter[str] = Counter()
"""Logged-in sessions per module, of every TokenManager in the process."""
_USERS: Counter[str] = Counter()
"""Listings and logins in progress per module (their sessions are short or not yet counted)."""
_REINIT: set[str] = set()
"""Modules being re-initialised now: a new user waits until it is done."""


def session_opened(module: str) -> None:
    with _GUARD:
        _SESSIONS[module] += 1


def session_closed(module: str) -> None:
    with _GUARD:
        if _SESSIONS[module] > 0:
            _SESSIONS[module] -= 1


def open_sessions(module: str) -> int:
    with _GUARD:
        return _SESSIONS[module]


@contextlib.contextmanager
def in_use(module: str) -> Iterator[None]:
    """Held around anything that opens a session or keeps python-pkcs11 token
    objects between calls (a listing, a login from finding the token to its
    session): the watcher does not re-initialise the module meanwhile. It waits
    for a re-initialisation under way; a module hanging in it is the caller's
    token-thread timeout."""
    with _GUARD:
        _GUARD.wait_for(lambda: module not in _REINIT)
        _USERS[module] += 1
    try:
        yield
    finally:
        with _GUARD:
            _USERS[module] -= 1
            _GUARD.notify_all()


def reinitialize_if_idle(module: str, lib: Any) -> bool:
    """``C_Finalize`` + ``C_Initialize`` if no session of ``module`` is open or
    about to be; whether it was done. The counters are not held during the
    calls, so a module hanging here blocks only new users of that module."""
    with _GUARD:
        if _SESSIONS[module] or _USERS[module] or module in _REINIT:
            return False
        _REINIT.add(module)
    try:
        lib.reinitialize()
        return True
    finally:
        with _GUARD:
            _REINIT.discard(module)
            _GUARD.notify_all()


# -- the watcher -----------------------------------------------------------------------


def serial_text(value: Any) -> str:
    """CK_TOKEN_INFO.serialNumber is padded printable ASCII; show it as the label on the token."""
    if isinstance(value, bytes):
        text = value.decode("ascii", "replace").strip()
        return text if text.isprintable() else value.hex()
    return str(value)


@dataclass(frozen=True)
class ModuleView:
    """What the watcher saw of one module."""

    tokens: frozenset[tuple[str, str]]
    """Initialised tokens that answered: (label, serial)."""
    stale: bool
    """A slot held an uninitialised token or one that no longer answers."""
    events: int = 0


def _drain_events(lib: Any) -> int | None:
    """Slot events waiting (``CKF_DONT_BLOCK``); None: the module has none to give."""
    seen = 0
    for _ in range(MAX_EVENTS):
        try:
            lib.wait_for_slot_event(blocking=False)
        except p11e.NoEvent:
            break
        except p11e.FunctionNotSupported:
            return None
        seen += 1
    return seen


def _view_on_thread(lib: Any, seen: int = 0) -> ModuleView:
    tokens: set[tuple[str, str]] = set()
    stale = False
    for slot in lib.get_slots(token_present=True):
        try:
            token = slot.get_token()
        except p11e.PKCS11Error:  # removed between the list and this call, or its files gone
            stale = True
            continue
        if not token.flags & CKF_TOKEN_INITIALIZED:
            stale = True  # the next token's slot (SoftHSM), or a blank token
            continue
        tokens.add((token.label, serial_text(token.serial)))
    return ModuleView(frozenset(tokens), stale, seen)


class SlotWatcher:
    """Calls ``on_change`` (from its own thread) when the tokens of ``modules``
    change, and ``on_problem(module, error)`` once for a module it stops
    watching (it failed to load or hung). :meth:`stop` ends it; it is also a
    context manager. :meth:`poll` is one round, for callers with their own loop."""

    def __init__(
        self,
        manager: TokenManager,
        modules: Sequence[str],
        on_change: Callable[[], None],
        on_problem: Callable[[str, HanoiDeskError], None] | None = None,
        period: float = POLL_SECONDS,
    ) -> None:
        self.manager = manager
        self.modules = list(dict.fromkeys(modules))
        self.on_change = on_change
        self.on_problem = on_problem
        self.period = period
        self.views: dict[str, ModuleView] = {}
        self.dropped: set[str] = set()
        self.reinitialized = 0
        self._events: dict[str, bool] = {}
        self._views_lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def expect(self, module: str, tokens: frozenset[tuple[str, str]]) -> None:
        """What a listing just showed of ``module``: the next poll reports a change
        against it (a token plugged in between that listing and the watcher's
        first look is not missed)."""
        with self._views_lock:
            self.views[module] = ModuleView(tokens, stale=False)

    def start(self) -> SlotWatcher:
        if self._thread is None and self.modules:
            self._thread = threading.Thread(target=self._run, name="hanoi-slots", daemon=True)
            self._thread.start()
        return self

    def stop(self, wait: float = 5.0) -> None:
        """Stops the loop; waits at most ``wait`` seconds for a poll under way
        (a hung module's poll ends by its own timeout, on a daemon thread)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(wait)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> SlotWatcher:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            # The first round only records a module nobody listed yet (expect).
            self.poll()
            while not self._stop.wait(self.period):
                self.poll()
        except Exception as exc:  # a callback whose window is gone: stop watching, say why
            log.warning("slot watcher stopped: %s", type(exc).__name__)

    def poll(self, report: bool = True) -> bool:
        """One look at every watched module; whether any changed (``on_change``
        is called then, if ``report``)."""
        changed = False
        if self.manager.thread.closed:  # the app shut its token thread: nothing to watch with
            self._stop.set()
        for module in self.modules:
            if module in self.dropped or self._stop.is_set():
                continue
            try:
                view = self.manager.thread.call(
                    lambda m=module: self._look_on_thread(m),  # type: ignore[misc]
                    timeout=self.manager.load_timeout,
                    what=module,
                )
            except HanoiDeskError as exc:
                self.dropped.add(module)
                log.warning("not watching %s any more: %s", module, exc.message("en"))
                if self.on_problem is not None:
                    self.on_problem(module, exc)
                continue
            with self._views_lock:
                before = self.views.get(module)
                self.views[module] = view
            # An event, or other tokens than last seen (or than the listing showed).
            if before is not None and (before.tokens != view.tokens or view.events):
                changed = True
        if changed and report and not self._stop.is_set():
            self.on_change()
        return changed

    def _look_on_thread(self, module: str) -> ModuleView:
        self.manager.thread.assert_on_thread()
        lib = self.manager.lib_on_thread(module)
        try:
            seen = 0
            if self._events.get(module, True):
                drained = _drain_events(lib)
                self._events[module] = drained is not None
                seen = drained or 0
            view = _view_on_thread(lib, seen)
            # Never once stopping: the app may be quitting, others reading the module.
            if view.stale and not self._stop.is_set() and reinitialize_if_idle(module, lib):
                # Why: see the module docstring (tokens made or removed by another process).
                self.reinitialized += 1
                view = _view_on_thread(lib, seen)
        except p11e.PKCS11Error as exc:
            raise EnvironmentFault(
                MODULE_FAILED, module=module, reason=type(exc).__name__
            ) from None
        return view
