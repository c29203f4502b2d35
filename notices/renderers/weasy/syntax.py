"""PDF syntax as pydyf writes it, so values read the same as in WeasyPrint's own files.

Part of the one place that relies on WeasyPrint's and pydyf's internals (see ``notices.renderers.weasy``).
"""

from __future__ import annotations


def pdf_string(text: str) -> bytes:
    from pydyf import String  # type: ignore[import-untyped]

    return bytes(String(text).data)
