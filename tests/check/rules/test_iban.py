"""B-IBAN: the check digits of an IBAN a notice labels as one (ISO 13616), with and without its spaces."""

from __future__ import annotations

from notices.check.examples import run_example
from notices.check.rules.iban import iban_valid


def test_real_ibans_pass_and_a_slip_fails() -> None:
    assert iban_valid("GB33 BUKB 2020 1555 5555 55") and iban_valid("DE89370400440532013000")
    assert not iban_valid("DE89 3704 0044 0532 0130 01")
    assert not iban_valid("GB33 BUKB 2020 1555 5555 65")  # two digits swapped


def test_only_what_is_labelled_an_iban_is_read() -> None:
    swapped = "lang: en\nbody: ['New account: IBAN DE89 3704 0044 0532 0130 01, BIC COBADEFFXXX.']"
    (found,) = run_example(swapped, only="B-IBAN")
    assert "DE89 3704 0044 0532 0130 01" in found.message and found.column is not None
    model = "lang: en\nbody: ['Order part GB33BUKB20201555555556 before 1 March.']"
    assert run_example(model, only="B-IBAN") == []
    then_bic = "lang: en\nbody: ['IBAN: DE89 3704 0044 0532 0130 00 BIC: COBADEFFXXX']"
    assert run_example(then_bic, only="B-IBAN") == []
    zh = "body: ['新账户：开户行德国商业银行，IBAN：DE89370400440532013000。']"
    assert run_example(zh, only="B-IBAN") == []
