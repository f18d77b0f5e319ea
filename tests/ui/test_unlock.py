"""Profiles and unlock, driven through the real unlock screen."""

from __future__ import annotations

import gc
import os
import subprocess
import types
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import LEFT, PASSPHRASE, WAIT, FixedPrompt, idle, on_db, unlock

from hanoi_desk.app.machine import MachinePolicy
from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.samples import make_pdf
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.idle import IdleLock
from hanoi_desk.ui.qt import QtCore, QtDBus, QtWidgets
from hanoi_desk.ui.unlock import CreateProfileDialog, WipeProfileDialog
from helpers import UNSENT_NAMED, queue_unsent_work, raw_sql

REAL_KEYRING = os.environ.get("HANOI_DESK_TEST_KEYRING") == "1"


def answer_create_dialog(name: str, passphrase: str, repeat: str, keyring: bool = False) -> None:
    """Fill the create-profile dialog as a person would, once it is open."""

    def fill() -> None:
        dialog = next(
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, CreateProfileDialog) and w.isVisible()
        )
        dialog.name.setText(name)
        dialog.passphrase.setText(passphrase)
        dialog.repeat.setText(repeat)
        dialog.keyring.setChecked(keyring)
        dialog.accept()

    QtCore.QTimer.singleShot(50, fill)


def test_wrong_passphrase_is_told_and_keeps_the_choice(qtbot: Any, deskapp: DeskApp) -> None:
    deskapp.unlock.passphrase.setText("not the passphrase")
    qtbot.mouseClick(deskapp.unlock.unlock_button, LEFT)
    qtbot.waitUntil(lambda: "Wrong passphrase" in deskapp.unlock.status.text(), timeout=WAIT)
    assert deskapp.main is None
    assert deskapp.unlock.selected() == "alice"
    assert deskapp.unlock.passphrase.text() == ""  # never kept, never retried
    unlock(qtbot, deskapp)
    assert deskapp.main is not None
    assert deskapp.main.isVisible() and not deskapp.unlock.isVisible()


def test_create_a_profile_through_the_dialog(qtbot: Any, deskapp: DeskApp) -> None:
    answer_create_dialog("bich", "mật khẩu dài đủ", "mật khẩu dài đủ")
    deskapp.unlock.create_button.click()
    qtbot.waitUntil(lambda: "bich" in deskapp.unlock.status.text(), timeout=WAIT)
    assert deskapp.unlock.selected() == "bich"
    unlock(qtbot, deskapp, "mật khẩu dài đủ")
    assert deskapp.workspace is not None
    assert deskapp.workspace.profile_name == "bich"


def test_mismatched_new_passphrases_create_nothing(qtbot: Any, deskapp: DeskApp) -> None:
    answer_create_dialog("chi", "first passphrase", "second passphrase")
    deskapp.unlock.create_button.click()
    qtbot.waitUntil(lambda: "differ" in deskapp.unlock.status.text(), timeout=WAIT)
    assert [p.name for p in deskapp.desk.profiles()] == ["alice"]


def answer_wipe_dialog(name: str, passphrase: str = "") -> None:
    """Fill the wipe dialog as a person would, once it is open."""

    def fill() -> None:
        dialog = next(
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, WipeProfileDialog) and w.isVisible()
        )
        dialog.passphrase.setText(passphrase)
        dialog.name.setText(name)
        dialog.accept()

    QtCore.QTimer.singleShot(50, fill)


def confirm_box(qtbot: Any, deskapp: DeskApp) -> QtWidgets.QMessageBox:
    """The second question, once it is on screen."""
    qtbot.waitUntil(
        lambda: (
            getattr(deskapp.unlock, "confirm_box", None) is not None
            and deskapp.unlock.confirm_box.isVisible()
        ),
        timeout=WAIT,
    )
    box: QtWidgets.QMessageBox = deskapp.unlock.confirm_box
    return box


def click(box: QtWidgets.QMessageBox, text: str) -> None:
    [button] = [b for b in box.buttons() if b.text() == text]
    button.click()


