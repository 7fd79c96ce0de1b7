"""``heatcalc tariff``: contract keys, worked examples, readable text, exit codes."""
import json

import pytest

from heatcalc.cli import main

CONTRACT_KEYS = {"energy_tax_gas_EUR", "energy_tax_el_EUR", "network_EUR", "total_EUR", "bands"}
#: "To the euro".
EUR_ATOL = 0.5


def run_json(capsys, *args):
    rc = main(["tariff", *args, "--json"])
    out = capsys.readouterr().out
    assert rc == 0
    return json.loads(out)


def test_json_worked_examples(capsys):
    d = run_json(capsys, "--year", "2025", "--gas-m3", "2000000", "--electricity-kWh", "20000000")
    assert CONTRACT_KEYS <= set(d)
    assert abs(d["energy_tax_gas_EUR"] - 563_813) < EUR_ATOL
    assert abs(d["energy_tax_el_EUR"] - 420_756) < EUR_ATOL
    assert d["network_EUR"] == 0
    assert d["total_EUR"] == pytest.approx(d["energy_tax_gas_EUR"] + d["energy_tax_el_EUR"])
    for b in d["bands"]:
        assert {"band", "volume", "rate", "amount"} <= set(b)
    assert sum(b["amount"] for b in d["bands"]) == pytest.approx(d["energy_tax_gas_EUR"] + d["energy_tax_el_EUR"])


def test_json_with_network(capsys):
    # Liander MS: 26.68 x 1500 + 3.46 x 1200 x 12 + 0.022 x 3,000,000 + 441 = 156,285
    d = run_json(capsys, "--electricity-kWh", "3000000", "--grid-operator", "liander", "--contract-kW", "1500",
                 "--peak-kW", "1200")
    assert d["network_EUR"] == pytest.approx(156_285 + 1_926.84)  # + periodic connection 1-2 MVA (Liander 2025)
    assert d["network"]["voltage_level"] == "MS"
    assert d["total_EUR"] == pytest.approx(d["energy_tax_el_EUR"] + 156_285 + 1_926.84)


def test_json_twelve_peaks(capsys):
    peaks = ["1000"] * 6 + ["1500"] * 6
    args = ["--grid-operator", "stedin", "--contract-kW", "1500"]
    for p in peaks:
        args += ["--peak-kW", p]
    d = run_json(capsys, *args)
    # + periodic connection 175 kVA-1.75 MVA, 1,455.50 EUR/yr (Stedin 2025)
    assert d["network_EUR"] == pytest.approx(24.30 * 1500 + 3.10 * 15_000 + 441 + 1_455.5)


def test_text_output_is_a_table(capsys):
    assert main(["tariff", "--gas-m3", "2000000"]) == 0
    out = capsys.readouterr().out
    assert "energy tax gas" in out and "563,813.10" in out and "band" in out


@pytest.mark.parametrize("args, words", [
    (["--gas-m3", "-5"], ["--gas-m3=-5", "m³/yr"]),
    (["--year", "2019"], ["--year=2019", "2025"]),
    (["--year", "2026", "--gas-m3", "2000000"], ["band 2", "2026"]),
    (["--grid-operator", "eneco", "--contract-kW", "100"], ["eneco", "liander"]),
    (["--grid-operator", "liander"], ["--contract-kW"]),
    (["--grid-operator", "tennet", "--contract-kW", "20000"], ["tennet"]),
    (["--grid-operator", "liander", "--contract-kW", "100", "--peak-kW", "1", "--peak-kW", "2"], ["12"]),
    (["--electricity-kWh", "abc"], ["--electricity-kWh"]),
])
def test_bad_input_exits_2_with_one_error_line(capsys, args, words):
    rc = main(["tariff", *args])
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert rc == 2
    assert captured.out == ""
    assert len(err) == 1 and err[0].startswith("error:")
    for w in words:
        assert w in err[0]
