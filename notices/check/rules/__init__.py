"""Rule modules: every module here registers its rules with `notices.check.registry.rule` when imported.

Modules are discovered automatically; see `notices.check` for how to write one.
"""