def test_wipe_needs_the_exact_name(qtbot: Any, deskapp: DeskApp, profile_desk: Desk) -> None:
    answer_wipe_dialog("alic", PASSPHRASE)
    deskapp.unlock.wipe_button.click()
    assert "did not match" in deskapp.unlock.status.text()
    assert [p.name for p in profile_desk.profiles()] == ["alice"]
    # The right name and passphrase, nothing unsent: wiped without a second question.
    answer_wipe_dialog("alice", PASSPHRASE)
    deskapp.unlock.wipe_button.click()
    qtbot.waitUntil(lambda: "wiped" in deskapp.unlock.status.text(), timeout=WAIT)
    assert getattr(deskapp.unlock, "confirm_box", None) is None
    assert profile_desk.profiles() == []
    assert deskapp.unlock.profiles.count() == 0
    assert not deskapp.unlock.unlock_button.isEnabled()


def test_wipe_names_the_unsent_work_and_asks_again(
    qtbot: Any, deskapp: DeskApp, profile_desk: Desk
) -> None:
    with profile_desk.open("alice", FixedPrompt()) as session:
        queue_unsent_work(session.cache)
    answer_wipe_dialog("alice", PASSPHRASE)
    deskapp.unlock.wipe_button.click()
    box = confirm_box(qtbot, deskapp)
    assert UNSENT_NAMED in box.text() and "lost for good" in box.text()
    click(box, "Keep the profile")  # the default: nothing is lost
    qtbot.waitUntil(lambda: "Nothing was wiped" in deskapp.unlock.status.text(), timeout=WAIT)
    assert [p.name for p in profile_desk.profiles()] == ["alice"]

    answer_wipe_dialog("alice", PASSPHRASE)
    deskapp.unlock.wipe_button.click()
    qtbot.waitUntil(lambda: deskapp.unlock.confirm_box is not box, timeout=WAIT)
    click(confirm_box(qtbot, deskapp), "Wipe and lose it")
    qtbot.waitUntil(lambda: "wiped" in deskapp.unlock.status.text(), timeout=WAIT)
    assert profile_desk.profiles() == []


def test_wipe_without_the_passphrase_says_nobody_can_tell_what_is_lost(
    qtbot: Any, deskapp: DeskApp, profile_desk: Desk
) -> None:
    answer_wipe_dialog("alice")  # passphrase left empty
    deskapp.unlock.wipe_button.click()
    box = confirm_box(qtbot, deskapp)
    assert "cannot tell whether profile “alice” holds work" in box.text()
    click(box, "Wipe and lose it")
    qtbot.waitUntil(lambda: "wiped" in deskapp.unlock.status.text(), timeout=WAIT)
    assert profile_desk.profiles() == []


def test_wipe_with_a_wrong_passphrase_wipes_nothing(
    qtbot: Any, deskapp: DeskApp, profile_desk: Desk
) -> None:
    answer_wipe_dialog("alice", "not the passphrase")
    deskapp.unlock.wipe_button.click()
    qtbot.waitUntil(lambda: "Wrong passphrase" in deskapp.unlock.status.text(), timeout=WAIT)
    assert getattr(deskapp.unlock, "confirm_box", None) is None
    assert [p.name for p in profile_desk.profiles()] == ["alice"]
    assert deskapp.unlock.wipe_button.isEnabled()


def _inspect_create_dialog(check: Any) -> None:
    """Run ``check(dialog)`` on the open create-profile dialog, then close it."""

    def look() -> None:
        dialog = next(
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, CreateProfileDialog) and w.isVisible()
        )
        check(dialog)
        dialog.reject()

    QtCore.QTimer.singleShot(50, look)


