"""What the composer takes from a company's house style: its logo and seal on the blocks, and its own kind
templates (``kinds:`` folder), rendered in the built-in kinds' sandbox with a loader that reaches nothing outside
that folder. The house style itself is loaded by the reader (``notices/reader/house_style.py``).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notices.document import Block, Letterhead, SignOff
from notices.errors import Location, Problem, TemplateError
from notices.fsio import length_problem
from notices.i18n import _

if TYPE_CHECKING:
    import jinja2

    from notices.reader.house_style import HouseStyle


def dress(house: HouseStyle, blocks: Iterable[Block]) -> list[Block]:
    """Put the logo on the letterhead, and the seal on a sign-off whose spec names none."""

    dressed: list[Block] = []
    for block in blocks:
        if isinstance(block, Letterhead) and house.logo is not None:
            block = dataclasses.replace(block, logo=house.logo)
        elif isinstance(block, SignOff) and block.seal is None and house.seal is not None:
            block = dataclasses.replace(block, seal=house.seal)
        dressed.append(block)
    return dressed


def company_kind_template(house: HouseStyle, kind: str, lang: str) -> jinja2.Template | None:
    """The company's own template for ``kind`` in ``lang`` (its own kinds, or its wording of a built-in one)."""
    if (
        house.kinds_dir is None
        or length_problem(house.kinds_dir / f"{kind}.{lang}.j2")
        or not (house.kinds_dir / f"{kind}.{lang}.j2").is_file()
    ):
        return None
    import jinja2

    name = f"{kind}.{lang}.j2"
    try:
        return company_kind_environment(house.kinds_dir).get_template(name)
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(
            Problem(
                _("template error: {message}").format(message=err.message),
                Location(str(house.kinds_dir / name), err.lineno),
            )
        ) from None
    except jinja2.TemplateNotFound as err:
        raise TemplateError(
            Problem(
                _("{name} reaches outside the house style's kinds folder ({name2})").format(
                    name=name, name2=err.name
                ),
                Location(str(house.kinds_dir / name)),
                fix=_("keep the company's templates, and everything they include, inside that folder"),
            )
        ) from None


def _folder_loader(folder: Path) -> jinja2.BaseLoader:
    import jinja2

    class FolderLoader(jinja2.FileSystemLoader):
        """Jinja's loader already refuses ``..`` and absolute names; this also refuses symlinks out."""

        def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(folder):
                raise jinja2.TemplateNotFound(template)
            return source, filename, uptodate

    return FolderLoader(str(folder))


@functools.lru_cache(maxsize=8)
def company_kind_environment(folder: Path) -> jinja2.Environment:
    """The built-in kinds' sandbox (filters, globals, folding of values), loading only from ``folder``."""
    from notices.composer import kind_environment

    return kind_environment().overlay(loader=_folder_loader(folder.resolve()))


__all__ = ["company_kind_environment", "company_kind_template", "dress"]
