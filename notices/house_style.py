"""Where the parts of a house style live, one per stage (this module only re-exports them for old imports):

- the file's model: ``notices/spec/house_style.py`` (:class:`HouseStyleSpec`);
- finding, loading, asset checks and the spec defaults: ``notices/reader/house_style.py`` (:class:`HouseStyle`,
  :func:`load_house_style`, :func:`apply_house_style`);
- logo and seal on the blocks, the company's kind templates: ``notices/composer/house.py``;
- fonts and colour for the renderers: :class:`notices.profiles.Look`; its CSS: ``notices/renderers/html.py``.

Modules of notices import from those homes, never from here (import-linter keeps the stages one-way).
"""

from __future__ import annotations

from notices.composer.house import company_kind_environment, company_kind_template, dress
from notices.profiles import FontFace, Look
from notices.reader.house_style import (
    HouseStyle,
    apply_house_style,
    find_house_style,
    font_family,
    load_house_style,
)
from notices.spec.house_style import FontChoice, HouseStyleSpec

__all__ = [
    "FontChoice",
    "FontFace",
    "HouseStyle",
    "HouseStyleSpec",
    "Look",
    "apply_house_style",
    "company_kind_environment",
    "company_kind_template",
    "dress",
    "find_house_style",
    "font_family",
    "load_house_style",
]
