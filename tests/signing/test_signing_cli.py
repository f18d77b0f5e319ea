"""The CLI in a real child process: tokens, sign, verify (text and --json, both
languages), augment with the expiry warning, wrong PIN, usage errors, and a
profile unlocked with token + PIN."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hanoi_desk import resources
from helpers import PASSPHRASE, run_cli

from .conftest import TITLE, make_pdf
from .signing_pki import PIN, TOKEN, TestPki

SIG_PNG = resources.resources_dir() / "images" / "demo-signature.png"


def _env(pki: TestPki, home: Path, lang: str = "en") -> dict[str, str]:
    return {
        **os.environ,
        **pki.env,
        "HANOI_DESK_HOME": str(home),
        "HANOI_DESK_LANG": lang,
        "HANOI_DESK_PKCS11_MODULES": "",
    }


def test_tokens_lists_certificates_and_why_they_cannot_sign(pki: TestPki, tmp_path: Path) -> None:
    bogus = tmp_path / "vnptca_p11_v8.so"
    bogus.write_bytes(b"not a library")
    res = run_cli("tokens", "--module", str(bogus), "--module", pki.module, env=_env(pki, tmp_path))
    assert "could not be loaded" in res.stdout  # a bad module is a line, not a crash
    assert res.returncode == 0, res.stderr
    assert f"Token “{TOKEN}”" in res.stdout and "SoftHSM project" in res.stdout
    assert "Nguyễn Văn An" in res.stdout and "non_repudiation" in res.stdout
    assert "cannot sign: the certificate expired on" in res.stdout


def test_sign_verify_augment_round_trip(pki: TestPki, tmp_path: Path) -> None:
    files = [make_pdf(tmp_path / f"qd-{i}.pdf") for i in range(2)]
    out = tmp_path / "out"
    env = _env(pki, tmp_path / "home")
    res = run_cli(
        "sign",
        *map(str, files),
        "--out",
        str(out),
        "--module",
        pki.module,
        "--token",
        TOKEN,
        "--cert-id",
        "a1",
        "--pin-stdin",
        "--kind",
        "approval",
        "--image",
        str(SIG_PNG),
        "--anchor",
        TITLE,
        "--reason",
        "Phê duyệt",
        "--location",
        "Hà Nội",
        stdin=PIN + "\n",
        env=env,
    )
    assert res.returncode == 0, res.stderr
    assert "2 signed, 0 skipped, 0 not signed." in res.stdout
    assert PIN not in res.stdout + res.stderr

    signed = [str(out / f.name) for f in files]
    v = run_cli("verify", *signed, "--trust", str(pki.root_pem), "--json", env=env)
    assert v.returncode == 0, v.stderr
    body = json.loads(v.stdout)
    assert [r["ok"] for r in body] == [True, True]
    sig = body[0]["signatures"][0]
    assert sig["signer"] == "Nguyễn Văn An" and sig["level"] == "B-B" and sig["intact"]
    assert sig["claimed_time"].endswith("+07:00") and sig["coverage"] == "ENTIRE_FILE"
    vi = run_cli("verify", signed[0], "--trust", str(pki.root_pem), env=_env(pki, tmp_path, "vi"))
    assert vi.returncode == 0 and "HỢP LỆ: toàn vẹn và tin cậy" in vi.stdout

    a = run_cli("augment", signed[0], "--tsa", pki.tsa_url, "--trust", str(pki.root_pem), env=env)
    assert a.returncode == 0, a.stderr
    assert "B-B → B-LTA" in a.stdout


def test_expiring_certificate_without_timestamp_is_warned(pki: TestPki, tmp_path: Path) -> None:
    src = make_pdf(tmp_path / "gap.pdf", pages=1)
    env = _env(pki, tmp_path / "home")
    res = run_cli(
        "sign",
        str(src),
        "--out",
        str(tmp_path / "out"),
        "--module",
        pki.module,
        "--token",
        TOKEN,
        "--cert-id",
        "d4",
        "--pin-stdin",
        stdin=PIN + "\n",
        env=env,
    )
    assert res.returncode == 0, res.stderr
    assert "warning:" in res.stderr and "have no timestamp" in res.stderr
    # augment while the TSA is unreachable: the file is kept as it was, and warned about
    signed = tmp_path / "out" / src.name
    before = signed.read_bytes()
    a = run_cli(
        "augment",
        str(signed),
        "--tsa",
        "http://127.0.0.1:9/tsa",
        "--trust",
        str(pki.root_pem),
        env=env,
    )
    assert a.returncode == 1
    assert "has no timestamp yet" in a.stderr and "did not answer" in a.stderr
    assert signed.read_bytes() == before


def test_wrong_pin_is_one_line_and_never_retried(pki: TestPki, tmp_path: Path) -> None:
    src = make_pdf(tmp_path / "x.pdf", pages=1)
    res = run_cli(
        "sign",
        str(src),
        "--out",
        str(tmp_path / "out"),
        "--module",
        pki.module,
        "--token",
        "HANOI-PINTEST",
        "--pin-stdin",
        stdin="000000\n" + PIN + "\n",  # the right PIN on line 2 must not be used
        env=_env(pki, tmp_path),
    )
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("hanoi-desk:")]
    assert len(lines) == 1 and "Wrong PIN" in lines[0]
    assert "000000" not in res.stderr + res.stdout
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_usage_and_input_errors(pki: TestPki, tmp_path: Path) -> None:
    env = _env(pki, tmp_path)
    src = make_pdf(tmp_path / "x.pdf", pages=1)
    no_out = run_cli("sign", str(src), "--module", pki.module, "--token", TOKEN, env=env)
    assert no_out.returncode == 2
    box = run_cli(
        "sign",
        str(src),
        "--out",
        str(tmp_path / "o"),
        "--module",
        pki.module,
        "--token",
        TOKEN,
        "--box",
        "1,2,3,4",
        env=env,
    )
    assert box.returncode == 1 and box.stderr.strip() == "hanoi-desk: --box needs --page N."


def test_profile_unlocked_with_token_and_pin(pki: TestPki, tmp_path: Path) -> None:
    env = _env(pki, tmp_path / "home")
    assert (
        run_cli(
            "profile", "create", "an", "--passphrase-stdin", stdin=PASSPHRASE + "\n", env=env
        ).returncode
        == 0
    )
    res = run_cli(
        "profile-token",
        "an",
        "--module",
        pki.module,
        "--token",
        "HANOI-UNLOCK",
        "--cert-id",
        "f6",
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n{PIN}\n",
        env=env,
    )
    assert res.returncode == 0, res.stderr
    opened = run_cli(
        "cache",
        "list",
        "--profile",
        "an",
        "--unlock",
        "token",
        "--passphrase-stdin",
        stdin=PIN + "\n",
        env=env,
    )
    assert opened.returncode == 0, opened.stderr
