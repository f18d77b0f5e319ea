"""Why the server refused my answer to a signing request, in plain words
(app/signing_requests.refusal_text, shown by the desktop page): who signed
first after ``stale_head``, each known reason translated, an unknown code
named but escaped. Pure functions on real records: no cache, no server."""

from __future__ import annotations

from dataclasses import replace

from hanoi_desk.app.signing_requests import RequestView, refusal_text
from hanoi_desk.domain.signing_requests import SigningRequest


def _view(refusal: str | None, first: str | None = None) -> RequestView:
    r = SigningRequest.parse({
        "id": "r1", "meeting_id": "m", "document_version_id": "v", "title": "Biên bản",
        "state": "in_progress", "head_sha256": "a" * 64, "head_size": 10,
        "steps": [{"position": 1, "stage": 1, "user_id": "u1", "name": "Lê Văn Cường",
                   "role": "Thư ký", "field_name": "Sig1", "decree_kind": "approval",
                   "state": "active", "reason": None}],
    })  # fmt: skip
    return RequestView(r, r.steps[0], None, refusal, first, True)


def test_each_refusal_in_plain_words_in_both_languages() -> None:
    assert refusal_text(_view(None)) == ""
    assert refusal_text(_view("stale_head", "Phạm Thu Dung"), "en") == (
        "Phạm Thu Dung signed this file first. Sign the new version: one more PIN entry."
    )
    assert refusal_text(_view("stale_head", "Phạm Thu Dung"), "vi") == (
        "Phạm Thu Dung đã ký tệp này trước bạn. Hãy ký phiên bản mới: nhập mã PIN thêm một lần."
    )
    assert refusal_text(_view("stale_head"), "en").startswith("Someone signed this file first.")
    assert (
        refusal_text(_view("not_your_step"), "en") == "It was not your turn to sign this request."
    )
    assert refusal_text(_view("not_your_step"), "vi") == "Chưa đến lượt bạn ký yêu cầu này."
    assert refusal_text(_view("wrong_field"), "vi") == "Chữ ký không nằm ở ô ký của bước của bạn."
    assert refusal_text(_view("request_expired"), "vi") == (
        "Yêu cầu đã hết hạn trước khi chữ ký của bạn đến máy chủ."
    )


def test_the_server_checks_refusals_in_plain_words() -> None:
    """The reasons of the server's check of a signed upload (docs/server-uploads.md)."""
    assert refusal_text(_view("untrusted"), "en").startswith(
        "Your certificate is not issued under a root this body trusts."
    )
    assert refusal_text(_view("untrusted"), "vi").startswith(
        "Chứng thư của bạn không được cấp dưới chứng thư gốc mà cơ quan tin cậy."
    )
    assert refusal_text(_view("wrong_signer"), "vi") == (
        "Chữ ký được tạo bằng chứng thư khác với chứng thư đã đăng ký cho bạn."
    )
    for code in ("no_registered_certificate", "unexpected_change"):
        assert code not in refusal_text(_view(code), "en")  # words, not the code


def test_a_name_or_unknown_code_from_the_server_never_acts_on_the_screen() -> None:
    # A name with a bidi override and a code with a control character: shown escaped.
    shown = refusal_text(_view("stale_head", "Evil\u202eeman"), "en")
    assert "\u202e" not in shown and shown.endswith("signed this file first. Sign the new "
                                                   "version: one more PIN entry.")  # fmt: skip
    other = refusal_text(replace(_view("x"), refusal="weird\x1b[2Jcode"), "en")
    assert "\x1b" not in other and other.startswith("The server refused it (weird")
