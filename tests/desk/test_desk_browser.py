"""The whole desk loop in real Chromium (Playwright driving Debian's ``chromium``), against
``verify desk`` started from the CLI on a real port, with the real OCR engine on the
sample's A2024-003: log in, upload the zip, watch the progress finish, open the report,
override a ``review`` finding with a reason, make the final decision, see both in the
audit view, export the XLSX and read it back; a second reviewer sees the decision and
cannot edit the log. An admin withdraws an upload made by mistake.

Playwright's own browser download cannot be reached from our machines: the browser is
the Debian package (``scripts/setup_system.sh`` installs it); the test skips without it.
"""
from __future__ import annotations

import io
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Debian chromium not installed (apt-get install -y chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e '.[dev]')")

from playwright.sync_api import expect  # noqa: E402

from desk_server import adduser, running_desk  # noqa: E402

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample" / "A2024-003"
PASSWORD = "browser-test-pw"
# An applicant's page, waited for to its load event after 查看: its cards are visible before
# desk.js, at the end of the body, has bound its buttons (a click in between submitted an
# override with no reason past the browser's check: CI at edca827).
APPLICANT_PAGE = re.compile(r"/applicants/\d+$")
CHECK_TIMEOUT_MS = 600_000  # the real OCR of 10 pages; ~20 s on a quiet machine, far more on a busy one


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, headless, without the calls home that cannot be reached here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]}


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory):
    data = tmp_path_factory.mktemp("desk") / "data"
    assert adduser(data, "李审", PASSWORD).returncode == 0
    assert adduser(data, "王审", PASSWORD).returncode == 0
    assert adduser(data, "管理员", PASSWORD, admin=True).returncode == 0
    with running_desk(data) as base:
        yield base