def test_keyring_box_says_who_else_can_open_the_profile(qtbot: Any, deskapp: DeskApp) -> None:
    seen: dict[str, Any] = {}

    def check(dialog: CreateProfileDialog) -> None:
        seen["hidden before"] = dialog.keyring_note.isHidden()
        qtbot.mouseClick(dialog.keyring, LEFT)  # the person ticks the box
        seen["ticked"] = dialog.keyring.isChecked()
        seen["shown after"] = dialog.keyring_note.isVisible()
        seen["text"] = dialog.keyring_note.text()

    _inspect_create_dialog(check)
    deskapp.unlock.create_button.click()
    assert seen["hidden before"] and seen["ticked"] and seen["shown after"]
    assert "Anyone who can log in to this computer account" in seen["text"]
    assert "without its passphrase" in seen["text"]


def test_shared_machine_turns_the_keyring_box_off(
    qtbot: Any, home: Path, fast_kdf: None, tmp_path: Path
) -> None:
    shared = MachinePolicy(shared_account=True, source=tmp_path / "machine.toml")
    root = DeskApp(Desk(default_vault(home), shared), "en")
    qtbot.addWidget(root.unlock)
    root.show()
    seen: dict[str, Any] = {}

    def check(dialog: CreateProfileDialog) -> None:
        seen["enabled"] = dialog.keyring.isEnabled()
        seen["checked"] = dialog.keyring.isChecked()
        seen["note"] = dialog.keyring_note.text() if dialog.keyring_note.isVisible() else ""

    _inspect_create_dialog(check)
    root.unlock.create_button.click()
    assert seen == {
        "enabled": False,
        "checked": False,
        "note": "This computer is marked as shared: the system keyring would open the "
        "profile for everyone who uses this account, so it is off here.",
    }
    qtbot.waitUntil(lambda: root.runner.pending == 0, timeout=WAIT)
    root.shutdown()


@pytest.mark.parametrize("shared", [False, True], ids=["unshared", "shared"])
def test_the_keyring_button_is_offered_only_on_an_unshared_machine(
    qtbot: Any, profile_desk: Desk, tmp_path: Path, shared: bool
) -> None:
    policy = MachinePolicy(shared_account=shared, source=tmp_path / "machine.toml")
    root = DeskApp(Desk(profile_desk.vault, policy), "en")
    qtbot.addWidget(root.unlock)
    root.show()
    screen = root.unlock
    assert screen.selected() == "alice" and screen.unlock_button.isVisible()
    assert screen.keyring_button.isVisible() is not shared
    assert not screen.keyring_off.isVisible()  # alice has no keyring slot: nothing to say
    root.shutdown()


@pytest.mark.keyring
@pytest.mark.skipif(not REAL_KEYRING, reason="needs the Secret Service that ./run test starts")
def test_shared_machine_never_unlocks_an_existing_keyring_slot(
    qtbot: Any, home: Path, fast_kdf: None, tmp_path: Path
) -> None:
    """A profile given a keyring slot before the machine was marked shared: no
    keyring button, a note saying why and how to remove the key, and an unlock
    that still asks for the keyring (a leftover shortcut) is refused in place."""
    Desk(default_vault(home), MachinePolicy()).create("kr", FixedPrompt(), also_keyring=True)
    machine = tmp_path / "machine.toml"
    root = DeskApp(Desk(default_vault(home), MachinePolicy(True, machine)), "en")
    qtbot.addWidget(root.unlock)
    root.show()
    screen = root.unlock
    assert screen.selected() == "kr"
    assert not screen.keyring_button.isVisible() and not screen.keyring_button.isEnabled()
    note = screen.keyring_off.text()
    assert screen.keyring_off.isVisible() and screen.keyring_off.accessibleName() == note
    assert note.startswith(f"This computer is marked as shared ({machine})")
    assert "`hanoi-desk profile keyring kr --disable` removes it." in note

    screen.unlock("keyring")
    qtbot.waitUntil(lambda: "marked as shared" in screen.status.text(), timeout=WAIT)
    idle(qtbot, root)
    assert root.main is None and root.workspace is None
    unlock(qtbot, root)  # the passphrase still opens it
    assert root.workspace is not None and root.workspace.profile_name == "kr"
    root.lock()
    idle(qtbot, root)
    root.shutdown()


