"""heatcalc data status: what the data hold per tariff year, with sources."""
import json

from heatcalc.cli import main
from heatcalc.money.data_status import data_status
from tests.datacopy import energy_tax_copy


def test_status_of_the_shipped_data():
    d = data_status()
    y = d["years"]
    assert y[2025]["energy_tax"]["status"] == "complete" and y[2025]["computes"]
    # 2026: only the first bands are in the data; the missing bands are named
    assert y[2026]["energy_tax"]["status"] == "incomplete" and not y[2026]["computes"]
    assert any("gas: bands from 1,000" in m for m in y[2026]["energy_tax"]["missing"])
    assert y[2027]["energy_tax"]["status"] == "missing"
    assert d["latest_complete_year"] == 2025
    assert y[2025]["grid_tariffs"]["liander"]["status"] in ("complete", "provisional")
    assert y[2025]["grid_tariffs"]["tennet"]["status"] == "missing"
    assert y[2025]["energy_tax"]["sources"], "every status names its sources"
    assert y[2027]["prices"]["eua_price"]["quantity_used"] == "eua_price_path"


def test_a_completed_year_becomes_complete(tmp_path):
    """Adding the missing top band of a year changes its status: the status reads the data, not a list."""
    dst, path, text, rows_2025 = energy_tax_copy(tmp_path)
    text = "\n".join(ln for ln in text.splitlines() if ",2026," not in ln or not ln.startswith(("gas,", "electricity,")))
    text += "\n" + "\n".join(ln.replace(",2025,", ",2026,") for ln in rows_2025) + "\n"
    path.write_text(text, encoding="utf-8")
    d = data_status(data_dir=dst)
    assert d["years"][2026]["energy_tax"]["status"] == "complete"


def test_cli_json(capsys):
    assert main(["data", "status", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["latest_complete_year"] == 2025 and set(d["years"]) >= {"2025", "2026", "2027"}
    assert main(["data", "status"]) == 0
    assert "2026: does not compute" in capsys.readouterr().out


def test_the_default_tariff_year_is_the_latest_that_computes():
    """tariff_year defaults to the latest year whose data are complete; completing a year's data
    makes this test fail until the default follows."""
    from heatcalc.case import Case

    assert Case.model_fields["tariff_year"].default == data_status()["latest_complete_year"]