@pytest.fixture(scope="module")
def sample_zip(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("upload") / "A2024-003.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(SAMPLE.rglob("*")):
            if path.is_file():
                zf.write(path, f"A2024-003/{path.relative_to(SAMPLE).as_posix()}")
    return target


def log_in(page, base: str, name: str) -> None:
    page.goto(base + "/")
    expect(page).to_have_url(re.compile(r"/login"))
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/applicants$"))


def upload_as(browser, desk_url: str, user: str, archive):
    """A new browser context in which ``user`` logs in and uploads the zip ``archive``:
    the context and its page."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    log_in(page, desk_url, user)
    page.locator("form.upload-zip input[name=archive]").set_input_files(str(archive))
    page.get_by_role("button", name="上传 ZIP").click()
    return context, page


def test_the_whole_review_loop_in_a_real_browser(browser, desk_url, sample_zip, tmp_path):
    context = browser.new_context(accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    log_in(page, desk_url, "李审")

    # upload the zip and watch the progress, live, on the list page
    page.locator("form.upload-zip input[name=archive]").set_input_files(str(sample_zip))
    started = time.monotonic()
    page.get_by_role("button", name="上传 ZIP").click()
    expect(page.locator(".flash")).to_contain_text("已收到 A2024-003")
    row = page.locator("tr", has_text="A2024-003")
    live = row.locator(".live")
    expect(live.locator("progress")).to_be_visible()
    expect(live).to_contain_text(re.compile(r"识别文字|核对规则|生成报告|准备材料|排队等待"))
    expect(live.locator(".pages")).to_contain_text(re.compile(r"[1-9]\d*/\d+ 页"), timeout=CHECK_TIMEOUT_MS)
    first_page = time.monotonic() - started
    # the page count beside its bar (the pagination's .pages rule put it on a line of its own,
    # centred under it); None: the check ended in between, the bar gone
    beside = live.evaluate("""e => { const bar = e.querySelector('progress'), n = e.querySelector('.pages');
        if (!bar || !n || !n.textContent) return null;
        const b = bar.getBoundingClientRect(), r = n.getBoundingClientRect();
        return r.left > b.right && r.top < b.bottom && r.bottom > b.top; }""")
    assert beside in (True, None)
    expect(live).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    expect(row.locator(".verdict-cell .badge")).to_have_text("不通过")
    print(f"\nupload -> first page progress {first_page:.1f} s, -> done {time.monotonic() - started:.1f} s")

    # the report, with the desk's controls beside every finding
    row.get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)
    expect(page.locator("h1")).to_contain_text("吕浩玉")
    expect(page.locator("section.verdict")).to_contain_text("不通过")
    page.wait_for_load_state()  # the page (2-3 MB with its images) parsed whole before counting
    cards = page.locator("article.finding")
    assert cards.count() == page.locator("article.finding .decide-form").count() > 0
    # an override refused for want of a reason leaves 确认 free (browser exploration: it
    # stayed blocked until the reason box was typed in)
    page.locator("#findings .filters button[data-filter=all]").click()  # it opens on 待决定: no passes
    passed = page.locator("article.finding[data-status=pass]").first
    passed.locator("details.redecide > summary").click()  # a pass card's form is folded behind 改判
    passed.get_by_role("button", name="改判为不通过").click()
    assert passed.locator("[name=reason]").evaluate("e => e.validationMessage") == "改判必须填写理由"
    passed.get_by_role("button", name="确认").click()
    expect(page.locator(".toast")).to_have_text("已记录")  # sent in the background: no reload
    # a finding the reviewer overrules after seeing the original (a review or a fail)
    review = page.locator("article.finding[data-status=review], article.finding[data-status=fail]").first
    rule = review.get_attribute("data-rule")
    # Enter in the reason box writes a new line; it never submits the form's first button (确认)
    review.locator("[name=reason]").fill("已核对原件，印章清晰")
    review.locator("[name=reason]").press("Enter")
    page.wait_for_timeout(500)
    expect(review.locator(".decided")).to_have_count(0)
    review.locator("[name=reason]").fill("已核对原件，印章清晰")
    review.get_by_role("button", name="改判为通过").click()
    expect(page.locator(".toast")).to_have_text("已记录")
    decided = page.locator(f"article.finding[data-rule='{rule}']").locator(".decided",
                                                                                                   has_text="已核对原件")
    expect(decided.first).to_contain_text("李审")
    expect(decided.first).to_contain_text("改判为通过")

    # the final decision with the reviewer's name
    decision = page.locator("#decision")
    decision.get_by_role("radio", name="不通过").check()
    decision.get_by_label(re.compile("审核意见")).fill("获奖证书日期早于现职称，印章单位不符")
    decision.get_by_role("button", name="保存最终决定").click()
    expect(page.locator(".decision-by")).to_have_text("李审")
    expect(page.locator(".current-decision")).to_contain_text("不通过")

    # both in the audit view
    page.get_by_role("link", name="审计记录").first.click()
    audit = page.locator("table.audit")
    expect(audit.locator("tr", has_text="改判核验结果")).to_contain_text("已核对原件，印章清晰")
    expect(audit.locator("tr", has_text="最终决定")).to_contain_text("获奖证书日期早于现职称")
    expect(page.locator(".chain.ok")).to_be_visible()

    # the XLSX for HR, read back
    page.goto(desk_url + "/applicants")
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 XLSX").click()
    xlsx = tmp_path / "export.xlsx"
    download.value.save_as(xlsx)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.read_bytes())).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in r))) for r in sheet.iter_rows(min_row=2)]
    assert [r["编号"] for r in rows] == ["A2024-003"]
    assert rows[0]["申报人"] == "吕浩玉" and rows[0]["核验结论"] == "不通过" and rows[0]["最终决定"] == "不通过"
    assert rows[0]["审核人"] == "李审" and rows[0]["审核意见"] == "获奖证书日期早于现职称，印章单位不符"
    assert "：" in rows[0]["不通过的规则及首条原因"] and rows[0]["报告链接"].startswith(desk_url + "/applicants/")
    context.close()

    # a second reviewer sees the decision and cannot edit the log
    other = browser.new_context(locale="zh-CN")
    page = other.new_page()
    log_in(page, desk_url, "王审")
    page.get_by_role("row", name=re.compile("A2024-003")).get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)
    expect(page.locator(".decision-by")).to_have_text("李审")
    page.locator("#decision").get_by_role("radio", name="通过", exact=True).check()
    page.locator("#decision").get_by_role("button", name="保存最终决定").click()
    expect(page.locator("#decision .refused")).to_contain_text("最终决定已由 李审 作出")
    expect(page.locator(".decision-by")).to_have_text("李审")
    page.goto(desk_url + "/audit")
    expect(page.locator("table.audit tr", has_text="最终决定").first).to_contain_text("李审")
    assert page.locator("table.audit form, table.audit button, table.audit input").count() == 0
    status = page.evaluate("""async () => {
        const token = document.querySelector('input[name=csrf_token]').value;
        const out = [];
        for (const method of ['POST', 'PUT', 'DELETE']) {
            const r = await fetch('/audit', {method, headers: {'X-CSRF-Token': token}, body: method === 'DELETE' ? null : 'id=1'});
            out.push(r.status);
        }
        return out;
    }""")
    assert status == [405, 405, 405]
    expect(page.locator("table.audit tr", has_text="改判核验结果")).to_contain_text("已核对原件，印章清晰")
    other.close()


def _two_unreadable_files(tmp_path, key: str):
    """A zip of the sample applicant's facts and two empty scans: two ``dossier.readable``
    reviews of one rule, checked in a moment."""
    target = tmp_path / f"{key}.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.write(SAMPLE / "applicant.yaml", f"{key}/applicant.yaml")
        zf.writestr(f"{key}/扫描/第1页.jpg", b"")
        zf.writestr(f"{key}/扫描/第2页.pdf", b"")
    return target


def _opened(browser, desk_url, tmp_path, key: str):
    """李审 uploads :func:`_two_unreadable_files` as ``key``, waits for its check and opens its page."""
    context, page = upload_as(browser, desk_url, "李审", _two_unreadable_files(tmp_path, key))
    row = page.locator("tr", has_text=key)
    expect(row.locator(".live")).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    row.get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)
    return context, page


def test_findings_of_one_rule_are_decided_side_by_side_in_a_real_browser(browser, desk_url, tmp_path):
    """Two files that cannot be read are two ``dossier.readable`` reviews of one rule: the
    desk shows them together, asks for a reason before an override and records both."""
    context, page = upload_as(browser, desk_url, "李审", _two_unreadable_files(tmp_path, "A2024-077"))
    row = page.locator("tr", has_text="A2024-077")
    expect(row.locator(".live")).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    row.get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)

    group = page.locator("section.group.g-review")  # (its missing forms are groups of fails)
    expect(group).to_have_count(1)
    expect(group.locator("h2")).to_contain_text("2 项待复核")
    ticks = group.locator("input[name=finding]")
    expect(ticks).to_have_count(2)
    # an override without a reason is stopped in the browser; nothing is sent
    group.get_by_role("button", name="所选改判为通过").click()
    assert group.locator("[name=reason]").evaluate("e => e.validationMessage") == "改判必须填写理由"
    expect(page.locator(".flash")).to_have_count(0)
    group.locator("[name=reason]").fill("补交材料已另行核对")
    group.get_by_role("button", name="所选改判为通过").click()
    expect(page.locator(".toast")).to_have_text("已记录 2 项")
    expect(page.locator("section.group.g-review")).to_have_count(0)
    expect(page.locator("article.finding .decided", has_text="补交材料已另行核对")).to_have_count(2)
    context.close()


def test_fails_of_one_rule_are_confirmed_at_once_and_each_undone_alone_in_a_real_browser(browser, desk_url, tmp_path):
    """Fails of one rule were confirmed one click each (a reviewer with twelve journal.cn
    fails of one cause clicked twelve times). The undecided fails of one rule are a
    同类不通过项 panel: one 确认所选 records each, audited as if decided alone, and
    each is undone on its own card as a single decision is."""
    context, page = upload_as(browser, desk_url, "李审", _two_unreadable_files(tmp_path, "A2024-078"))
    row = page.locator("tr", has_text="A2024-078")
    expect(row.locator(".live")).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    row.get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)

    years = page.locator('[id="group-assessment.years-fail"]')  # 缺少 2021、2022、2023 年度考核表
    expect(years.locator("h2")).to_have_text("同类不通过项：近三年年度考核表齐全（3 项未决定）")
    expect(years.locator("input[name=finding]:checked")).to_have_count(3)
    expect(years.get_by_role("button", name="所选改判为不通过")).to_have_count(0)  # they are fails already
    expect(page.locator('[id="group-dossier.required-fail"]')).to_have_count(1)
    # overriding several fails to 通过 at once is asked once more, with the count; declined, nothing is sent
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    years.locator("[name=reason]").fill("已核对")
    years.get_by_role("button", name="所选改判为通过").click()
    expect(years.locator("input[name=finding]:checked")).to_have_count(3)
    assert asked == ["将所选 3 项不通过改判为通过？每项都将以同一理由记入审计记录。"], asked
    expect(page.locator(".toast")).to_have_count(0)
    years.locator("[name=reason]").fill("")
    # every item starts ticked: 全不选 unticks them all, 全选 ticks them again
    tick_all = years.locator("button.tick-all")
    expect(tick_all).to_have_text("全不选")
    tick_all.click()
    expect(years.locator("input[name=finding]:checked")).to_have_count(0)
    expect(tick_all).to_have_text("全选")
    tick_all.click()
    expect(years.locator("input[name=finding]:checked")).to_have_count(3)
    years.get_by_role("button", name="确认所选").click()
    expect(page.locator(".toast")).to_have_text("已记录 3 项")
    expect(page.locator('[id="group-assessment.years-fail"]')).to_have_count(0)
    confirmed = page.locator("article.finding[data-rule='assessment.years']")
    expect(confirmed.locator(".decided.d-confirm")).to_have_count(3)
    expect(confirmed.first.locator(".decided")).to_contain_text("李审")

    # one of them undone on its own card, with a reason, as any single decision (under 全部:
    # decided, it has left 待决定, which the page opened on)
    page.locator("#findings .filters button[data-filter=all]").click()
    first = confirmed.first
    first.locator("[name=reason]").fill("点错了，该年度考核表在补交材料中")
    first.get_by_role("button", name="撤销决定").click()
    expect(page.locator(".toast")).to_have_text("已撤销该项的复核决定")
    expect(confirmed.locator(".decided.d-confirm")).to_have_count(2)

    page.get_by_role("link", name="审计记录").first.click()
    audit = page.locator("table.audit")
    expect(audit.locator('tr[data-action="finding.confirm"]', has_text="近三年年度考核表齐全")).to_have_count(3)
    expect(audit.locator('tr[data-action="finding.undo"]')).to_contain_text("点错了，该年度考核表在补交材料中")
    expect(page.locator(".chain.ok")).to_be_visible()
    context.close()


def test_an_admin_withdraws_a_mistaken_upload_in_a_real_browser(browser, desk_url, tmp_path):
    """A test upload (no applicant.yaml: it waits for the form, no check runs) is withdrawn
    with a reason after the browser's confirm(): gone from the list, shown in the audit view."""
    target = tmp_path / "A2024-088.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("A2024-088/扫描/第1页.jpg", b"\xff\xd8 test upload")
    context, page = upload_as(browser, desk_url, "管理员", target)
    expect(page).to_have_url(re.compile(r"/applicants/\d+/info$"))
    page.goto(page.url.removesuffix("/info"))

    form = page.locator("form.withdraw-form")
    form.get_by_label("撤回理由（必填）").fill("测试上传，非申报材料")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    form.get_by_role("button", name="撤回此申报").click()  # dismissed: nothing is sent
    expect(form).to_be_visible()
    assert "A2024-088" in asked[0]
    page.once("dialog", lambda dialog: dialog.accept())
    form.get_by_role("button", name="撤回此申报").click()
    expect(page).to_have_url(re.compile(r"/applicants$"))
    expect(page.locator(".flash")).to_contain_text("已撤回申报人 A2024-088")
    expect(page.locator("table.applicants tr", has_text="A2024-088")).to_have_count(0)

    page.get_by_role("link", name="审计记录").first.click()
    row = page.locator("table.audit tr[data-action='applicant.withdraw']")
    expect(row).to_contain_text("A2024-088")
    expect(row).to_contain_text("测试上传，非申报材料")
    expect(row).to_contain_text("管理员")
    # time, who, what and whose each on one line (a row was three lines tall, A2024- / 088)
    lines = ("e => { const r = document.createRange(); r.selectNodeContents(e);"
             " const tops = [...r.getClientRects()].map(b => b.top); return Math.max(...tops) - Math.min(...tops) < 8 }")
    assert [row.locator("td").nth(i).evaluate(lines) for i in (1, 2, 3, 4)] == [True] * 4
    context.close()


def test_the_list_shows_a_finished_checks_counts_without_a_reload(browser, desk_url, tmp_path):
    """The list follows a check live; when it finished, the verdict was filled in but the
    不通过/需复核 cell stayed as loaded (empty) until a reload. After a recheck of a dossier
    with an override, the cell counts the override and names the machine's counts."""
    context, page = upload_as(browser, desk_url, "李审", _two_unreadable_files(tmp_path, "A2024-066"))
    row = page.locator("table.applicants tr", has_text="A2024-066")
    live, cell = row.locator(".live"), row.locator(".counts-cell")

    # the upload's own check: followed on this page where it is still under way when the list
    # loads (a warm worker may end a check of two unreadable files first: then the server wrote it)
    page.evaluate("window.sameLoad = true")
    expect(live).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    expect(cell).to_have_text(re.compile(r"\d+ / \d+"))
    assert page.evaluate("window.sameLoad === true")
    shown, progress = cell.inner_text(), live.inner_text()
    page.reload()
    reloaded = cell.inner_text()
    assert shown == reloaded and "机器核验" not in shown
    # the progress cell too reads as reloaded: it repeated the verdict column's badge and
    # the row's 查看 (as 查看报告) until a reload took both away
    assert progress.split() == live.inner_text().split() == ["已核验"]
    review_count = int(shown.split(" / ")[1])
    assert review_count >= 2  # the two unreadable files

    # one review overridden and a recheck asked for on the applicant's page in another tab, followed
    # by the list left open: its cell counts the override once the recheck ended, without a reload,
    # however fast the check (a warm worker ends a recheck of two files between two looks at the
    # queue: the list never saw it queued or running, and kept the old cell)
    page.evaluate("window.sameLoad = true")
    assert "机器核验" not in cell.inner_text()
    other = context.new_page()
    other.goto(desk_url + "/applicants")
    other.locator("table.applicants tr", has_text="A2024-066").get_by_role("link", name="查看", exact=True).click()
    other.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)
    card = other.locator("article.finding[data-status=review]").first
    card.locator("[name=reason]").fill("原件已另行核对")
    card.get_by_role("button", name="改判为通过").click()
    expect(other.locator(".toast")).to_have_text("已记录")
    # (not its flash: a recheck on a warm worker can end, and its page reload itself, before the flash is seen)
    other.get_by_role("button", name="重新核验").click()
    expect(cell).to_contain_text("机器核验", timeout=CHECK_TIMEOUT_MS)
    expect(live).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    assert page.evaluate("window.sameLoad === true")
    shown = cell.inner_text()
    page.reload()
    assert shown == cell.inner_text()
    assert shown.startswith(f"{shown.split(' / ')[0]} / {review_count - 1}") and "机器核验" in shown
    context.close()


