"""Every message template of the signing area has a Vietnamese translation."""

from __future__ import annotations

import json
import re
from pathlib import Path

from i18n_templates import SRC, templates

CATALOG = SRC / "locale" / "vi" / "signing.json"
MINE = ("signing/", "cli/sign_cmds.py", "app/signing_service.py")
VI_LETTERS = re.compile(
    r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I
)


def test_every_signing_template_is_translated_with_diacritics() -> None:
    # The catalogue merges every file of locale/vi/ (helpers keep an area's
    # texts in a file of their own, e.g. signing_cached.json for sign --document).
    catalog: dict[str, str] = {}
    for path in sorted(CATALOG.parent.glob("*.json")):
        catalog.update(json.loads(path.read_text("utf-8")))
    mine = {t for t, where in templates().items() if where.startswith(MINE)}
    mine.add("PIN of token “{token}”: ")  # the PIN question added to cli/prompt.py
    assert mine, "no templates found"
    missing = sorted(mine - set(catalog))
    assert not missing, missing
    for template in mine:
        vi = catalog[template]
        assert set(re.findall(r"\{\w+\}", vi)) == set(re.findall(r"\{\w+\}", template)), template
        if len(template) > 12 and template not in (
            "{name}: {problem}",
            "{path}: {before} → {after}",
        ):
            assert VI_LETTERS.search(vi), f"no Vietnamese letters in: {vi}"


def test_catalog_is_flat_json(tmp_path: Path) -> None:
    data = json.loads(CATALOG.read_text("utf-8"))
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())


def test_cli_choices_match_the_engine() -> None:
    """sign_cmds spells its choices out to keep the parser import-light."""
    from hanoi_desk.cli import sign_cmds
    from hanoi_desk.signing.appearance import COPY_KINDS, Kind
    from hanoi_desk.signing.pades import Level

    assert tuple(lv.value for lv in Level) == sign_cmds.LEVELS
    assert tuple(k.value for k in Kind) == sign_cmds.KINDS
    assert sign_cmds.COPY_KINDS == COPY_KINDS
