"""``verify desk --page-timeout/--dossier-timeout`` (hostile exploration 9): the desk ran
every check under the default 3600 s whatever the reviewer wanted, while its time-cut
reviews told the reviewer to raise ``--dossier-timeout``. Through HTTP (TestClient),
the batch runner's real worker, a fake check that says the limit it was given."""
from __future__ import annotations

import desk_fakes
from test_desk_app import checked_applicant


def test_the_desks_dossier_timeout_reaches_its_checks(desk_factory, tmp_path):
    from starlette.testclient import TestClient

    from conftest import login

    app, folder = desk_factory(dossier_timeout=7.0, inner_check=desk_fakes.budget_check)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        li = login(client, "李审")
        applicant_id = checked_applicant(li, tmp_path)
        page = li.get(f"/applicants/{applicant_id}").text
    assert "限时 7 秒" in page, "the check ran under another limit"


def test_verify_desk_takes_the_time_limits_on_its_command_line(desk_factory, monkeypatch, tmp_path):
    from verify import cli
    from verify.desk import cli as desk_cli

    desk_factory()  # the data folder, with its users
    seen = []
    monkeypatch.setattr(desk_cli, "serve", lambda app, config: seen.append(config) or 0)
    args = cli.build_parser().parse_args(["desk", "--data", str(tmp_path / "data"), "--dossier-timeout", "600",
                                          "--page-timeout", "30"])
    assert args.func(args) == 0
    assert (seen[0].dossier_timeout, seen[0].page_timeout) == (600.0, 30.0)
    args = cli.build_parser().parse_args(["desk", "--data", str(tmp_path / "data")])
    assert args.func(args) == 0
    assert (seen[1].dossier_timeout, seen[1].page_timeout) == (3600.0, 60.0)
