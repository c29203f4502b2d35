"""The limits every input is held to, checked before any work starts (README "Limits").

Each number is far above what a real notice needs and far below what makes the tool slow: a customer notice is
one to five pages (GB/T 9704's page holds 22 lines of 28 characters, 616 characters), its title one to three
lines, its body a few dozen paragraphs. Input beyond a limit is refused with a located error that names the
limit, instead of hanging a renderer for minutes or crashing it (issue 11's hostile corpus: a 1,200-character
title, a string repeated through 100 aliases, 100 numbered items). ``bench/hostile.py`` measures that every
input within the limits is answered in seconds.
"""

from __future__ import annotations

MAX_SPEC_BYTES = 1_000_000
"""A spec or house style file; a real one is a few kB."""

MAX_RECIPIENTS_DOCUMENT_BYTES = 20 * 1024 * 1024
"""A JSON or YAML recipients file, read whole (CSV and XLSX are streamed row by row and have no such limit)."""

MAX_ALIASES = 100
"""YAML aliases (``*name``), each weighed with the aliases inside what it repeats."""

MAX_DEPTH = 24
"""Mappings and lists inside each other; a spec's deepest place (a sub-item of a body item) is at depth 6."""

MAX_VALUES = 20_000
"""Values in a spec or house style, aliases expanded (a long notice has a few hundred)."""

MAX_RECIPIENTS_VALUES = 5_000_000
"""Values in a JSON or YAML recipients file (10,000 rows of 50 columns is 500,000)."""

MAX_STRING_CHARS = 10_000
"""One text value: about 16 pages of body text in one paragraph."""

MAX_TEXT_CHARS = 20_000
"""All the text of one notice together (about 32 pages); the renderers take about a second per 5,000."""

MAX_TITLE_CHARS = 120
"""A title, or an attachment's title: six lines of 22 pt title type; GB/T 9704 titles take one to three."""

MAX_TABLE_CELL_CHARS = 200
"""One cell of a table, the writer's or one a kind prints (a price line's product, code, unit): a narrow column
wraps a long text into hundreds of lines, which WeasyPrint sets in time growing with the square of its length."""

MAX_BODY_ENTRIES = 150
"""Paragraphs, headings, items and table rows in the body and the attachments together."""

TEMPLATE_SECONDS = 1.0
"""CPU seconds all the templates of one notice (its spec strings and its kind template) may take together."""

TEMPLATE_OUTPUT_CHARS = 200_000
"""Characters all the templates of one notice may produce together."""

TEMPLATE_CALL_DEPTH = 40
"""Macros and calls inside each other in one template (a macro that calls itself stops here)."""
