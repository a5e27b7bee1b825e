"""Normalize: character repairs, spacing, line joins, page furniture, offsets back to source."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.rules import RulesError, load_rules, rules_dir
from pipeline.stages.normalize import NormalizeRules, normalize
from tests.conftest import TIBET
from tests.helpers import normalized, source


def test_kangxi_and_supplement_radicals_become_ideographs():
    # ⼈ U+2F08 (Kangxi) and ⺠ U+2EA0 (Supplement, which NFKC leaves alone)
    assert normalized("⼈⺠政府，⻋⻓").text == "人民政府，车长"


def test_compatibility_ideographs_and_full_width_ascii():
    assert normalized("\uf900ＧＡＰ种植基地１２３个").text == "豈GAP种植基地123个"


def test_punctuation_stays_as_printed():
    assert normalized("专家1－2名（院士）：").text == "专家1－2名（院士）："


def test_spaces_next_to_cjk_go_spaces_between_latin_words_stay():
    assert normalized("全面评估 40年来 “十三五 ”规划 Big Data  平台").text == (
        "全面评估40年来“十三五”规划Big Data平台"
    )


def test_words_broken_across_lines_are_joined():
    # lines as a PDF wraps them: full width, broken inside 科技厅 and 工业和信息化厅
    wrapped = "8.支持开展草业科技精准创新技术集成与示范。牵头单位：科技\n厅。参加单位：农牧厅、扶贫办、工业和信息\n化厅。"
    assert normalized(wrapped).text == (
        "8.支持开展草业科技精准创新技术集成与示范。牵头单位：科技厅。参加单位：农牧厅、扶贫办、工业和信息化厅。"
    )


def test_short_lines_are_not_wrapped_lines():
    assert normalized("序号\n工作任务\n牵头单位").text == "序号\n工作任务\n牵头单位"


def test_structure_keeps_its_line_breaks():
    text = normalized("一、总体要求\n1.支持建设实验室。\n牵头单位：科技厅。\n参加单位：教育厅。").text
    assert text.split("\n") == ["一、总体要求", "1.支持建设实验室。", "牵头单位：科技厅。", "参加单位：教育厅。"]


def test_page_numbers_and_running_headers_are_dropped():
    pages = [
        f"某某方案\n第{i}项工作内容继续写下去\n— {i} —" if i % 2 else f"某某方案\n内容{i}\n- {i} -"
        for i in range(1, 5)
    ]
    text = normalized(pages).text
    assert "某某方案" not in text
    assert "—" not in text and "-" not in text
    assert "第1项工作内容继续写下去" in text


def test_page_number_forms():
    pages = ["正文甲。\n第1页", "正文乙。\n第 2 页 共 3 页", "正文丙。\n3"]
    assert normalized(pages).text == "正文甲。\n正文乙。\n正文丙。"


def test_offsets_point_back_to_the_source_and_pages():
    doc = normalize(source(["一、第一页\n科技\n厅", "第二页内容。"]))
    raw = doc.source.raw_text
    for i, char in enumerate(doc.text):
        if char not in "\n ":
            assert raw[doc.source_offsets[i]] == char
    assert doc.page_at(doc.text.index("二")) == 2
    assert doc.page_at(0) == 1
    assert len(doc.source_offsets) == len(doc.text) + 1


def test_tibet_regression_text():
    doc = normalized(TIBET.read_text(encoding="utf-8"))
    assert doc.text.startswith("西藏自治区人民政府办公厅关于印发“十三五”科技援藏规划任务分工方案的通知\n")
    assert "建立数据共享" in doc.text  # a line break inside a word in the source
    assert "每批援藏人数不少于10位、时间不少于1年" in doc.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=4))
def test_never_raises_and_offsets_stay_inside(pages):
    doc = normalize(source(pages))
    raw = doc.source.raw_text
    assert len(doc.source_offsets) == len(doc.text) + 1
    assert all(0 <= o <= len(raw) for o in doc.source_offsets)
    assert list(doc.source_offsets) == sorted(doc.source_offsets)


def test_a_table_header_repeated_on_every_page_is_not_a_running_header():
    header = "序号 | 工作任务 | 牵头单位 |"
    pages = [f"{header}\n{i} | 任务{i}。 | 市科技局 |" for i in range(1, 4)]
    assert normalized(pages).text.count("序号|工作任务|牵头单位|") == 3


def _printed(doc, start: int, end: int) -> str:
    """The source characters behind ``doc.text[start:end]``: from the first one's to the
    last one's."""
    return doc.source.raw_text[doc.source_offsets[start] : doc.source_offsets[end - 1] + 1]


def test_small_form_variants_fold_to_the_forms_the_rules_read():
    # ﹒ U+FE52, ﹐ U+FE50, ﹑ U+FE51, ﹔ U+FE54, ﹙﹚ U+FE59/FE5A
    text = normalized("1﹒推进重点项目建设﹐新建厂房﹔﹙市发改委牵头﹐市财政局﹑市住建局配合﹚").text
    assert text == "1.推进重点项目建设，新建厂房；（市发改委牵头，市财政局、市住建局配合）"


