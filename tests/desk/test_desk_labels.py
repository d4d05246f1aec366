"""The desk's labels are Chinese, those read aloud included (desk exploration 7: the info
form's paper and award boxes were labelled 「论文 1 title」, 「获奖 1 date」)."""
from __future__ import annotations

import re

from test_desk_app import checked_applicant


def test_the_info_forms_boxes_are_labelled_in_chinese(desk, tmp_path):
    app, folder, client = desk
    li = client("李审")
    applicant_id = checked_applicant(li, tmp_path)
    page = li.get(f"/applicants/{applicant_id}/info").text
    labels = re.findall(r'aria-label="([^"]*)"', page)
    assert "论文 1 题目" in labels and "论文 1 发表时间" in labels and "获奖 1 名称" in labels
    assert not [label for label in labels if re.search(r"\b(title|journal|issn|cn|date)\b", label)]


def test_each_item_of_a_side_by_side_panel_says_why_it_is_to_review_and_links_its_card(desk, tmp_path):
    """The 同类复核项 panel showed each item's image, place and reading, not the finding's
    message (a seal's 「其中「事务」处…为「保护」」 differs from the next seal's), nor a way to
    its card with the whole page (desk exploration 7)."""
    from conftest import make_dossier, wait_done, zip_folder
    from test_desk_app import upload_zip

    app, folder, client = desk
    li = client("李审")
    files = ("扫描/p1-review.jpg", "扫描/p2-review.jpg")
    zip_path = zip_folder(make_dossier(tmp_path / "in", "A2024-031", files=files), tmp_path / "A2024-031.zip")
    upload_zip(li, zip_path)
    applicant_id = int(re.search(r'<tr data-id="(\d+)"', li.get("/applicants").text).group(1))
    wait_done(li, applicant_id)
    page = li.get(f"/applicants/{applicant_id}").text
    panel = page.split('id="group-signature.present"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<label class="group-item">(.*?)</label>', panel, re.S)
    assert len(items) == 2
    for item in items:
        finding = re.search(r'name="finding" value="(\d+)"', item).group(1)
        assert "签字栏无法确定是否签字" in item and f'href="#finding-{finding}"' in item


def test_the_campaign_is_named_in_chinese_on_the_applicants_page(desk, tmp_path):
    """申报批次 showed the campaign's id (fushun-2024), pinyin to a reviewer who reads
    Chinese: its name is shown, the id after it (desk exploration 2)."""
    from test_desk_app import checked_applicant

    _, _, client = desk
    li = client("李审")
    page = li.get(f"/applicants/{checked_applicant(li, tmp_path)}").text
    assert "申报批次：2024年抚顺市工程系列生态环境行业中、初级专业技术资格评审（fushun-2024）" in page
    form = li.get(f"/applicants/{checked_applicant(li, tmp_path, key='A2024-004')}/info").text
    assert re.search(r'<option value="fushun-2024"( selected)?>2024年抚顺市工程系列生态环境行业中、初级专业技术资格评审'
                     r'（fushun-2024）</option>', form)
