"""The twenty-fifth session's topic: the article's topic (its most salient name and its
headline terms) is offered before the passes that read options to their full names, so a
topic written short in the headline reaches the full name the text gives it, with the topic's
flags; sentences written for these tests."""

from __future__ import annotations

from extractor import extract
from tests.subject_checks import subject_options

REPORT = (
    "云帆医疗上半年净利增三成\n医疗器械企业云帆医疗科技股份有限公司（以下简称“云帆医疗”）"
    "28日晚发布半年报。报告显示，今年上半年该公司实现营业收入12.4亿元，同比增长21.3%。"
    "截至6月30日，其在全国86个城市设立服务网点310家，新增22家。"
)


def test_a_topic_written_short_passes_its_flags_to_the_full_name() -> None:
    opts = subject_options(REPORT, "310家")
    assert opts["云帆医疗科技股份有限公司"].get("topic")
    got = {c.quantity_text: c.subject for c in extract(REPORT)}
    assert got["310家"] == "云帆医疗科技股份有限公司"
    assert got["22家"] == "云帆医疗科技股份有限公司"


def test_another_company_of_the_article_is_no_topic() -> None:
    text = (
        "云帆上半年净利增三成\n云帆28日晚发布半年报，今年上半年实现营业收入12.4亿元。"
        "海川医疗科技股份有限公司同期营业收入9.1亿元。"
    )
    opts = subject_options(text, "9.1亿元")
    assert opts["云帆"].get("topic")
    assert not opts["海川医疗科技股份有限公司"].get("topic")