def test_vertical_and_ratio_colons_become_the_full_width_colon():
    # ︰ U+FE30 (a Big5 colon; NFKC makes it two dots), ∶ U+2236, ︓ U+FE13
    text = normalized("牵头单位︰市科技局\n责任单位∶市财政局\n配合单位︓市教育局").text
    assert text.split("\n") == ["牵头单位：市科技局", "责任单位：市财政局", "配合单位：市教育局"]


@pytest.mark.parametrize(
    ("printed", "folded"),
    [("⑴", "（1）"), ("⒇", "（20）"), ("⒈", "1."), ("⒓", "12."), ("㈠", "（一）"), ("㈩", "（十）")],
)
def test_enclosed_numerals_become_the_numbering_they_stand_for(printed, folded):
    assert normalized(f"{printed}加强组织领导").text == f"{folded}加强组织领导"


def test_circled_numbers_stay_and_their_variants_join_them():
    # ① is segment's circled level; ❶ ➀ ➊ ⓵ ⓫ are drawn variants of it
    assert normalized("①甲❶乙➀丙➊丁⓵戊⓫己").text == "①甲①乙①丙①丁①戊⑪己"


def test_a_character_folded_to_several_gives_each_the_printed_offset():
    doc = normalized("一、总体要求\n⑴建立机制。\n⑽完善制度⒈")
    assert doc.text == "一、总体要求\n（1）建立机制。\n（10）完善制度1."
    raw = doc.source.raw_text
    first = doc.text.index("（1）")
    assert [raw[doc.source_offsets[i]] for i in range(first, first + 3)] == ["⑴"] * 3
    assert _printed(doc, first, first + 3) == "⑴"
    tenth = doc.text.index("（10）")
    assert _printed(doc, tenth, tenth + 4) == "⑽"
    assert _printed(doc, tenth + 1, tenth + 3) == "⑽"  # a span inside the expansion
    assert _printed(doc, tenth + 4, len(doc.text)) == "完善制度⒈"
    assert _printed(doc, 0, len(doc.text)) == raw
    assert list(doc.source_offsets) == sorted(doc.source_offsets)


def test_zero_printed_as_a_letter_or_a_circle_in_years():
    assert normalized("二O二三年十月底前，二0二四年").text == "二〇二三年十月底前，二〇二四年"
    assert normalized("2O23年底前，2o24年，2〇25年").text == "2023年底前，2024年，2025年"
    # ○ is read as a zero by the rules and stays as printed; O outside a year stays
    assert normalized("二○二三年").text == "二○二三年"
    assert normalized("ISO9001认证，CO2排放，2O23").text == "ISO9001认证，CO2排放，2O23"


def test_ocr_dot_between_names_is_the_enumeration_comma():
    assert normalized("责任单位：市发改委丶市财政局丶市住建局").text == (
        "责任单位：市发改委、市财政局、市住建局"
    )
    assert normalized("丶甲").text == "丶甲"  # not between two names


def test_ideographic_and_other_spaces_go_next_to_cjk():
    assert normalized("牵头单位：\u3000市科技局\u2003\u00a0（2023年）").text == "牵头单位：市科技局（2023年）"


def test_character_tables_must_map_like_for_like(tmp_path):
    rules = yaml.safe_load((rules_dir() / "normalize.yaml").read_text(encoding="utf-8"))
    rules["characters"]["❶❷"] = "①"
    (tmp_path / "normalize.yaml").write_text(yaml.safe_dump(rules, allow_unicode=True), "utf-8")
    with pytest.raises(RulesError, match="characters"):
        load_rules("normalize.yaml", NormalizeRules, folder=str(tmp_path))


def test_label_lines_repeated_at_page_ends_are_text_not_running_footers() -> None:
    """Issue 14 (a scan of 333 灵璧): every task carries the same label lines, so they stand
    at the bottom of both pages; they stay, while a real running header is still dropped."""
    labels = "牵头责任单位：县卫健委\n主要协作单位：各乡镇人民政府"
    pages = [
        f"灵璧县卫健委文件\n1.落实应对人口老龄化国家战略。\n{labels}\n2.加强公共卫生风险防控。\n{labels}",
        f"灵璧县卫健委文件\n3.抓好疫情常态化防控工作。\n{labels}\n4.创建国家卫生县城。\n{labels}",
    ]
    text = normalized(pages).text
    assert text.count("牵头责任单位：县卫健委") == 4
    assert text.count("主要协作单位") == 4
    assert "灵璧县卫健委文件" not in text


def test_an_ascii_full_stop_ending_a_chinese_sentence_reads_as_one():
    """Copies that print 。 as "." (1164 湖南, 822 常熟): a sentence still ends there; a decimal
    and an item number keep their dot."""
    assert normalized("推进改革.加强监管.\n1.推进改革。\n增长1.5%").text == (
        "推进改革。加强监管。\n1.推进改革。\n增长1.5%"
    )