def test_idle_lock_drops_the_session_and_covers_the_window(qtbot: Any, deskapp: DeskApp) -> None:
    unlock(qtbot, deskapp)
    assert deskapp.idle is not None
    session = deskapp.workspace.session if deskapp.workspace else None
    assert session is not None
    with qtbot.waitSignal(deskapp.lockedChanged, timeout=WAIT):
        deskapp.idle.set_minutes(0.002)  # about 120 ms of no input
    idle(qtbot, deskapp)
    assert deskapp.main is None and deskapp.workspace is None
    assert deskapp.unlock.isVisible()
    assert "without activity" in deskapp.unlock.status.text()
    with pytest.raises(Exception, match="closed"):
        raw_sql(session.cache).execute("SELECT 1")
    unlock(qtbot, deskapp, PASSPHRASE)  # and it opens again
    assert deskapp.main is not None


def _reachable(roots: list[object]) -> list[object]:
    """Every object the roots still refer to, directly or not (code, types and
    modules excepted: they are shared by the whole program, not held state)."""
    skip = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType)
    seen: set[int] = set()
    stack, found = list(roots), []
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        found.append(obj)
        stack.extend(gc.get_referents(obj))
    return found


@pytest.mark.parametrize("how", ["manual", "idle"])
def test_lock_zeroes_the_keys_and_closes_the_document(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path, how: str
) -> None:
    unlock(qtbot, deskapp)
    assert deskapp.main is not None and deskapp.workspace is not None
    path = tmp_path / "mat.pdf"
    make_pdf(path, "Tài liệu mật của Hà Nội", pages=3)
    doc = on_db(deskapp, lambda s: s.cache.add_pdf(path))
    deskapp.main.open_document(doc)
    qtbot.waitUntil(lambda: deskapp.main is not None and deskapp.main.reader.doc is not None)
    idle(qtbot, deskapp)
    opened = deskapp.main.reader.doc
    assert opened is not None
    plaintext = opened.plaintext
    assert plaintext is not None and plaintext.startswith(b"%PDF")
    workspace = deskapp.workspace
    session = workspace.session
    profile = session.profile
    buffers = [profile.master, *vars(profile.keys).values(), session.cache.blobs.blob_key]
    keys = [bytes(b) for b in buffers]
    assert all(any(k) for k in keys) and len(set(keys)) == 4  # the blob store has a copy

    with qtbot.waitSignal(deskapp.lockedChanged, timeout=WAIT):
        if how == "manual":
            deskapp.main.lockRequested.emit("user")  # what Ctrl+L sends
        else:
            assert deskapp.idle is not None
            deskapp.idle.set_minutes(0.002)
    idle(qtbot, deskapp)
    gc.collect()

    assert [bytes(b) for b in buffers] == [bytes(32)] * len(buffers)
    assert profile.wiped
    assert opened.closed and not any(plaintext)  # the decrypted PDF is zeroed, not just dropped
    raw = keys + [k.hex().encode() for k in keys]
    text = [k.hex() for k in keys]
    holders = [
        type(obj).__name__
        for obj in _reachable([session, workspace, opened])
        if (isinstance(obj, (bytes, bytearray)) and any(n in obj for n in raw))
        or (isinstance(obj, str) and any(t in obj for t in text))
    ]
    assert holders == []


def test_input_postpones_the_idle_lock(qtbot: Any) -> None:
    lock = IdleLock(0.01)  # 600 ms
    fired: list[str] = []
    lock.lockNow.connect(fired.append)
    target = QtWidgets.QWidget()
    qtbot.addWidget(target)
    for _ in range(6):
        qtbot.wait(200)
        qtbot.keyClick(target, "a")
    assert fired == []
    qtbot.waitUntil(lambda: fired == ["idle"], timeout=WAIT)
    lock.stop()


