"""send.toml: every mistake located at its line and column, and the rules that protect the password."""

from __future__ import annotations

from pathlib import Path

import pytest

from notices.send import SendConfigError, load_config

GOOD = """\
from = "华东恒信控股有限公司 <notices@hengxin.example.com>"
reply_to = "sales@hengxin.example.com"
attach = ["pdf", "docx"]

[smtp]
host = "smtp.hengxin.example.com"
port = 587
security = "starttls"
user = "notices@hengxin.example.com"
password_env = "NOTICES_SMTP_PASSWORD"

[pacing]
rate = 30
daily_cap = 500
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "send.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SendConfigError) as caught:
        load_config(path)
    return [f"{p.location.line}:{p.location.column} {p.message} | {p.fix}" for p in caught.value.problems]


def test_the_documented_example_loads(tmp_path: Path) -> None:
    path = tmp_path / "send.toml"
    path.write_text(GOOD, encoding="utf-8")
    config = load_config(path)
    assert config.sender is not None and config.sender.display_name == "华东恒信控股有限公司"
    assert config.smtp is not None and (config.smtp.port, config.smtp.security) == (587, "starttls")
    assert (config.pacing.rate, config.pacing.daily_cap, config.attach) == (30.0, 500, ("pdf", "docx"))
    assert config.to_column == "email" and config.retry.give_up_after == 5 * 86400


def test_unknown_keys_are_located_with_a_suggestion(tmp_path: Path) -> None:
    text = (
        GOOD.replace('host = "smtp', 'hots = "smtp').replace("daily_cap", "  dialy_cap") + "\n[smpt]\nx = 1\n"
    )
    found = problems(tmp_path, text)
    assert "6:1 unknown key 'hots' in [smtp] | did you mean 'host'?" in found
    assert "14:3 unknown key 'dialy_cap' in [pacing] | did you mean 'daily_cap'?" in found
    assert any(p.startswith("16:2 unknown key 'smpt'") and "did you mean 'smtp'" in p for p in found)
    assert any("needs a host" in p for p in found)  # every problem at once


def test_a_password_in_the_file_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace('password_env = "NOTICES_SMTP_PASSWORD"', 'password = "hunter2"'))
    assert any(p.startswith("10:1 a password is never written in send.toml") for p in found)
    assert any("a user is set but not where its password is" in p for p in found)


def test_password_env_names_a_variable_not_a_value(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace('"NOTICES_SMTP_PASSWORD"', '"hunter2!"'))
    assert found == [
        "10:16 'hunter2!' is not the name of an environment variable | give the variable's NAME (letters, "
        "digits, _), e.g. NOTICES_SMTP_PASSWORD, not its value"
    ]


@pytest.mark.parametrize("host", ["smtp.hengxin.example.com", "10.0.0.5", "127.0.0.1.example.com"])
def test_plain_smtp_is_refused_except_to_loopback(tmp_path: Path, host: str) -> None:
    text = GOOD.replace('security = "starttls"', 'security = "none"').replace(
        "smtp.hengxin.example.com", host
    )
    (found,) = problems(tmp_path, text)
    assert found.startswith('8:12 security = "none" would send the password and every notice')


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_plain_smtp_to_loopback_is_allowed(tmp_path: Path, host: str) -> None:
    path = tmp_path / "send.toml"
    path.write_text(
        GOOD.replace('security = "starttls"', 'security = "none"').replace("smtp.hengxin.example.com", host)
    )
    config = load_config(path)
    assert config.smtp is not None and config.smtp.port == 587


def test_values_of_the_wrong_kind(tmp_path: Path) -> None:
    text = GOOD.replace("rate = 30", 'rate = "fast"').replace('"starttls"', '"startls"') + (
        '[retry]\nfirst = "ten minutes"\n'
    )
    found = problems(tmp_path, text)
    assert "13:8 expected a number of at least 0, got 'fast' | write a number, without quotes" in found
    assert "8:12 'startls' is not one of starttls, tls, none | did you mean 'starttls'?" in found
    assert any(p.startswith("16:9 'ten minutes' is not a duration") for p in found)


def test_toml_syntax_errors_are_located(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, GOOD.replace("port = 587", "port = = 587"))
    assert found.startswith("7:8 ") and "TOML syntax" in found


def test_the_password_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "send.toml"
    path.write_text(GOOD, encoding="utf-8")
    config = load_config(path)
    assert config.smtp is not None
    monkeypatch.delenv("NOTICES_SMTP_PASSWORD", raising=False)
    with pytest.raises(SendConfigError, match="NOTICES_SMTP_PASSWORD"):
        config.smtp.password()
    monkeypatch.setenv("NOTICES_SMTP_PASSWORD", "s3cret")
    assert config.smtp.password() == "s3cret"