def _a_readable_scan(tmp_path, key: str) -> Path:
    """A zip of new scans for ``key``: its 扫描/第1页.jpg (empty in :func:`_two_unreadable_files`)
    again, now a blank page that can be read."""
    import cv2
    import numpy as np

    ok, jpeg = cv2.imencode(".jpg", np.full((1100, 800, 3), 250, np.uint8))
    assert ok
    target = tmp_path / f"{key}-scans.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr(f"{key}/扫描/第1页.jpg", jpeg.tobytes())
    return target


def test_the_list_marks_a_decision_stale_without_a_reload(browser, desk_url, tmp_path):
    """A final decision made before new scans changed what it was made on (an unreadable file
    decided on is read now) is marked 待复核 on the list when the recheck ends, as a reload
    marks it; the list showed it only after a reload."""
    key = "A2024-055"
    context, page = upload_as(browser, desk_url, "李审", _two_unreadable_files(tmp_path, key))
    row = page.locator("table.applicants tr", has_text=key)
    live, cell = row.locator(".live"), row.locator(".decision-cell")
    expect(live).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    row.get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)
    group = page.locator("section.group.g-review")  # (the missing forms are groups of fails)
    group.locator("[name=reason]").fill("原件已另行核对")
    group.get_by_role("button", name="所选改判为通过").click()
    expect(page.locator(".toast")).to_have_text("已记录 2 项")
    decision = page.locator("#decision")
    decision.get_by_role("radio", name="退回补正").check()
    decision.get_by_label(re.compile("审核意见")).fill("请补交清晰的扫描件")
    decision.get_by_role("button", name="保存最终决定").click()
    expect(page.locator(".current-decision")).to_contain_text("退回补正")

    page.locator("form.upload-zip input[name=archive]").set_input_files(str(_a_readable_scan(tmp_path, key)))
    page.get_by_role("button", name="上传 ZIP").click()
    expect(page.locator(".flash")).to_contain_text("正在重新核验")
    page.goto(desk_url + "/applicants")
    expect(cell).to_contain_text("退回补正")
    expect(cell.locator(".badge.stale")).to_have_count(0)
    expect(live).to_have_attribute("data-state", re.compile("queued|running"))
    page.evaluate("window.sameLoad = true")
    expect(live).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    expect(cell.locator(".badge.stale")).to_have_text("待复核")
    assert page.evaluate("window.sameLoad === true")
    shown = cell.inner_html()
    page.reload()
    assert cell.inner_html() == shown
    context.close()