@pytest.fixture
def private_bus(tmp_path: Path) -> Any:
    """A real D-Bus session daemon of our own, so the test never touches the desktop's."""
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    yield address
    proc.terminate()
    proc.wait(10)
    proc.stdout.close()


def test_session_lock_signal_locks(qtbot: Any, private_bus: str) -> None:
    listener = QtDBus.QDBusConnection.connectToBus(private_bus, "hd-listener")
    sender = QtDBus.QDBusConnection.connectToBus(private_bus, "hd-sender")
    assert listener.isConnected() and sender.isConnected()
    lock = IdleLock(60, bus=listener)
    assert lock.listening
    fired: list[str] = []
    lock.lockNow.connect(fired.append)
    # The listener's match rule goes to the daemon without waiting for a reply; a
    # blocking call on the same connection makes sure the daemon has it before
    # the other connection sends (under load the signal could otherwise win).
    ping = QtDBus.QDBusMessage.createMethodCall(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetId"
    )
    assert listener.call(ping).type() == QtDBus.QDBusMessage.MessageType.ReplyMessage
    signal = QtDBus.QDBusMessage.createSignal(
        "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"
    )
    signal.setArguments([False])
    assert sender.send(signal)
    signal.setArguments([True])
    assert sender.send(signal)
    qtbot.waitUntil(lambda: fired == ["session"], timeout=WAIT)
    lock.stop()
    QtDBus.QDBusConnection.disconnectFromBus("hd-listener")
    QtDBus.QDBusConnection.disconnectFromBus("hd-sender")


def test_lock_while_a_dialog_is_open_closes_it_first(qtbot: Any, deskapp: DeskApp) -> None:
    from hanoi_desk.ui.settings_dialog import SettingsDialog

    unlock(qtbot, deskapp)
    assert deskapp.main is not None
    main = deskapp.main
    seen: list[bool] = []

    def lock_now() -> None:
        seen.append(
            any(
                isinstance(w, SettingsDialog) and w.isVisible()
                for w in QtWidgets.QApplication.topLevelWidgets()
            )
        )
        deskapp.lock("idle")

    QtCore.QTimer.singleShot(100, lock_now)
    main.edit_settings()  # modal: returns when the lock has closed it
    assert seen == [True]
    idle(qtbot, deskapp)
    assert deskapp.main is None and deskapp.unlock.isVisible()
    assert not any(
        isinstance(w, SettingsDialog) and w.isVisible()
        for w in QtWidgets.QApplication.topLevelWidgets()
    )


@pytest.mark.keyring
@pytest.mark.skipif(
    os.environ.get("HANOI_DESK_TEST_KEYRING") != "1",
    reason="needs the Secret Service that ./run test starts on a private D-Bus",
)
def test_keyring_button_unlocks_without_typing(qtbot: Any, deskapp: DeskApp) -> None:
    """A profile created with the keyring option opens from the keyring button
    with an empty passphrase field; a passphrase-only profile cannot."""

    assert deskapp.unlock.selected() == "alice"
    assert not deskapp.unlock.keyring_button.isEnabled()  # alice has no keyring slot
    answer_create_dialog("dung", "mật khẩu dài đủ", "mật khẩu dài đủ", keyring=True)
    deskapp.unlock.create_button.click()
    qtbot.waitUntil(lambda: "dung" in deskapp.unlock.status.text(), timeout=WAIT)
    assert deskapp.unlock.selected() == "dung"
    qtbot.waitUntil(deskapp.unlock.keyring_button.isEnabled, timeout=WAIT)
    assert deskapp.unlock.passphrase.text() == ""
    qtbot.mouseClick(deskapp.unlock.keyring_button, LEFT)
    qtbot.waitUntil(lambda: deskapp.main is not None, timeout=WAIT)
    assert deskapp.workspace is not None and deskapp.workspace.profile_name == "dung"


def test_windows_carry_the_app_icon(deskapp: DeskApp) -> None:
    icon = deskapp.unlock.windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {48, 128, 256}
