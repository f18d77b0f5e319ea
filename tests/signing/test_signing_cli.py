"""The CLI in a real child process: tokens, sign, verify (text and --json, both
languages), augment with the expiry warning, wrong PIN, usage errors, and a
profile unlocked with token + PIN."""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crafted_pdfs import JS_ACTION, LAUNCH_ACTION, link, pdf_bytes, write
from hanoi_desk import resources
from hanoi_desk.domain.text import printable
from helpers import PASSPHRASE, run_cli

from .conftest import TITLE, make_pdf
from .signing_pki import HOSTILE_NAME, HOSTILE_TOKEN, PIN, TOKEN, TestPki

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


def sign_on_token(
    pki: TestPki,
    files: Sequence[Path],
    out: Path,
    env: dict[str, str],
    *,
    cert_id: str,
    token: str = TOKEN,
) -> Any:
    """``hanoi-desk sign`` of ``files`` into ``out`` with one certificate of a
    SoftHSM2 token, the PIN on standard input."""
    return run_cli(
        "sign",
        *map(str, files),
        "--out",
        str(out),
        "--module",
        pki.module,
        "--token",
        token,
        "--cert-id",
        cert_id,
        "--pin-stdin",
        stdin=PIN + "\n",
        env=env,
    )


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
    res = sign_on_token(pki, [src], tmp_path / "out", env, cert_id="d4")
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


def _raw_controls(text: str) -> list[str]:
    """Characters a terminal acts on, other than the CLI's own line breaks and tabs."""
    unsafe = {"Cc", "Cf", "Zl", "Zp", "Cs"}
    return [c for c in text if c not in "\n\t" and unicodedata.category(c) in unsafe]


def _blocks(report: str) -> dict[str, list[str]]:
    """The text report of ``verify``, as {file: its indented lines}."""
    out: dict[str, list[str]] = {}
    for line in report.splitlines():
        if line.startswith(" "):
            out[next(reversed(out))].append(line)
        else:
            out[line] = []
    return out


def test_a_hostile_certificate_name_cannot_fake_the_report(pki: TestPki, tmp_path: Path) -> None:
    """The signer's CN carries a CR, cursor moves, a fake "VALID" line, a bidi
    override and "conceal" (see signing_pki.HOSTILE_NAME): in a terminal the raw
    name drew a fake verdict and hid the real one."""
    src = make_pdf(tmp_path / "to-trinh.pdf", pages=1)
    env = _env(pki, tmp_path / "home")
    signed = sign_on_token(pki, [src], tmp_path / "out", env, cert_id="a8", token=HOSTILE_TOKEN)
    assert signed.returncode == 0, signed.stderr
    out = str(tmp_path / "out" / src.name)
    shown = printable(HOSTILE_NAME)
    assert shown.startswith("Trần Văn Giả\\r\\x1b[2K")  # Vietnamese kept, controls visible

    report = run_cli("verify", out, env=env)  # no --trust: the honest verdict is NOT VALID
    assert report.returncode == 1
    assert _raw_controls(report.stdout + report.stderr) == []
    lines = report.stdout.splitlines()
    signer = [ln for ln in lines if ln.startswith("    Signer: ")]
    assert len(signer) == 1 and shown in signer[0]
    verdicts = [ln for ln in lines if ln.startswith("    Verdict: ")]
    assert verdicts == ["    Verdict: NOT VALID"] and lines[-1] == verdicts[0]

    as_json = run_cli("verify", out, "--json", env=env)
    assert _raw_controls(as_json.stdout) == []
    [body] = json.loads(as_json.stdout)  # escaped for the terminal, the same data for a script
    assert body["signatures"][0]["signer"] == HOSTILE_NAME and body["ok"] is False

    listed = run_cli("tokens", "--module", pki.module, env=env)
    assert listed.returncode == 0, listed.stderr
    assert _raw_controls(listed.stdout + listed.stderr) == []
    assert shown in listed.stdout


def test_verify_warns_about_javascript_in_a_signed_pdf(pki: TestPki, tmp_path: Path) -> None:
    scripted = write(
        tmp_path / "co-script.pdf", pdf_bytes(catalog_extra=b"/OpenAction " + JS_ACTION)
    )
    launching = write(tmp_path / "mo-chuong-trinh.pdf", pdf_bytes(annots=[link(LAUNCH_ACTION)]))
    plain = make_pdf(tmp_path / "thuong.pdf", pages=1)
    env = _env(pki, tmp_path / "home")
    files = (scripted, launching, plain)
    res = sign_on_token(pki, files, tmp_path / "out", env, cert_id="a1")
    assert res.returncode == 0, res.stderr
    signed = [str(tmp_path / "out" / f.name) for f in files]
    text = run_cli("verify", *signed, "--trust", str(pki.root_pem), env=env)
    assert text.returncode == 0, text.stdout  # the signatures are valid; the file is warned about
    blocks = _blocks(text.stdout)
    assert list(blocks) == signed
    js, launch, clean = (blocks[path] for path in signed)
    assert js[0].startswith("  warning: co-script.pdf contains JavaScript. Hanoi Desk never runs")
    assert launch[0].startswith("  warning: mo-chuong-trinh.pdf contains a Launch action")
    assert not any("warning" in line for line in clean)
    for block in (js, launch, clean):
        assert block[-1] == "    Verdict: VALID: intact and trusted"
    as_json = run_cli("verify", *signed, "--trust", str(pki.root_pem), "--json", env=env)
    body = json.loads(as_json.stdout)
    assert [r["active_content"] for r in body] == [["javascript"], ["launch"], []]
    vi = run_cli("verify", signed[0], "--trust", str(pki.root_pem), env=_env(pki, tmp_path, "vi"))
    assert "cảnh báo: co-script.pdf có chứa JavaScript." in vi.stdout
