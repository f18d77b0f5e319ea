"""Errors whose parameters are themselves translatable (a list of reasons, the PIN
flags), so a Vietnamese message never carries an English fragment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hanoi_desk.errors import EnvironmentFault, UserError
from hanoi_desk.i18n import translate


class Localized:
    """Templates with their parameters, rendered in the reader's language."""

    def __init__(
        self, parts: Iterable[tuple[str, Mapping[str, object]]], sep: str = "; ", empty: str = "-"
    ) -> None:
        self.parts = tuple((t, dict(p)) for t, p in parts)
        self.sep = sep
        self.empty = empty

    def render(self, language: str | None = None) -> str:
        texts = [translate(t, language, **_render(p, language)) for t, p in self.parts]
        return self.sep.join(texts) if texts else translate(self.empty, language)

    def __str__(self) -> str:
        return self.render("en")


def _render(params: Mapping[str, object], language: str | None) -> dict[str, object]:
    return {k: v.render(language) if isinstance(v, Localized) else v for k, v in params.items()}


class LocalizedUserError(UserError):
    def message(self, language: str | None = None) -> str:
        return translate(self.template, language, **_render(self.params, language))


class LocalizedFault(EnvironmentFault):
    def message(self, language: str | None = None) -> str:
        return translate(self.template, language, **_render(self.params, language))
