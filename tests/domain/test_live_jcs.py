"""RFC 8785 canonical JSON (domain.live.jcs) against the RFC's own examples, and
the pinned bytes a delegate's token signs for each kind of ballot."""

from __future__ import annotations

import hashlib
import json

import pytest

from hanoi_desk.domain.live import (
    NamedBallot,
    NotCanonical,
    Participation,
    SecretBallot,
    canonical_json,
    secret_receipt,
)

# RFC 8785 §3.2.2's example, as the RFC prints it, without its "numbers" member:
# this subset refuses floats (the test below checks that it does).
RFC_322_INPUT = r"""{
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}"""
RFC_322_OUTPUT = r"""{"literals":[null,true,false],"string":"€$\u000f\nA'B\"\\\\\"/"}"""

# RFC 8785 §3.2.3: property order by UTF-16 code units.
RFC_323_INPUT = r"""{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}"""
RFC_323_ORDER = [
    "Carriage Return",
    "One",
    "Control",
    "Latin Small Letter O With Diaeresis",
    "Euro Sign",
    "Emoji: Grinning Face",
    "Hebrew Letter Dalet With Dagesh",
]


def test_the_rfcs_string_and_literals_example() -> None:
    assert canonical_json(json.loads(RFC_322_INPUT)) == RFC_322_OUTPUT.encode("utf-8")


def test_the_rfcs_sorting_example() -> None:
    out = canonical_json(json.loads(RFC_323_INPUT))
    assert list(json.loads(out).values()) == RFC_323_ORDER
    assert out.decode("utf-8") == (
        '{"\\r":"Carriage Return","1":"One","\u0080":"Control",'
        '"ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign",'
        '"😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}'
    )
    # The order that matters: Python's own sort (code points) puts U+FB33 first.
    plain = json.dumps(json.loads(RFC_323_INPUT), sort_keys=True, ensure_ascii=False)
    assert list(json.loads(plain).values()) != RFC_323_ORDER


def test_the_rfcs_example_with_numbers_is_refused() -> None:
    # The full §3.2.2 example has floats: outside the subset, refused, never guessed.
    with pytest.raises(NotCanonical):
        canonical_json(json.loads('{"numbers": [333333333.33333329, 1E30, 4.50]}'))


def test_every_control_character_is_escaped_as_the_rfc_says() -> None:
    text = "".join(chr(c) for c in range(0x20)) + "\x7f\u2028/é"
    out = canonical_json(text).decode("utf-8")
    expected = (
        '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r'
        "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
        '\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\x7f\u2028/é"'
    )
    assert out == expected
    assert json.loads(out) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            {"b": [{"z": 1, "a": 2}], "a": {"d": True, "c": None}},
            '{"a":{"c":null,"d":true},"b":[{"a":2,"z":1}]}',
        ),
        ([], "[]"),
        ({}, "{}"),
        (-(2**53) + 1, "-9007199254740991"),
        (2**53 - 1, "9007199254740991"),
        ("Nghị quyết", '"Nghị quyết"'),
        ({"": 0, "a": 1, "A": 2}, '{"":0,"A":2,"a":1}'),
    ],
)
def test_small_values(value: object, expected: str) -> None:
    assert canonical_json(value) == expected.encode("utf-8")


@pytest.mark.parametrize(
    "value",
    [
        0.5,
        1.0,
        2**53,
        -(2**53),
        {"x": float("nan")},
        {1: "a"},
        "\ud800",
        {"\udc00": 1},
        b"bytes",
        {"x": {1, 2}},
        [[[[[[[[[[[[[[[[[["mật"]]]]]]]]]]]]]]]]]],
    ],
)
def test_values_outside_the_subset_are_refused(value: object) -> None:
    with pytest.raises(NotCanonical) as caught:
        canonical_json(value)
    assert "mật" not in str(caught.value) and "bytes" not in str(caught.value)


HASH = "ab" * 32


def test_a_named_ballots_signed_bytes_are_pinned() -> None:
    ballot = NamedBallot("m-1", "p-1", 2, HASH, "b-1", "d1", 2, 'Đề nghị "làm rõ"')
    assert (
        ballot.signed_bytes()
        == (
            '{"ballot_id":"b-1","choice":2,"meeting":"m-1","member":"d1","poll":"p-1",'
            f'"round":2,"round_open_hash":"{HASH}","text":"Đề nghị \\"làm rõ\\""}}'
        ).encode()
    )
    assert ballot.signed_hash == hashlib.sha256(ballot.signed_bytes()).hexdigest()


def test_a_participations_signed_bytes_are_pinned() -> None:
    p = Participation("m-1", "p-1", 1, HASH, "b-9", "d2")
    assert (
        p.signed_bytes()
        == (
            '{"ballot_id":"b-9","meeting":"m-1","member":"d2","poll":"p-1","round":1,'
            f'"round_open_hash":"{HASH}"}}'
        ).encode()
    )


def test_a_secret_ballots_leaf_is_pinned_and_names_nobody() -> None:
    secret = bytes(range(32))
    receipt = secret_receipt(secret)
    assert receipt == hashlib.sha256(secret).hexdigest()
    ballot = SecretBallot("p-1", 1, 0, "", receipt)
    assert (
        ballot.leaf_bytes()
        == (f'{{"choice":0,"poll":"p-1","receipt_hash":"{receipt}","round":1,"text":""}}').encode()
    )
    with pytest.raises(ValueError, match="32"):
        secret_receipt(secret[:31])


def test_each_field_changes_the_signed_bytes() -> None:
    base = NamedBallot("m-1", "p-1", 1, HASH, "b-1", "d1", 0, "")
    variants = [
        NamedBallot("m-2", "p-1", 1, HASH, "b-1", "d1", 0, ""),
        NamedBallot("m-1", "p-2", 1, HASH, "b-1", "d1", 0, ""),
        NamedBallot("m-1", "p-1", 2, HASH, "b-1", "d1", 0, ""),
        NamedBallot("m-1", "p-1", 1, "cd" * 32, "b-1", "d1", 0, ""),
        NamedBallot("m-1", "p-1", 1, HASH, "b-2", "d1", 0, ""),
        NamedBallot("m-1", "p-1", 1, HASH, "b-1", "d2", 0, ""),
        NamedBallot("m-1", "p-1", 1, HASH, "b-1", "d1", 1, ""),
        NamedBallot("m-1", "p-1", 1, HASH, "b-1", "d1", 0, " "),
    ]
    hashes = {v.signed_hash for v in variants}
    assert base.signed_hash not in hashes and len(hashes) == len(variants)