def test_a_decision_is_recorded_without_reloading_the_page_and_a_refusal_keeps_the_text(browser, desk_url, tmp_path):
    """A decision is sent in the background and its card, the counts and the record are
    put in place: a reload fetched every scan again (9 MB, 2-3 s for 130 findings) and
    lost the place and what was typed in other cards (desk exploration 7). Another's
    decision refuses the second reviewer's in place, the reason typed kept."""
    context, page = _opened(browser, desk_url, tmp_path, "A2024-082")
    page.evaluate("window.notReloaded = true")
    cards = page.locator("article.finding[data-status=review] .decide")
    first, second = cards.nth(0), cards.nth(1)
    card_id = first.get_attribute("id")
    first = page.locator(f"#{card_id}")  # the card itself, once it is decided and no longer under review
    second.locator("[name=reason]").fill("第二项还在核对")
    filter_count = {s: page.locator(f"#findings .filters button[data-filter={s}] b") for s in ("review", "pass")}
    counts = {s: int(c.inner_text()) for s, c in filter_count.items()}
    first.locator("[name=reason]").fill("原件可读，已核对")
    first.get_by_role("button", name="改判为通过").click()
    expect(page.locator(".toast")).to_have_text("已记录")
    expect(first.locator(".decided")).to_contain_text("原件可读，已核对")
    # the card's head says so too, beside the tool's 需复核, as a reload would show it
    expect(page.locator(f"#{card_id}-after .badge.b-pass")).to_have_text("改判后：通过")
    # and the status filter files it under 通过 now, counted there (it stayed under 需复核)
    expect(filter_count["review"]).to_have_text(str(counts["review"] - 1))
    expect(filter_count["pass"]).to_have_text(str(counts["pass"] + 1))
    page.locator("#findings .filters button[data-filter=review]").click()
    expect(page.locator(f"article.finding:has(#{card_id})")).to_be_hidden()
    page.locator("#findings .filters button[data-filter=pass]").click()
    expect(page.locator(f"article.finding:has(#{card_id})")).to_be_visible()
    page.locator("#findings .filters button[data-filter=all]").click()
    expect(page.locator("#history tbody tr").first).to_contain_text("改判核验结果")
    assert page.evaluate("window.notReloaded") is True
    assert second.locator("[name=reason]").input_value() == "第二项还在核对"

    other = browser.new_context(locale="zh-CN")
    theirs = other.new_page()
    log_in(theirs, desk_url, "王审")
    theirs.goto(page.url)
    theirs.locator("#findings .filters button[data-filter=all]").click()  # decided, it is not under 待决定
    card = theirs.locator(f"#{card_id}")
    card.locator("[name=reason]").fill("我认为不可读")
    theirs.evaluate("window.notReloaded = true")
    card.get_by_role("button", name="改判为不通过").click()
    expect(card.locator(".refused")).to_contain_text("该项已由 李审 改判为通过")
    assert card.locator("[name=reason]").input_value() == "我认为不可读"
    assert theirs.evaluate("window.notReloaded") is True
    expect(theirs.locator(f"#{card_id}-after")).to_have_text("改判后：通过")  # as the page was loaded
    other.close()

    # undone in place: the head shows the tool's status alone again
    first.locator("[name=reason]").fill("点错了")
    first.get_by_role("button", name="撤销决定").click()
    expect(first.locator(".decided")).to_have_count(0)
    expect(page.locator(f"#{card_id}-after .badge")).to_have_count(0)
    expect(filter_count["review"]).to_have_text(str(counts["review"]))
    expect(page.locator(f"article.finding:has(#{card_id})")).to_have_attribute("data-filter-as", "review")
    assert page.evaluate("window.notReloaded") is True
    context.close()


def test_another_reviewers_decision_shows_on_the_page_without_a_reload(browser, desk_url, tmp_path):
    """Two reviewers on one applicant: 王审's decision appears on 李审's open page (the
    card, the record, a note saying who), without a reload and with what 李审 was typing
    kept. Each saw only their own decisions until a reload, and learnt of the other's
    only from a refusal (hostile exploration 9)."""
    context, page = _opened(browser, desk_url, tmp_path, "A2024-080")
    page.evaluate("window.notReloaded = true")
    cards = page.locator("article.finding[data-status=review] .decide")
    first_id, second_id = cards.nth(0).get_attribute("id"), cards.nth(1).get_attribute("id")
    page.locator(f"#{second_id} [name=reason]").fill("我还在核对")

    other = browser.new_context(locale="zh-CN")
    theirs = other.new_page()
    log_in(theirs, desk_url, "王审")
    theirs.goto(page.url)
    card = theirs.locator(f"#{first_id}")
    card.locator("[name=reason]").fill("原件可读，王审已核对")
    card.get_by_role("button", name="改判为通过").click()
    expect(card.locator(".decided")).to_contain_text("原件可读，王审已核对")
    expect(card).to_be_hidden()  # decided, it left 待决定, which the page opened on

    expect(page.locator(f"#{first_id} .decided")).to_contain_text("王审", timeout=20_000)
    expect(page.locator(f"#{first_id} .decided")).to_contain_text("原件可读，王审已核对")
    expect(page.locator(f"#{first_id}-after")).to_have_text("改判后：通过")
    expect(page.locator(".toast")).to_contain_text("王审 刚刚更新了复核决定")
    expect(page.locator("#history tbody tr").first).to_contain_text("王审")
    assert page.evaluate("window.notReloaded") is True
    assert page.locator(f"#{second_id} [name=reason]").input_value() == "我还在核对"
    other.close()
    context.close()


def test_the_findings_still_to_decide_are_shown_alone_and_leave_as_they_are_decided(browser, desk_url, tmp_path):
    """待决定, beside the report's filters by result: the failing and to-review findings
    without a decision; a card decided leaves it, its count following (desk exploration 7)."""
    context, page = _opened(browser, desk_url, tmp_path, "A2024-079")
    acting = page.locator("article.finding[data-status=fail], article.finding[data-status=review]").count()
    button = page.locator("#findings .filters button[data-filter=open]")
    expect(button).to_have_text(f"待决定 {acting}")
    button.click()
    shown = page.locator("article.finding:visible")
    expect(shown).to_have_count(acting)
    first = shown.first
    card_id = first.locator(".decide").get_attribute("id")
    first.get_by_role("button", name="确认").click()
    expect(page.locator(".toast")).to_have_text("已记录")
    expect(button).to_have_text(f"待决定 {acting - 1}")
    expect(shown).to_have_count(acting - 1)
    expect(page.locator(f"#{card_id}")).to_be_hidden()
    page.locator("#findings .filters button[data-filter=all]").click()
    expect(page.locator(f"#{card_id} .decided")).to_be_visible()
    context.close()


