"""Every released cache schema upgrades to the newest.

tests/fixtures/profile-v1 is a real profile written by schema 1 (see
make_profile_v1.py) and frozen in git. When a new schema ships, freeze a
profile of it next to this one and add it to RELEASED.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hanoi_desk.app.session import Desk
from hanoi_desk.store.schema import LATEST
from hanoi_desk.store.unlockers import PassphraseUnlocker
from hanoi_desk.store.vault import Vault
from helpers import raw_sql

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASED = {1: ("profile-v1", "fixture passphrase v1")}


class Prompt:
    def __init__(self, value: str) -> None:
        self.value = value

    def passphrase(self, profile: str, *, new: bool) -> str:
        return self.value


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_released_profile_upgrades_and_keeps_its_data(tmp_path: Path, version: int) -> None:
    folder, passphrase = RELEASED[version]
    home = tmp_path / folder
    shutil.copytree(FIXTURES / folder, home)
    db = home / "profiles" / "fixture" / "cache.db"
    desk = Desk(Vault(home, {"passphrase": PassphraseUnlocker()}))
    with desk.open("fixture", Prompt(passphrase)) as session:
        conn = raw_sql(session.cache)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        docs = session.documents()
        assert sorted(d.title for d in docs) == ["Báo cáo tình hình Hà Nội", "Tờ trình Đống Đa"]
        for doc in docs:
            data = session.cache.read_document(doc)
            assert data.startswith(b"%PDF")
        assert {h.title for h in session.search("ha noi")} >= {"Báo cáo tình hình Hà Nội"}
        assert [e.op_id for e in session.cache.outbox()] == ["fixture-op-1"]
    # Opening again after the upgrade is a no-op.
    with desk.open("fixture", Prompt(passphrase)) as session:
        assert raw_sql(session.cache).execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert db.exists()
