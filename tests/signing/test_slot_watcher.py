"""Token hot-plug (issue 12): the slot watcher on SoftHSM2, in this process.

SoftHSM2 reads its token directory at ``C_Initialize``; tokens are made and
removed here by another process (``softhsm2-util``) or by deleting a token's
files, as a token plugged in or pulled out. The watcher's rounds are run by
hand (``poll``) so nothing waits for its two-second period."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from hanoi_desk.signing.slots import SlotWatcher, open_sessions
from hanoi_desk.signing.thread import TokenHung
from hanoi_desk.signing.tokens import TokenManager

from .conftest import FixedPin
from .signing_pki import SIGNER_NAME, TOKEN, TestPki, init_token
from .token_state import logged_in


def token_dir(pki: TestPki, label: str) -> Path:
    for d in (pki.dir / "tokens").iterdir():
        obj = d / "token.object"
        if obj.is_file() and label.encode() in obj.read_bytes():
            return d
    raise AssertionError(f"no token directory for {label}")


def labels(manager: TokenManager, module: str) -> set[str]:
    (report,) = manager.scan([module])
    assert report.error is None, report.error
    return {t.label for t in report.tokens}


def test_a_token_made_by_another_process_appears_and_a_removed_one_goes(
    pki: TestPki, manager: TokenManager
) -> None:
    manager.logout_all()
    assert open_sessions(pki.module) == 0
    changes: list[int] = []
    watcher = SlotWatcher(manager, [pki.module], lambda: changes.append(1))
    assert watcher.poll() is False  # the first look records what is there
    assert "HANOI-HOTPLUG" not in labels(manager, pki.module)

    init_token(pki.softhsm_conf, "HANOI-HOTPLUG")
    assert watcher.poll() is True and changes == [1]
    seen = {label for label, _serial in watcher.views[pki.module].tokens}
    assert "HANOI-HOTPLUG" in seen and TOKEN in seen
    assert "HANOI-HOTPLUG" in labels(manager, pki.module)  # the listing sees it too
    assert watcher.poll() is False  # nothing moved since

    shutil.rmtree(token_dir(pki, "HANOI-HOTPLUG"))  # pulled out
    assert watcher.poll() is True and changes == [1, 1]
    assert "HANOI-HOTPLUG" not in {label for label, _ in watcher.views[pki.module].tokens}
    assert labels(manager, pki.module) >= {TOKEN} and "HANOI-HOTPLUG" not in labels(
        manager, pki.module
    )


def test_no_reinitialisation_while_a_token_is_logged_in(
    pki: TestPki, manager: TokenManager
) -> None:
    """C_Finalize would end the signer's login: the watcher waits for the logout."""
    manager.logout_all()
    ts = manager.login(pki.module, TOKEN, FixedPin())
    try:
        watcher = SlotWatcher(manager, [pki.module], lambda: None)
        watcher.poll()
        init_token(pki.softhsm_conf, "HANOI-LATE")
        assert watcher.poll() is False and watcher.reinitialized == 0
        assert logged_in(manager, pki.module, TOKEN)  # PKCS#11's own view: still logged in
        assert manager.sign(manager.signing_key(ts, SIGNER_NAME), b"x" * 32)  # still signs
    finally:
        manager.logout(ts)
    assert watcher.poll() is True  # logged out: now it looks again
    assert "HANOI-LATE" in {label for label, _ in watcher.views[pki.module].tokens}
    shutil.rmtree(token_dir(pki, "HANOI-LATE"))
    watcher.poll()


def test_a_hung_module_is_reported_once_and_left_alone(pki: TestPki) -> None:
    """A driver that hangs cannot be made with SoftHSM2: the module's loading is
    replaced by a call that blocks until the test ends (the one double here)."""
    manager = TokenManager(load_timeout=0.3)
    release = threading.Event()
    calls: list[str] = []

    def hang(module: str) -> object:
        calls.append(module)
        release.wait(30)
        raise AssertionError("released")

    manager.lib_on_thread = hang  # type: ignore[method-assign]
    problems: list[tuple[str, BaseException]] = []
    watcher = SlotWatcher(manager, [pki.module], lambda: None, lambda m, e: problems.append((m, e)))
    try:
        assert watcher.poll() is False
        assert [(m, type(e)) for m, e in problems] == [(pki.module, TokenHung)]
        watcher.poll()
        assert calls == [pki.module] and len(problems) == 1  # not asked again
        assert manager.thread.call(lambda: 41 + 1, timeout=5) == 42  # a fresh token thread
    finally:
        release.set()
        manager.thread.close()


@pytest.fixture(autouse=True)
def _no_login_left(manager: TokenManager) -> None:
    """These tests re-initialise the module: no other test's login may be open."""
    manager.logout_all()


def test_the_watcher_stops_with_its_token_thread(pki: TestPki) -> None:
    """The app shut its token thread (quit): a watcher still running would wait
    on a queue nobody reads, then start a fresh token thread after the app."""
    manager = TokenManager(load_timeout=2.0)
    watcher = SlotWatcher(manager, [pki.module], lambda: None, period=0.05).start()
    thread = watcher._thread
    assert thread is not None and watcher.running
    manager.thread.close()
    thread.join(15)
    assert not thread.is_alive() and not watcher.dropped  # stopped, not timed out
