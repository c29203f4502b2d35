"""What a process may keep on disk between runs, so that a cold start does not redo the same work.

Only work whose result depends on nothing but inputs we can name exactly is kept, and every entry is keyed by
those inputs, so an entry is either right or not found, never stale:

- compiled Jinja templates (Jinja's own bytecode cache: each entry carries the checksum of its template's
  source; the folder is keyed by the environment, the Jinja and Python versions and the source of the code
  generator that compiled it, so a change to the sandbox's checks never runs code compiled before it);
- answers computed from an installed package's data, keyed by that package's files (:func:`package_stamp`);
- work done on an installed package's code, keyed by the bytes of that code and the versions that read it
  (WeasyPrint's C declarations, ``renderers/weasy/declarations.py``): :func:`load_bytes`, :func:`store_bytes`.

The cache lives in ``$NOTICES_CACHE_DIR``, else ``$XDG_CACHE_HOME/notices``, else ``~/.cache/notices``;
``NOTICES_CACHE_DIR=off`` turns it off. A cache that cannot be read or written (read-only home, full disk) is
no cache: nothing fails because of it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2
    from jinja2.bccache import Bucket

CACHE_FORMAT = 1  # bump when what an entry holds changes meaning


@functools.cache
def cache_root() -> Path | None:
    """The folder of this user's cache, created private (0700); ``None`` when off or not usable."""
    configured = os.environ.get("NOTICES_CACHE_DIR", "")
    if configured.lower() in ("off", "0", "none", "false"):
        return None
    if configured:
        root = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        root = Path(base) / "notices"
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return root if os.access(root, os.W_OK | os.X_OK) else None


def _folder(name: str) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    folder = root / name
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder


def _file_digest(path: str | None) -> str:
    if not path:
        return "-"
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "-"


def template_cache(
    label: str, environment: jinja2.Environment, *configured_in: str | None
) -> jinja2.BytecodeCache | None:
    """Jinja's bytecode cache for ``environment``'s templates, in a folder of their own (see the module).

    ``label`` names the environment and ``configured_in`` the files that set its options (autoescape,
    ``finalize``, the sandbox's code generator: all change the compiled code and none is in Jinja's key)."""
    import jinja2
    from jinja2.bccache import FileSystemBytecodeCache

    generator = environment.code_generator_class
    stamp = hashlib.sha256(
        "\x00".join(
            (
                label,
                jinja2.__version__,
                sys.version,
                str(CACHE_FORMAT),
                _file_digest(sys.modules[generator.__module__].__file__),
                _file_digest(sys.modules[type(environment).__module__].__file__),
                *(_file_digest(path) for path in configured_in),
                # Jinja compiles a filter or test call into a lookup by name made when the template loads, and
                # refuses an unknown one only when compiling: code compiled where a filter existed must not be
                # loaded where it does not (two installs of notices sharing one cache, an upgrade).
                " ".join(sorted(environment.filters)),
                " ".join(sorted(environment.tests)),
            )
        ).encode()
    ).hexdigest()[:20]
    folder = _folder(f"templates-{stamp}")
    if folder is None:
        return None

    class QuietCache(FileSystemBytecodeCache):
        """A cache entry that cannot be written is simply not kept."""

        def dump_bytecode(self, bucket: Bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

        def load_bytecode(self, bucket: Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except OSError:
                bucket.reset()

    return QuietCache(str(folder))


def package_stamp(*paths: str | os.PathLike[str]) -> str:
    """A key for data read from installed files: their paths, sizes and modification times."""
    parts = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            parts.append(f"{path}:missing")
            continue
        parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("\x00".join([str(CACHE_FORMAT), sys.version, *parts]).encode()).hexdigest()[:24]


def _entry(folder: Path, name: str, stamp: str) -> Path:
    # The stamp is part of the file's name: two installs of notices (two virtual environments of one user,
    # with different packages) keep their entries side by side instead of overwriting each other's each run.
    return folder / f"{name}-{stamp}.json"


def load_json(name: str, stamp: str) -> Any:
    """The JSON value stored under ``name`` for ``stamp``, or ``None``."""
    folder = _folder("data")
    if folder is None:
        return None
    try:
        entry = json.loads(_entry(folder, name, stamp).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("stamp") != stamp:
        return None
    return entry.get("value")


def store_json(name: str, stamp: str, value: Any) -> None:
    """Keep ``value`` under ``name`` for ``stamp`` (written whole, then renamed: readers never see half)."""
    folder = _folder("data")
    if folder is None:
        return
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, prefix=f".{name}.", suffix=".tmp", delete=False
        ) as out:
            json.dump({"stamp": stamp, "value": value}, out, ensure_ascii=False)
        os.replace(out.name, _entry(folder, name, stamp))
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(out.name)


def _bytes_entry(folder: Path, name: str, stamp: str) -> Path:
    return folder / f"{name}-{stamp}.bin"


def load_bytes(name: str, stamp: str) -> bytes | None:
    """The bytes stored under ``name`` for ``stamp``, or ``None`` (the stamp is in the file's name; what the
    bytes mean, and how a reader checks them, is the writer's)."""
    folder = _folder("data")
    if folder is None:
        return None
    try:
        return _bytes_entry(folder, name, stamp).read_bytes()
    except OSError:
        return None


def store_bytes(name: str, stamp: str, data: bytes) -> None:
    """Keep ``data`` under ``name`` for ``stamp`` (written whole, then renamed: readers never see half)."""
    folder = _folder("data")
    if folder is None:
        return
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{name}.", suffix=".tmp", delete=False) as out:
            out.write(data)
        os.replace(out.name, _bytes_entry(folder, name, stamp))
    except OSError:
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(out.name)