def test_with_nothing_left_to_decide_the_filter_says_what_comes_next(browser, desk_url, tmp_path):
    """待决定 0 showed an empty list and nothing else (desk used end to end as a new
    reviewer): with the last finding decided, a line says the next step is the final
    decision and links to it; it is not there while findings are left, nor under 全部."""
    context, page = _opened(browser, desk_url, tmp_path, "A2024-086")
    button = page.locator("#findings .filters button[data-filter=open]")
    button.click()
    shown = page.locator("article.finding:visible")
    left = shown.count()
    assert left > 0
    nothing_left = page.locator(".flist .open-done")
    expect(nothing_left).to_be_hidden()
    while left:
        shown.first.get_by_role("button", name="确认").click()
        left -= 1
        expect(button).to_have_text(f"待决定 {left}")
        if left:
            expect(nothing_left).to_be_hidden()
    expect(nothing_left).to_be_visible()
    expect(nothing_left).to_contain_text("下一步")
    nothing_left.get_by_role("link", name="前往最终决定").click()
    expect(page).to_have_url(re.compile(r"#decision$"))
    expect(page.locator("#decision").get_by_role("button", name="保存最终决定")).to_be_in_viewport()
    page.locator("#findings .filters button[data-filter=all]").click()
    expect(nothing_left).to_be_hidden()
    context.close()


def test_another_reviewers_decision_on_the_card_being_typed_in_is_said_at_once(browser, desk_url, tmp_path):
    """李审 types a reason on a card while 王审 decides that card: the card says so at once,
    what 李审 typed kept, and shows 王审's decision when 李审 leaves the box. It was left as
    it was, nothing said, while the toast said the change was on the page (desk exploration
    2). 李审's final decision sent after 王审's is refused in its panel, which shows 王审's."""
    context, page = _opened(browser, desk_url, tmp_path, "A2024-081")
    card_id = page.locator("article.finding[data-status=review] .decide").first.get_attribute("id")
    mine = page.locator(f"#{card_id}")
    mine.locator("[name=reason]").fill("我正在核对")  # the box keeps the focus

    other = browser.new_context(locale="zh-CN")
    theirs = other.new_page()
    log_in(theirs, desk_url, "王审")
    theirs.goto(page.url)
    theirs.locator(f"#{card_id} [name=reason]").fill("原件可读，王审已核对")
    theirs.locator(f"#{card_id}").get_by_role("button", name="改判为通过").click()
    expect(theirs.locator(f"#{card_id} .decided")).to_contain_text("原件可读，王审已核对")

    expect(mine.locator(".others-note")).to_contain_text("王审 刚刚更新了此项", timeout=20_000)
    assert mine.locator("[name=reason]").input_value() == "我正在核对"
    page.locator("h1").click()  # leaves the box
    expect(mine.locator(".decided")).to_contain_text("原件可读，王审已核对")
    expect(mine.locator(".others-note")).to_have_count(0)
    assert mine.locator("[name=reason]").input_value() == "我正在核对"

    # the final decision: 李审 typing, 王审 saves first, 李审's is refused beside 王审's
    decision = page.locator("#decision")
    decision.get_by_role("radio", name="不通过").check()
    decision.get_by_label(re.compile("审核意见")).fill("扫描件无法读取")
    theirs.locator("#decision").get_by_role("radio", name="退回补正").check()
    theirs.locator("#decision").get_by_label(re.compile("审核意见")).fill("请补交清晰扫描件")
    theirs.locator("#decision").get_by_role("button", name="保存最终决定").click()
    expect(theirs.locator(".current-decision")).to_contain_text("退回补正")
    expect(decision.locator(".others-note")).to_contain_text("王审", timeout=20_000)
    decision.get_by_role("button", name="保存最终决定").click()
    expect(decision.locator(".refused")).to_contain_text("最终决定已由 王审 作出")
    expect(decision.locator(".decision-by")).to_have_text("王审")
    assert decision.locator("[name=opinion]").input_value() == "扫描件无法读取"
    other.close()
    context.close()


def test_a_days_archive_of_several_applicants_is_each_of_them_and_a_card_opens_its_original(
        browser, desk_url, tmp_path):
    """The scans of a day zipped whole (a folder per applicant) were refused, the reviewer
    told to run verify batch; each is taken now. A card of a file that cannot be read has
    no image: its original opens from the card (it was only in the list at the top)."""
    day = tmp_path / "day.zip"
    with zipfile.ZipFile(day, "w") as zf:
        for key in ("A2024-091", "A2024-092"):
            zf.write(SAMPLE / "applicant.yaml", f"2024-10-17/{key}/applicant.yaml")
            zf.writestr(f"2024-10-17/{key}/扫描/第1页.jpg", b"")
    context, page = upload_as(browser, desk_url, "李审", day)
    expect(page.locator(".flash")).to_have_text("已收到 2 位申报人（A2024-091、A2024-092），正在排队核验")
    for key in ("A2024-091", "A2024-092"):
        expect(page.locator("tr", has_text=key).locator(".live")).to_have_attribute(
            "data-state", "done", timeout=CHECK_TIMEOUT_MS)
    page.locator("tr", has_text="A2024-092").get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)
    card = page.locator("article.finding[data-status=review][data-rule='dossier.readable']")
    link = card.first.locator(".original a")
    expect(link).to_have_text("扫描/第1页.jpg")
    with context.expect_page() as opened:
        link.click()
    assert re.search(r"/applicants/\d+/files/%E6%89%AB%E6%8F%8F/%E7%AC%AC1%E9%A1%B5\.jpg$", opened.value.url)
    context.close()


def test_the_file_pickers_speak_chinese_and_say_what_was_chosen(browser, desk_url, tmp_path):
    """The upload forms showed the browser's own picker: an English Chromium said
    「Choose File」「No file chosen」 beside the Chinese labels (desk exploration 2, left 7).
    The page's own button and text stand over it; the name chosen, a folder's name and
    count, and a form sent without a file say so in Chinese."""
    context = browser.new_context(locale="en-US")  # the browser's own words would be English
    page = context.new_page()
    log_in(page, desk_url, "李审")
    zip_form, folder_form = page.locator("form.upload-zip"), page.locator("form.upload-folder")
    expect(zip_form.locator(".pick-button")).to_have_text("选择 ZIP 文件")
    expect(zip_form.locator(".pick-chosen")).to_have_text("未选择文件")
    expect(folder_form.locator(".pick-button")).to_have_text("选择文件夹")
    native = zip_form.locator("input[type=file]")
    assert native.evaluate("el => getComputedStyle(el).opacity") == "0"  # its English text unseen
    # the page's button opens the chooser
    with page.expect_file_chooser() as chooser:
        zip_form.locator(".pick-button").click()
    archive = tmp_path / "A2024-077.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("A2024-077/a.txt", "x")
    chooser.value.set_files(str(archive))
    expect(zip_form.locator(".pick-chosen")).to_have_text("A2024-077.zip")
    folder = tmp_path / "A2024-078"
    (folder / "扫描").mkdir(parents=True)
    for name in ("p1.jpg", "p2.jpg"):
        (folder / "扫描" / name).write_bytes(b"x")
    folder_form.locator("input[type=file]").set_input_files(str(folder))
    expect(folder_form.locator(".pick-chosen")).to_have_text("已选择文件夹「A2024-078」（2 个文件）")
    # sent without a file: refused by the browser, in the page's words
    page.reload()
    zip_form.get_by_role("button", name="上传 ZIP").click()
    assert native.evaluate("el => el.validationMessage") == "请先选择要上传的 ZIP 压缩包"
    expect(page).to_have_url(re.compile(r"/applicants$"))
    context.close()


