"""The on-disk cache of a cold start (notices/cache.py): an entry is right or absent, never stale or fatal."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import jinja2
import pytest

from notices import cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NOTICES_CACHE_DIR", str(folder))
    cache.cache_root.cache_clear()
    yield folder
    cache.cache_root.cache_clear()


def test_a_value_is_found_only_under_the_stamp_it_was_stored_with(cache_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "data.txt"
    source.write_text("one", encoding="utf-8")
    stamp = cache.package_stamp(source)
    cache.store_json("answer", stamp, {"x": [1, 2]})
    assert cache.load_json("answer", stamp) == {"x": [1, 2]}
    source.write_text("other", encoding="utf-8")  # another size: another stamp
    assert cache.package_stamp(source) != stamp
    assert cache.load_json("answer", cache.package_stamp(source)) is None
    assert oct(cache_dir.stat().st_mode & 0o777) == oct(0o700)


def test_two_installs_keep_their_entries_side_by_side(cache_dir: Path) -> None:
    # Two virtual environments of one user, with different package files: each start of one must not undo
    # the other's entry (they did, when an entry's file was named without its stamp).
    cache.store_json("answer", "install-a", "a")
    cache.store_json("answer", "install-b", "b")
    assert cache.load_json("answer", "install-a") == "a"
    assert cache.load_json("answer", "install-b") == "b"


def test_bytes_are_kept_whole_under_their_stamp(cache_dir: Path) -> None:
    cache.store_bytes("blob", "s1", b"\x00\xff one")
    cache.store_bytes("blob", "s2", b"two")
    assert cache.load_bytes("blob", "s1") == b"\x00\xff one"
    assert cache.load_bytes("blob", "s2") == b"two"
    assert cache.load_bytes("blob", "s3") is None
    assert not list((cache_dir / "data").glob(".*.tmp"))  # nothing half-written left behind


def test_a_damaged_entry_is_no_entry(cache_dir: Path) -> None:
    cache.store_json("answer", "s", 1)
    (entry,) = (cache_dir / "data").glob("answer*.json")
    entry.write_text('{"stamp": "s", "val', encoding="utf-8")
    assert cache.load_json("answer", "s") is None


def test_an_unwritable_cache_is_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("NOTICES_CACHE_DIR", str(blocker / "cache"))  # under a file: cannot be made
    cache.cache_root.cache_clear()
    try:
        assert cache.cache_root() is None
        cache.store_json("answer", "s", 1)
        assert cache.load_json("answer", "s") is None
        cache.store_bytes("blob", "s", b"1")
        assert cache.load_bytes("blob", "s") is None
        assert cache.template_cache("x", jinja2.Environment()) is None
    finally:
        cache.cache_root.cache_clear()


def test_off_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTICES_CACHE_DIR", "off")
    cache.cache_root.cache_clear()
    try:
        assert cache.cache_root() is None
    finally:
        cache.cache_root.cache_clear()


def test_a_changed_template_is_compiled_again(cache_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "t.j2"

    def rendered() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)))
        env.bytecode_cache = cache.template_cache("test", env)
        return env.get_template("t.j2").render(name="x")

    template.write_text("hello {{ name }}", encoding="utf-8")
    assert rendered() == "hello x"
    assert list(cache_dir.glob("templates-*/*.cache"))  # kept for the next process
    assert rendered() == "hello x"  # from the cache
    template.write_text("bye {{ name }}", encoding="utf-8")
    os.utime(template, (1, 1))  # even with an old timestamp: the source's checksum decides
    assert rendered() == "bye x"


def test_environments_with_other_options_do_not_share_compiled_code(cache_dir: Path) -> None:
    plain, escaping = jinja2.Environment(), jinja2.Environment(autoescape=True)
    assert cache.template_cache("a", plain).directory != cache.template_cache("b", escaping).directory


def test_code_compiled_with_a_filter_is_not_loaded_where_the_filter_is_missing(
    cache_dir: Path, tmp_path: Path
) -> None:
    """Two installs sharing one cache (or an upgrade) whose environments differ in their filters."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.j2").write_text("{{ name | shout }}", encoding="utf-8")

    def environment(with_filter: bool) -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)))
        if with_filter:
            env.filters["shout"] = str.upper
        env.bytecode_cache = cache.template_cache("test", env)
        return env

    assert environment(True).get_template("t.j2").render(name="x") == "X"
    with pytest.raises(jinja2.TemplateAssertionError, match="shout"):  # compiled here, told at its line
        environment(False).get_template("t.j2")


def test_holiday_facts_from_the_cache_are_the_computed_ones(cache_dir: Path) -> None:
    from notices.check import calendar

    def fresh() -> None:
        calendar._year_facts.cache_clear()
        calendar.official_schedule_years.cache_clear()

    fresh()
    computed = calendar._computed_year_facts(2026)
    years = calendar.official_schedule_years()
    assert calendar._year_facts(2026) == computed  # computed, then stored
    assert list((cache_dir / "data").glob("china-holidays-2026-*.json"))
    fresh()
    assert calendar._year_facts(2026) == computed  # read back
    assert calendar.official_schedule_years() == years
    assert calendar.holiday_break(dt.date(2026, 2, 17)) == calendar.HolidayBreak(
        "春节", dt.date(2026, 2, 15), dt.date(2026, 2, 23), True
    )
    fresh()
