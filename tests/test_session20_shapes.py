"""Issue 16: shapes met in the twentieth session, each a mechanism tested on text written the
way such notices print it (and on the notice it was seen in, through the corpus figures)."""

from __future__ import annotations

from pipeline import process_text
from tests.helpers import titles_and_units


def _units(text: str) -> list[tuple[str, bool]]:
    extraction = process_text(text).extraction
    return [(a.mention, a.collective) for a in extraction.agencies]


# A subject a group of bodies opens before a unit (各县(市、区)政府和肇庆高新区管委会要…): the
# group is a collective mention, its levels' brackets inside it, and the unit after the joiner
# owns the task; no name reads "各县区政府和市环保局" or "政府和…" as one body.
def test_a_group_then_a_unit_as_one_subject():
    cases = {
        "1.各县(市、区)政府和市环保局要对辖区内排污企业进行全面排查。": [
            ("各县(市、区)政府", True), ("市环保局", False)],
        "2.各县区政府和市环保局要加强监管。": [("各县区政府", True), ("市环保局", False)],
        "3.市环保局和各县(市、区)政府要加强监管。": [
            ("市环保局", False), ("各县(市、区)政府", True)],
        "4.各省辖市、县(市、区)政府和省财政厅要加快拨付资金。": [
            ("各省辖市、县(市、区)政府", True), ("省财政厅", False)],
        "5.團市委要抓好志愿者招募;市城市管理局和各轄區政府、管委會要做好環境整治。": [
            ("團市委", False), ("市城市管理局", False), ("各轄區政府", True), ("管委會", False)],
    }
    for text, expected in cases.items():
        assert _units(text) == expected, text


# 各 standing over a list (各区、开发区整治工作领导小组, 各级卫生、环保部门) names each level's
# bodies: one group, no unit read out of its items.
def test_a_group_over_a_list_names_no_unit():
    for text in (
        "1.各区、开发(新)区整治工作领导小组要按照各自工作方案抓好落实。",
        "2.各级卫生、环保部门要依法加强对网吧环境卫生的监管。",
        "3.各县(市、区)人民政府要加强监管。",
    ):
        assert [name for name, collective in _units(text) if not collective] == [], text


# A page that stops on a line of its own, no full stop on it: when that line opens the last
# task, or stands under the heading alone of it ("(四)加强舆论宣传。" over "各县…要高度重视开展
# 环保专项整"), the task is cut and left out with the warning; a label line, an attribution, a
# file name and a short signature are whole, and so is a paragraph under whole ones.
def test_a_last_line_the_page_cut_leaves_its_task_out():
    head = "(三)进行全面排查。\n市环保局要对辖区内排污企业进行全面排查,查清污染源的治理状况。\n"
    cut_under_heading = head + "(四)加强舆论宣传。\n市环保局要高度重视开展环保专项整治行动的宣传报道工作,及时通"
    cut_item = "1.市教育局负责开展校园安全教育。\n2.市公安局负责加强校园周边治安巡逻防控,依法打击"
    whole_label = "1.市教育局负责开展校园安全教育。\n2.推进校园周边整治。\n责任单位:市公安局、市城管局"
    paragraph_under_whole = (
        "1.市教育局负责开展校园安全教育,完善校园安全制度。\n"
        "市公安局要加强校园周边治安巡逻防控,依法打击各类违法犯罪活动,维护"
    )
    signature = "1.市教育局负责开展校园安全教育。\n2.市公安局负责加强校园周边治安巡逻。\n某某市校园安全工作领导小组"
    for text, kept, cut in (
        (cut_under_heading, 1, True),
        (cut_item, 1, True),
        (whole_label, 2, False),
        (paragraph_under_whole, 1, False),
        (signature, 2, False),
    ):
        result = process_text(text)
        assert len(result.extraction.segmentation.tasks) == kept, text
        warned = any("stops mid-sentence" in w for w in result.extraction.segmentation.warnings)
        assert warned == cut, text


def test_titles_under_a_cut_heading_keep_the_whole_task():
    text = "(三)进行全面排查。\n市环保局要对辖区内排污企业进行全面排查。\n(四)加强舆论宣传。\n市环保局要高度重视开展环保专项整治行动的宣传报道工作,及时通"
    assert [title for title, _ in titles_and_units(text)] == ["进行全面排查"]