def test_a_card_being_typed_in_moves_to_its_new_filter_at_once_when_another_decides_it(browser, desk_url, tmp_path):
    """李审 has 需复核 on and types a reason on one of its cards while 王审 overrides that
    card to 通过: the counts said 需复核 1 at once, the card sat under 需复核 until 李审 left
    the box (desk exploration 4, left 1). It belongs to 通过 at once (its head says 改判后：通过),
    stays in view while typed in, the note saying where it went, and leaves when left."""
    context, page = _opened(browser, desk_url, tmp_path, "A2024-083")
    review_button = page.locator('#findings .filters button[data-filter="review"]')
    before = int(review_button.locator("b").inner_text())
    review_button.click()
    article = page.locator("article.finding[data-status=review]").first
    card_id = article.locator(".decide").get_attribute("id")
    article.locator("[name=reason]").fill("我正在核对")  # the box keeps the focus

    other = browser.new_context(locale="zh-CN")
    theirs = other.new_page()
    log_in(theirs, desk_url, "王审")
    theirs.goto(page.url)
    theirs.locator(f"#{card_id} [name=reason]").fill("原件可读，王审已核对")
    theirs.locator(f"#{card_id}").get_by_role("button", name="改判为通过").click()
    expect(theirs.locator(f"#{card_id} .decided")).to_contain_text("原件可读，王审已核对")

    note = page.locator(f"#{card_id} .others-note")
    expect(note).to_contain_text("此项现归入「通过」，离开后不再显示在当前筛选中", timeout=20_000)
    expect(review_button.locator("b")).to_have_text(str(before - 1))
    expect(article).to_have_attribute("data-filter-as", "pass")  # before the box is left
    expect(page.locator(f"#{card_id}-after")).to_contain_text("改判后：通过")
    expect(article).to_be_visible()  # still where the reviewer types
    assert article.locator("[name=reason]").input_value() == "我正在核对"
    page.locator("h1").click()  # leaves the box
    expect(article).to_be_hidden()
    page.locator('#findings .filters button[data-filter="pass"]').click()
    expect(article).to_be_visible()
    expect(article.locator(".decided")).to_contain_text("原件可读，王审已核对")
    other.close()
    context.close()


def test_a_folder_resubmitted_on_the_list_page_goes_to_the_applicants_form(browser, desk_url, tmp_path):
    """A 补交 chosen as a folder on the list page was refused there, the reviewer left to
    find the applicant's page: the page goes there, the reason beside its 补充 form."""
    context, page = upload_as(browser, desk_url, "李审", _two_unreadable_files(tmp_path, "A2024-084"))
    expect(page.locator("tr", has_text="A2024-084").locator(".live")).to_have_attribute(
        "data-state", "done", timeout=CHECK_TIMEOUT_MS)
    folder = tmp_path / "again" / "A2024-084"
    (folder / "扫描").mkdir(parents=True)
    (folder / "扫描" / "第3页.jpg").write_bytes(b"")
    page.locator("form.upload-folder input[type=file]").set_input_files(str(folder))
    page.get_by_role("button", name="上传文件夹").click()
    expect(page).to_have_url(re.compile(r"/applicants/\d+#scans$"))
    expect(page.locator("#scans .refused")).to_contain_text("已有编号为 A2024-084 的申报人")
    context.close()


def test_a_rescan_chosen_as_a_folder_replaces_the_original_ticked(browser, desk_url, tmp_path):
    """A re-scan under a new name sent as a folder from the applicant's page (desk.js builds
    that form's body itself): the original ticked beside it leaves the dossier."""
    context, page = upload_as(browser, desk_url, "李审", _two_unreadable_files(tmp_path, "A2024-085"))
    row = page.locator("tr", has_text="A2024-085")
    expect(row.locator(".live")).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    row.get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)
    folder = tmp_path / "rescan" / "扫描"
    folder.mkdir(parents=True)
    (folder / "DOC241106-12.jpg").write_bytes(b"")
    form = page.locator("form.upload-folder")
    form.locator("input[type=file]").set_input_files(str(folder))
    form.locator("details.replaces summary").click()
    form.get_by_label("扫描/第1页.jpg").check()
    form.get_by_role("button", name="上传文件夹").click()
    # what the dossier holds after, not the upload's flash: on a warm worker the recheck can end, and the page reload
    # itself, before the flash is seen (failed once in a full run)
    # (each upload form lists the dossier's files to tick: the re-scan is one of them now)
    expect(page.locator("#scans input[value='扫描/DOC241106-12.jpg']").first).to_be_attached(timeout=CHECK_TIMEOUT_MS)
    expect(page.locator("#scans input[value='扫描/第1页.jpg']")).to_have_count(0)
    context.close()


def _id_card_only(tmp_path, key: str) -> Path:
    """A zip of the sample applicant's facts and its ID card scan alone: one page read by the
    real engine in seconds, with passing findings (identity.name, identity.id_number) beside
    the fails of the missing forms."""
    target = tmp_path / f"{key}.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.write(SAMPLE / "applicant.yaml", f"{key}/applicant.yaml")
        zf.write(SAMPLE / "材料6.jpg", f"{key}/材料6.jpg")
    return target


def _opened_with_passes(browser, desk_url, tmp_path, key: str, javascript: bool = True):
    """李审 uploads :func:`_id_card_only` as ``key`` and opens its page, in a context with or without script."""
    context = browser.new_context(locale="zh-CN", java_script_enabled=javascript)
    page = context.new_page()
    log_in(page, desk_url, "李审")
    page.locator("form.upload-zip input[name=archive]").set_input_files(str(_id_card_only(tmp_path, key)))
    page.get_by_role("button", name="上传 ZIP").click()
    row = page.locator("tr", has_text=key)
    if javascript:
        expect(row.locator(".live")).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    else:  # nothing follows the progress: the list reloaded until the check has ended
        deadline = time.monotonic() + CHECK_TIMEOUT_MS / 1000
        while row.locator(".live").get_attribute("data-state") != "done":
            assert time.monotonic() < deadline
            time.sleep(1)
            page.reload()
    row.get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)
    return context, page


