"""The RFC 9162 Merkle tree (domain.live.tally): roots against the definition
written out here and against the Certificate Transparency reference vectors,
and inclusion proofs for every leaf of every tree of 1 to 17 leaves."""

from __future__ import annotations

import hashlib

import pytest

from hanoi_desk.domain.live import inclusion_proof, merkle_root, verify_inclusion


def _h(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _mth(leaves: list[bytes]) -> bytes:
    """RFC 9162 §2.1.1 MTH, straight from its text (recursive, k = the largest
    power of two smaller than n): the reference the implementation's bottom-up
    construction must equal."""
    n = len(leaves)
    if n == 0:
        return _h(b"")
    if n == 1:
        return _h(b"\x00" + leaves[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return _h(b"\x01" + _mth(leaves[:k]) + _mth(leaves[k:]))


# The RFC 6962/9162 reference leaves and the tree heads for sizes 0..8, as the
# Certificate Transparency test data publishes them.
CT_LEAVES = [
    bytes.fromhex(h)
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
CT_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_PROOFS = {
    0: [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    5: [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}


@pytest.mark.parametrize("size", range(len(CT_ROOTS)))
def test_the_reference_tree_heads(size: int) -> None:
    assert merkle_root(CT_LEAVES[:size]) == CT_ROOTS[size]


def test_small_trees_computed_by_hand_from_the_definition() -> None:
    a, b, c = b"a", b"b", b"c"
    la, lb, lc = (_h(b"\x00" + x) for x in (a, b, c))
    assert merkle_root([a]) == la.hex()
    assert merkle_root([a, b]) == _h(b"\x01" + la + lb).hex()
    # Three leaves: k = 2, so the third leaf hangs alone on the right (not paired with a copy).
    assert merkle_root([a, b, c]) == _h(b"\x01" + _h(b"\x01" + la + lb) + lc).hex()


@pytest.mark.parametrize("size", range(65))
def test_the_root_is_the_definitions_for_every_size_up_to_64(size: int) -> None:
    leaves = [f"lá phiếu {i}".encode() for i in range(size)]
    assert merkle_root(leaves) == _mth(leaves).hex()


@pytest.mark.parametrize("index", sorted(CT_PROOFS))
def test_the_reference_inclusion_proofs(index: int) -> None:
    assert list(inclusion_proof(CT_LEAVES, index)) == CT_PROOFS[index]
    assert verify_inclusion(CT_LEAVES[index], index, 8, CT_PROOFS[index], CT_ROOTS[8])


@pytest.mark.parametrize("size", range(1, 18))
def test_every_leafs_proof_verifies_and_nothing_else_does(size: int) -> None:
    leaves = [f"ballot-{i}".encode() for i in range(size)]
    root = merkle_root(leaves)
    for i, leaf in enumerate(leaves):
        proof = inclusion_proof(leaves, i)
        assert verify_inclusion(leaf, i, size, proof, root), (size, i)
        # A changed ballot, another leaf's place, a tampered or shortened path,
        # another root: each fails.
        assert not verify_inclusion(leaf + b"!", i, size, proof, root)
        if size > 1:
            assert not verify_inclusion(leaf, (i + 1) % size, size, proof, root)
            assert not verify_inclusion(leaves[(i + 1) % size], i, size, proof, root)
            bad = [*proof]
            bad[0] = ("0" if bad[0][0] != "0" else "1") + bad[0][1:]
            assert not verify_inclusion(leaf, i, size, bad, root)
            assert not verify_inclusion(leaf, i, size, proof[:-1], root)
        # The size is bound by the root (the close event publishes both): a
        # proof from this tree says nothing about the tree one ballot larger.
        assert not verify_inclusion(leaf, i, size + 1, proof, merkle_root([*leaves, b"late"]))
        assert not verify_inclusion(leaf, i, size, proof, CT_ROOTS[0])
        assert not verify_inclusion(leaf, i, size, [*proof, root], root)


def test_malformed_proofs_are_no_proof() -> None:
    leaves = [b"x", b"y", b"z"]
    root = merkle_root(leaves)
    proof = inclusion_proof(leaves, 1)
    assert not verify_inclusion(b"y", 3, 3, proof, root)
    assert not verify_inclusion(b"y", -1, 3, proof, root)
    assert not verify_inclusion(b"y", 1, 3, ["zz", *proof[1:]], root)
    assert not verify_inclusion(b"y", 1, 3, [proof[0][:-2], *proof[1:]], root)
    assert not verify_inclusion(b"y", 1, 3, proof, "not hex")
    with pytest.raises(ValueError):
        inclusion_proof(leaves, 3)


def test_a_subtrees_proof_is_no_proof_of_the_tree() -> None:
    # The path's first step proves leaf 0 under the left half's root; offered
    # with the tree's size 4 and that half-root as "the root", it must fail.
    leaves = [b"a", b"b", b"c", b"d"]
    proof = inclusion_proof(leaves, 0)
    half = merkle_root(leaves[:2])
    assert verify_inclusion(b"a", 0, 2, proof[:1], half)
    assert not verify_inclusion(b"a", 0, 4, proof[:1], half)
