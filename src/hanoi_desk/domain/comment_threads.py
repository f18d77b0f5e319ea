"""Comment threads on drafts (góp ý): the rules client and server share.

docs/comment-threads.md explains the decisions. In short: a thread is a root
comment anchored to a quote of the draft (the exact text, some text before and
after it, the page) and its replies; who may read it is the root's visibility;
the drafting unit marks each thread (accepted, explained with an answer, not
accepted) and only its author withdraws it; on a newer version of the draft a
thread is re-anchored only where its quote with prefix and suffix occurs
exactly once, otherwise it is orphaned and listed apart, never moved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

MAX_QUOTE = 2_000
"""Characters of a quote, and of its prefix or suffix (the wire format's limit)."""


class Visibility(StrEnum):
    """Who reads a thread (the root's choice; replies share it)."""

    ALL = "all"
    """Every participant of the meeting."""
    SECRETARIAT = "secretariat"
    """The meeting's secretaries, and the author."""
    DRAFTING = "drafting"
    """The document's drafting unit and the secretaries, and the author."""


class ThreadState(StrEnum):
    """How the drafting unit answered a thread (its author may withdraw it)."""

    OPEN = "open"
    ACCEPTED = "accepted"
    """Tiếp thu: the draft takes the comment in."""
    EXPLAINED = "explained"
    """Giải trình: the draft stays, the answer says why."""
    NOT_ACCEPTED = "not_accepted"
    WITHDRAWN = "withdrawn"
    """Its author took it back."""


class ResolveProblem(StrEnum):
    """Why a resolution is refused (also the server's refusal codes)."""

    NOT_DRAFTING = "not_drafting_unit"
    NOT_AUTHOR = "not_thread_author"
    ANSWER_NEEDED = "answer_required"
    NOT_A_THREAD = "not_a_thread"


def may_resolve(
    state: ThreadState, answer: str, *, drafting: bool, author: bool, is_root: bool
) -> ResolveProblem | None:
    """Whether a person may set ``state`` on a thread; None when they may.

    The drafting unit answers (accepted, explained, not accepted, or back to
    open after a mistaken mark); only the thread's author withdraws it (the
    drafting unit must not make a comment disappear). An explanation without its
    answer is no explanation.
    """
    if not is_root:
        return ResolveProblem.NOT_A_THREAD
    if state is ThreadState.WITHDRAWN:
        return None if author else ResolveProblem.NOT_AUTHOR
    if not drafting:
        return ResolveProblem.NOT_DRAFTING
    if state is ThreadState.EXPLAINED and not answer.strip():
        return ResolveProblem.ANSWER_NEEDED
    return None


def may_read(visibility: Visibility, *, author: bool, secretary: bool, drafting: bool) -> bool:
    """Whether a participant receives a thread with this visibility."""
    if visibility is Visibility.ALL or author or secretary:
        return True
    return visibility is Visibility.DRAFTING and drafting


@dataclass(frozen=True)
class Anchor:
    """Where a thread points: ``quote`` with the text just before and after it."""

    quote: str
    prefix: str = ""
    suffix: str = ""
    page: int = 0
    """1-based page of the version it was written on (0: not given)."""


class Placement(StrEnum):
    ON_VERSION = "on_version"
    """Shown on the version it was written on."""
    REANCHORED = "reanchored"
    """Found exactly once, with prefix and suffix, in a newer version."""
    ORPHANED_MISSING = "orphaned_missing"
    """The quote with its context is no longer in the newer version."""
    ORPHANED_AMBIGUOUS = "orphaned_ambiguous"
    """It occurs more than once: it could point at either, so at none."""
    NO_TEXT = "no_text"
    """The newer version's text is not on this computer (not downloaded yet)."""


@dataclass(frozen=True)
class Located:
    placement: Placement
    page: int = 0
    """1-based page where it was found (REANCHORED only)."""


_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Runs of white space as one space: PDF text breaks lines where the layout
    did, and a re-flowed paragraph is the same text. Nothing else is folded: a
    changed letter, accent or punctuation mark is a changed quote."""
    return _SPACE.sub(" ", text)


def locate(anchor: Anchor, pages: Sequence[str]) -> Located:
    """Where ``anchor`` is in a version whose page texts are ``pages`` (page 1 first).

    The needle is prefix + quote + suffix, so the same words elsewhere in the
    draft do not count; the pages are joined with a space, so a quote that
    runs over a page break is found too (its page is where it starts).
    """
    if not pages:
        return Located(Placement.NO_TEXT)
    needle = normalise(anchor.prefix + anchor.quote + anchor.suffix).strip()
    if not needle:
        return Located(Placement.ORPHANED_MISSING)
    starts: list[int] = []
    joined = ""
    for text in pages:
        part = normalise(text).strip()
        if joined and part:
            joined += " "
        starts.append(len(joined))
        joined += part
    first = joined.find(needle)
    if first < 0:
        return Located(Placement.ORPHANED_MISSING)
    if joined.find(needle, first + 1) >= 0:  # overlapping occurrences count too
        return Located(Placement.ORPHANED_AMBIGUOUS)
    page = sum(1 for s in starts if s <= first)
    return Located(Placement.REANCHORED, page)