def test_a_passing_findings_form_is_folded_behind_one_toggle_in_a_real_browser(browser, desk_url, tmp_path):
    """Every passing finding carried a reason box, 确认 and 改判为不通过: 3 fails and 29 passes
    made a page 11,000-14,000 px tall (desk used end to end as a new reviewer). A pass card's
    form is folded behind one 改判; opened, it decides as before, and a pass overridden to
    不通过 shows its form (its 撤销决定) unfolded. The fails and reviews keep theirs open."""
    context, page = _opened_with_passes(browser, desk_url, tmp_path, "A2024-071")
    page.locator("#findings .filters button[data-filter=all]").click()
    passes = page.locator("article.finding[data-status=pass]")
    assert passes.count() >= 2
    for i in range(passes.count()):
        expect(passes.nth(i).locator(".decide-form")).to_be_hidden()
        expect(passes.nth(i).locator("details.redecide > summary")).to_have_text("改判")
    acting = page.locator("article.finding[data-status=fail] .decide-form, article.finding[data-status=review] .decide-form")
    assert acting.count() > 0
    for i in range(acting.count()):
        expect(acting.nth(i)).to_be_visible()
    # folded, a pass card is no taller than its head, message, value and 查看页面
    card = passes.filter(has=page.locator(".pview")).first
    card_id = card.locator(".decide").get_attribute("id")
    folded = card.bounding_box()["height"]
    assert folded < 130, folded

    card.locator("details.redecide > summary").click()
    form = card.locator(".decide-form")
    expect(form).to_be_visible()
    form.get_by_role("button", name="改判为不通过").click()
    assert form.locator("[name=reason]").evaluate("e => e.validationMessage") == "改判必须填写理由"
    form.locator("[name=reason]").fill("身份证复印件不清晰")
    form.get_by_role("button", name="改判为不通过").click()
    expect(page.locator(".toast")).to_have_text("已记录")
    card = page.locator(f"article.finding:has(#{card_id})")
    expect(card.locator(".decided")).to_contain_text("身份证复印件不清晰")
    expect(card.locator("details.redecide")).to_have_count(0)  # overridden to 不通过: its form in view
    expect(card.get_by_role("button", name="撤销决定")).to_be_visible()
    context.close()


def test_a_passing_findings_folded_form_works_without_script(browser, desk_url, tmp_path):
    """The fold is the browser's own (<details>): without script it opens, a refusal comes
    back beside it opened with the reason typed, and the decision is recorded and audited."""
    context, page = _opened_with_passes(browser, desk_url, tmp_path, "A2024-072", javascript=False)
    card = page.locator("article.finding[data-status=pass]").filter(has=page.locator(".pview")).first
    card_id = card.locator(".decide").get_attribute("id")
    expect(card.locator(".decide-form")).to_be_hidden()
    card.locator("details.redecide > summary").click()
    card.get_by_role("button", name="改判为不通过").click()  # no reason: refused by the server
    card = page.locator(f"article.finding:has(#{card_id})")
    expect(card.locator(".refused")).to_contain_text("改判核验结果必须填写理由")
    expect(card.locator(".decide-form")).to_be_visible()  # opened beside its refusal
    card.locator("[name=reason]").fill("复印件与原件不符")
    card.get_by_role("button", name="改判为不通过").click()
    card = page.locator(f"article.finding:has(#{card_id})")
    expect(card.locator(".decided")).to_contain_text("复印件与原件不符")
    page.get_by_role("link", name="审计记录").first.click()
    expect(page.locator("table.audit tr", has_text="复印件与原件不符")).to_have_count(1)
    context.close()


def test_the_page_opens_on_what_is_left_to_decide_and_a_link_to_a_pass_still_shows_it(browser, desk_url, tmp_path):
    """With fails or reviews undecided the page opens on 待决定, the passes (most cards) out of
    the way (a reviewer scrolled past 29 to reach 3: desk used end to end as a new reviewer);
    a link to a card that filter hides (材料清单's badge of a pass) shows 全部 and the card.
    With nothing left it opens on 全部."""
    context, page = _opened_with_passes(browser, desk_url, tmp_path, "A2024-073")
    open_button = page.locator("#findings .filters button[data-filter=open]")
    expect(open_button).to_have_class(re.compile(r"\bon\b"))
    expect(page.locator("#findings .flist")).to_have_attribute("data-show", "open")
    acting = page.locator("article.finding[data-status=fail], article.finding[data-status=review]")
    expect(page.locator("article.finding:visible")).to_have_count(acting.count())
    passed = page.locator("article.finding[data-status=pass]").filter(has=page.locator(".pview")).first
    expect(passed).to_be_hidden()
    anchor = passed.get_attribute("id")
    page.locator(f"#documents .flinks a[href='#{anchor}']").first.click()
    expect(passed).to_be_visible()
    expect(passed).to_be_in_viewport()
    expect(page.locator("#findings .filters button[data-filter=all]")).to_have_class(re.compile(r"\bon\b"))

    # every fail and review decided: the page reloaded opens on 全部
    for i in range(acting.count()):
        acting.nth(i).get_by_role("button", name="确认").click()
        expect(acting.nth(i).locator(".decided")).to_have_count(1)
    expect(open_button).to_have_text("待决定 0")
    page.reload()
    expect(page.locator("#findings .flist")).to_have_attribute("data-show", "all")
    expect(page.locator("#findings .filters button[data-filter=all]")).to_have_class(re.compile(r"\bon\b"))
    context.close()


def test_the_cards_and_the_rules_table_name_each_rule_in_chinese_its_id_kept_for_tools(browser, desk_url, tmp_path):
    """Each card showed its rule's ID (seal.unit, dossier.readable) in monospace beside the
    Chinese name, and 按规则汇总 had a 规则编号 column of IDs: English noise to a reviewer
    (desk used end to end as a new reviewer). The page shows the names; the ID stays in
    data-rule and in the name's title."""
    context, page = _opened(browser, desk_url, tmp_path, "A2024-074")
    page.locator("#findings .filters button[data-filter=all]").click()
    ids = ("dossier.required", "dossier.readable", "assessment.years")
    shown = page.locator("#findings").inner_text() + page.locator("#rules").inner_text()
    assert not [rule for rule in ids if rule in shown], shown
    expect(page.locator("#rules thead")).not_to_contain_text("规则编号")
    card = page.locator("article.finding[data-rule='dossier.readable']").first
    expect(card.locator(".fname")).to_have_text("材料文件可读取")
    expect(card.locator(".fname")).to_have_attribute("title", "规则编号：dossier.readable")
    row = page.locator("#rules tr[data-rule='assessment.years']")
    expect(row.locator("td").first).to_have_text("近三年年度考核表齐全")
    context.close()


def test_the_final_decision_follows_the_findings_and_the_head_says_where_it_stands(browser, desk_url, tmp_path):
    """最终决定 sat above the findings: a new reviewer met 决定 / 审核意见 before reading
    anything (desk used end to end as a new reviewer). It follows the findings now, the
    order of the work; the page's head says in one line whether it is made and links to
    it, following a decision saved without a reload. The hint reads as proposed there."""
    context, page = _opened(browser, desk_url, tmp_path, "A2024-075")
    page.evaluate("window.notReloaded = true")
    after = page.evaluate("""() => !!(document.querySelector('#findings').compareDocumentPosition(
        document.querySelector('#decision')) & Node.DOCUMENT_POSITION_FOLLOWING)""")
    assert after is True
    top = page.locator("#decision-top")
    expect(top).to_contain_text("最终决定：尚未作出")
    expect(page.locator("#decision")).to_contain_text(re.compile(r"按各项结果（含复核决定），建议：\S+（仍有 \d+ 项需人工复核未改判）。"))
    top.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"#decision$"))
    expect(page.locator("#decision").get_by_role("button", name="保存最终决定")).to_be_in_viewport()

    decision = page.locator("#decision")
    decision.get_by_role("radio", name="退回补正").check()
    decision.get_by_label(re.compile("审核意见")).fill("请补交清晰的扫描件")
    decision.get_by_role("button", name="保存最终决定").click()
    expect(page.locator(".current-decision")).to_contain_text("退回补正")
    expect(top).to_contain_text("退回补正")
    expect(top).to_contain_text("李审")
    assert page.evaluate("window.notReloaded") is True
    context.close()


def test_a_page_image_opens_large_in_place_and_esc_closes_it(browser, desk_url, tmp_path):
    """The whole page (整页, 230x300) could not be enlarged: clicking it did nothing, the
    original in a new window was the only way (desk used end to end as a new reviewer).
    Clicked, or Enter on it, it shows over the page as large as the screen allows; Esc,
    关闭 or a click closes it and the focus is back on the image."""
    context, page = _opened_with_passes(browser, desk_url, tmp_path, "A2024-076")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.locator("#findings .filters button[data-filter=all]").click()
    card = page.locator("article.finding[data-status=pass]").filter(has=page.locator(".pview")).first
    card.locator("details.pview > summary").click()
    thumb = card.locator("figure.thumb svg")
    small = thumb.bounding_box()
    assert small["height"] <= 400, small  # (drawn larger on a wide screen)
    thumb.click()
    box = page.locator(".lightbox")
    expect(box).to_be_visible()
    expect(box.get_by_role("button", name="关闭（Esc）")).to_be_focused()
    large = box.locator("svg").bounding_box()
    assert large["height"] > 900 and large["width"] > 1500, large  # the screen's size (the page drawn inside, meet)
    assert box.locator("svg use").get_attribute("href") == thumb.locator("use").get_attribute("href")
    page.keyboard.press("Escape")
    expect(box).to_have_count(0)
    expect(thumb).to_be_focused()
    # from the keyboard: Enter on the image; a click anywhere closes it
    page.keyboard.press("Enter")
    expect(page.locator(".lightbox")).to_be_visible()
    page.mouse.click(20, 20)
    expect(page.locator(".lightbox")).to_have_count(0)
    # a page of 材料清单 as well
    page.locator("#documents .dthumb svg").first.click()
    expect(page.locator(".lightbox svg")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".lightbox")).to_have_count(0)
    context.close()


def _another_bodys_seal_twice(tmp_path, key: str) -> Path:
    """A zip of the sample applicant's facts and its publicity page (stamped by another body) twice, the second a
    little cropped: two ``seal.unit`` fails of one rule, each drawn on its page."""
    import cv2

    page = cv2.imread(str(SAMPLE / "附件/2024/IMG_20241018_174558.jpg"))
    target = tmp_path / f"{key}.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.write(SAMPLE / "applicant.yaml", f"{key}/applicant.yaml")
        zf.writestr(f"{key}/公示1.jpg", cv2.imencode(".jpg", page)[1].tobytes())
        zf.writestr(f"{key}/公示2.jpg", cv2.imencode(".jpg", page[4:, 4:])[1].tobytes())
    return target


def test_a_tile_of_findings_decided_together_opens_large_and_keeps_its_tick(browser, desk_url, tmp_path):
    """The tiles of a rule's findings decided together could not be enlarged, and a click on one only unticked it
    (desk used end to end); their crops, drawn 330 px wide in 170-px tiles, lay over one another. Each is drawn inside
    its tile, and a click opens its page large, as on a finding's card; the tick stays as it was."""
    context, page = upload_as(browser, desk_url, "李审", _another_bodys_seal_twice(tmp_path, "A2024-093"))
    row = page.locator("tr", has_text="A2024-093")
    expect(row.locator(".live")).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    row.get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)
    group = page.locator('[id="group-seal.unit-fail"]')
    expect(group.locator(".group-item svg")).to_have_count(2)
    tile = group.locator(".group-item").first
    for i in range(2):  # each drawn inside its tile (report.css drew a crop 330 px wide over its neighbour)
        inner, outer = group.locator(".group-item svg").nth(i).bounding_box(), group.locator(".group-item").nth(i).bounding_box()
        assert outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"], (inner, outer)
    tile.locator("svg").click()
    box = page.locator(".lightbox")
    expect(box).to_be_visible()
    expect(box.locator(".lbnote")).to_contain_text("公示")
    expect(tile.locator("input[name=finding]")).to_be_checked()
    page.keyboard.press("Escape")
    expect(box).to_have_count(0)
    expect(tile.locator("svg")).to_be_focused()
    expect(tile.locator("input[name=finding]")).to_be_checked()
    context.close()


def test_the_audit_pages_before_and_after_keep_each_value_whole_at_1366(browser, desk_url, tmp_path):
    """At 1366 px, beside a long file name in 对象 and an undone decision's fields in 之前,
    the 之后 column was squeezed until 「不通过」 broke as 「不通 / 过」 (desk used end to end
    as a new reviewer, 23-audit-1366). Each field of 之前 and 之后 stays on one line."""
    key = "A2024-087"
    target = tmp_path / f"{key}.zip"
    with zipfile.ZipFile(target, "w") as zf:  # two scans that cannot be read, under the long names scanners give
        zf.write(SAMPLE / "applicant.yaml", f"{key}/applicant.yaml")
        zf.writestr(f"{key}/材料/副卷/扫描全能王 2024-10-12 21.42.jpg", b"")
        zf.writestr(f"{key}/附件/2024/IMG_20241018_174558.jpg", b"")
    context, page = upload_as(browser, desk_url, "李审", target)
    row = page.locator("tr", has_text=key)
    expect(row.locator(".live")).to_have_attribute("data-state", "done", timeout=CHECK_TIMEOUT_MS)
    row.get_by_role("link", name="查看", exact=True).click()
    page.wait_for_url(APPLICANT_PAGE)  # loaded: desk.js bound (its cards show before it runs)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.locator("#findings .filters button[data-filter=all]").click()
    cards = page.locator("article.finding[data-rule='dossier.readable']")
    first, second = (page.locator("#" + cards.nth(i).locator(".decide").get_attribute("id")) for i in (0, 1))
    first.get_by_role("button", name="确认").click()
    expect(first.locator(".decided")).to_have_count(1)
    first.locator("[name=reason]").fill("误点确认，需再核对原件")
    first.get_by_role("button", name="撤销决定").click()
    expect(first.locator(".decided")).to_have_count(0)
    second.locator("[name=reason]").fill("原件已损坏，已联系申报人提供纸质件核对，内容无误")
    second.get_by_role("button", name="改判为通过").click()
    expect(second.locator(".decided")).to_have_count(1)
    decision = page.locator("#decision")
    decision.get_by_role("radio", name="不通过").check()
    decision.get_by_label(re.compile("审核意见")).fill("缺少 2022 年度考核表，公示结果印章非申报单位公章")
    decision.get_by_role("button", name="保存最终决定").click()
    expect(page.locator(".current-decision")).to_contain_text("不通过")

    page.goto(desk_url + f"/audit?applicant={key}&kind=decisions")
    expect(page.locator("table.audit tr[data-action='finding.undo']")).to_have_count(1)
    one_line = ("e => { const r = document.createRange(); r.selectNodeContents(e);"
                " const tops = [...r.getClientRects()].map(b => b.top); return Math.max(...tops) - Math.min(...tops) < 8 }")
    fields = page.locator("table.audit tbody td:nth-child(8) .kv-item, table.audit tbody td:nth-child(7) .kv-item")
    assert fields.count() >= 6
    broken = [fields.nth(i).inner_text() for i in range(fields.count()) if not fields.nth(i).evaluate(one_line)]
    assert broken == [], broken
    context.close()
