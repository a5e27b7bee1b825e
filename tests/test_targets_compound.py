"""Targets on shapes real notices print: compound units, two quantities in one clause,
a magnitude before a counted noun (25万贫困户), open floors (超400亿元) and starting levels
(从10.23年提高到10.8年), with the traps still refused around them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_quantities import gold_doc

from pipeline.stages.quantities import extract_targets

ROOT = Path(__file__).resolve().parent.parent


def targets(text: str) -> list[tuple]:
    found, _ = extract_targets(text, 0, len(text), 1)
    return [(t.value_min, t.value_max, t.comparator, t.unit, t.object) for t in found]


def reasons(text: str) -> dict[str, str]:
    _, refused = extract_targets(text, 0, len(text), 1)
    return {r.raw: r.reason for r in refused}


# ---------------------------------------------------------------- compound units

COMPOUND = [
    ("城乡居民人均可支配收入达到3万元/人", 3, "万元/人", "money", 30000, "元/人"),
    ("土地出让收入达到50万元/亩", 50, "万元/亩", "money", 500000, "元/亩"),
    ("村民土地流转租金收入人均增加1500元/年", 1500, "元/年", "money", 1500, "元/年"),
    ("污水处理能力达到5.2万吨/日", 5.2, "万吨/日", "weight", 52000, "吨/日"),  # per a time
    ("高峰通行能力达到2000辆/小时", 2000, "辆/小时", "count", 2000, "辆/小时"),
    ("单位GDP能耗下降3个百分点", 3, "个百分点", "percent", 3, "个百分点"),
    ("人口自然增长率控制在6‰以内", 6, "‰", "percent", 6, "‰"),
    ("培训家政服务人员1万人次", 1, "万人次", "count", 10000, "人次"),
    ("全年接待游客1200万人次", 1200, "万人次", "count", 1.2e7, "人次"),
    ("全社会用电量达到500亿千瓦时", 500, "亿千瓦时", "other", 5e10, "千瓦时"),
    ("新增造林面积12平方公里", 12, "平方公里", "area", 12, "平方公里"),
    ("粮食产量保持在1.3万亿斤以上", 1.3, "万亿斤", "weight", 1.3e12, "斤"),
]


@pytest.mark.parametrize("case", COMPOUND, ids=[c[2] for c in COMPOUND])
def test_compound_unit(case: tuple) -> None:
    text, value, unit, kind, base, unit_base = case
    (t,), _ = extract_targets(text, 0, len(text), 1)
    assert (t.value_min or t.value_max, t.unit, t.kind) == (value, unit, kind)
    assert (t.value_min_base or t.value_max_base, t.unit_base) == (base, unit_base)
    assert t.raw.endswith(unit) or t.raw.endswith("以内") or t.raw.endswith("以上")


def test_range_with_compound_unit() -> None:
    assert targets("补助标准为3000-5000元/人") == [(3000, 5000, "range", "元/人", "补助标准")]


# ---------------------------------------------------------------- two quantities, one clause


def test_two_counts_joined_by_he_each_keep_their_object() -> None:
    assert targets("新建12所中小学校和30个职业教育专业") == [
        (12, 12, "eq", "所", "中小学校"),
        (30, 30, "eq", "个", "职业教育专业"),
    ]
    assert targets("新建十所乡镇卫生院及二十个村卫生室") == [
        (10, 10, "eq", "所", "乡镇卫生院"),
        (20, 20, "eq", "个", "村卫生室"),
    ]


def test_fenbie_pairs_subjects_with_values_in_order() -> None:
    assert targets("城镇和农村居民人均可支配收入分别增长8%和10%") == [
        (8, 8, "eq", "%", "城镇居民人均可支配收入增长"),
        (10, 10, "eq", "%", "农村居民人均可支配收入增长"),
    ]
    assert targets("进出口总额和实际利用外资分别增长5%、8%") == [
        (5, 5, "eq", "%", "进出口总额增长"),
        (8, 8, "eq", "%", "实际利用外资增长"),
    ]
    assert targets("新建学校和医院分别为12所和5所") == [
        (12, 12, "eq", "所", "学校"),
        (5, 5, "eq", "所", "医院"),
    ]


def test_fenbie_without_parts_to_pair_gives_both_the_whole_subject() -> None:
    """corpus/dev/34: one subject (城乡 names both), two values: both share it."""
    got = targets("城乡居民人均可支配收入分别增长12%和14%")
    assert [(v, o) for v, _, _, _, o in got] == [(12, "城乡居民人均可支配收入分别增长")] * 1 + [
        (14, "城乡居民人均可支配收入分别增长")
    ]


def test_sibling_keeps_its_own_comparator_and_inherits_period() -> None:
    got, _ = extract_targets("每年培训农民50名和100名以上", 0, 40, 1)
    assert [(t.value_min, t.comparator, t.period) for t in got] == [
        (50, "eq", "每年"),
        (100, "ge", "每年"),
    ]


def test_bound_after_distributed_siblings_bounds_them_all() -> None:
    """分别下降24%、25%以上 (corpus/dev/84, gold: both ge); without 分别 each keeps its own."""
    got, _ = extract_targets("每年分别培训50名和100名以上农村实用人才", 0, 40, 1)
    assert [(t.value_min, t.value_max, t.comparator, t.period) for t in got] == [
        (50, None, "ge", "每年"),
        (100, None, "ge", "每年"),
    ]
    got, _ = extract_targets("每年培训农民50名和农村实用人才100名以上", 0, 40, 1)
    assert [(t.value_min, t.comparator, t.object) for t in got] == [
        (50, "eq", "农民"),
        (100, "ge", "农村实用人才"),
    ]


# ---------------------------------------------------------------- magnitude + counted noun


def test_magnitude_before_counted_noun_is_a_count() -> None:
    """corpus/dev/21 (gold: 万户 for 贫困户, 万人 for 贫困人口)."""
    assert targets("实现25万贫困户、110万贫困人口稳定脱贫") == [
        (25, 25, "eq", "万户", "贫困户"),
        (110, 110, "eq", "万人", "贫困人口稳定脱贫"),
    ]
    assert targets("帮助二十五万农民工就业") == [(25, 25, "eq", "万人", "农民工就业")]
    assert targets("新增5万户籍人口") == [(5, 5, "eq", "万人", "户籍人口")]


def test_counted_noun_after_an_amount_starts_its_own_target() -> None:
    assert targets("省财政拨款14亿元启动54万农村贫困户危房、泥砖房和茅草房改造") == [
        (14, 14, "eq", "亿元", "省财政拨款"),
        (54, 54, "eq", "万户", "农村贫困户危房、泥砖房和茅草房改造"),
    ]


def test_bare_magnitude_counts_the_noun_before_it() -> None:
    assert targets("减少农村贫困人口1000万以上") == [(1000, None, "ge", "万人", "减少农村贫困人口")]
    assert targets("农村贫困人口减少1109万") == [(1109, 1109, "eq", "万人", "农村贫困人口减少")]


def test_magnitude_without_a_counted_noun_is_no_target() -> None:
    assert targets("城乡居民人均收入达到5万") == []
    assert targets("实施百万农户增收工程") == []
    assert targets("推动千家万户共享发展成果") == []


# ---------------------------------------------------------------- floors and starting levels


def test_chao_is_an_open_floor() -> None:
    """corpus/dev/32 (gold: 超400亿元 → gt, no upper bound)."""
    assert targets("装备制造板块主营业务收入超400亿元") == [
        (400, None, "gt", "亿元", "装备制造板块主营业务收入")
    ]
    assert targets("全市旅游收入超过80亿元") == [(80, None, "gt", "亿元", "全市旅游收入")]


def test_starting_level_is_refused_and_the_new_level_kept() -> None:
    text = "劳动年龄人口平均受教育年限从10.23年提高到10.8年"
    assert targets(text) == [(10.8, 10.8, "eq", "年", "劳动年龄人口平均受教育年限")]
    assert reasons(text) == {"10.23年": "from_base"}
    assert targets("规模以上企业由50家增加至80家") == [(80, 80, "eq", "家", "规模以上企业")]
    assert targets("全员劳动生产率从人均8.7万元提高到12万元以上") == [
        (12, None, "ge", "万元", "全员劳动生产率")
    ]


def test_you_introducing_an_agent_is_no_starting_level() -> None:
    assert targets("由市财政安排500万元用于奖励") == [(500, 500, "eq", "万元", "由市财政安排")]


# ---------------------------------------------------------------- traps around the new shapes

TRAPS = [
    ("实施“百万名医师基层服务创业专项行动”，培训乡村医生2万人次", "百万", [(2, "万人次")]),
    ("十三五期间实现60万贫困人口脱贫", "十三五", [(60, "万人")]),
    ("第二次全国农业普查覆盖5万农户", "二", [(5, "万户")]),
    ("一是城镇和农村居民人均可支配收入分别增长8%和9%", "一", [(8, "%"), (9, "%")]),
    ("引进千人计划专家和100名青年人才", "千", [(100, "名")]),
    ("安排一定额度资金支持一批项目，新建3所学校和2个文化站", "一", [(3, "所"), (2, "个")]),
    ("推进一江两河流域综合开发，治理12平方公里水土流失", "一", [(12, "平方公里")]),
    ("2023年3月28日前完成25万农户危房改造", "2023", [(25, "万户")]),
]


@pytest.mark.parametrize("case", TRAPS, ids=[c[1] + str(i) for i, c in enumerate(TRAPS)])
def test_traps_hold_next_to_new_shapes(case: tuple) -> None:
    text, trap, wanted = case
    found, refused = extract_targets(text, 0, len(text), 1)
    assert [(t.value_min, t.unit) for t in found] == wanted
    assert any(r.raw.startswith(trap) for r in refused), refused


def test_enumerator_is_not_part_of_a_paired_subject() -> None:
    got = targets("一是城镇和农村居民人均可支配收入分别增长8%和9%")
    assert [o for *_, o in got] == ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]


# ---------------------------------------------------------------- real notices at their gold

DEV_TASKS = [
    ("21_guangdong_2011_shijian_shishi_news", 2),
    ("32_pingdingshan_2013_zdgz_labellines", 3),
]


@pytest.mark.parametrize("stem,seq", DEV_TASKS)
def test_dev_task_targets_equal_gold(stem: str, seq: int) -> None:
    path = ROOT / "corpus" / "gold" / f"{stem}.json"
    doc = gold_doc(path)
    task = next(t for t in json.loads(path.read_text("utf-8"))["tasks"] if t["seq"] == seq)
    start, end = doc.regions[seq - 1]
    found, _ = extract_targets(doc.text, start, end, seq)
    got = sorted((t.value_min, t.value_max, t.comparator, t.unit) for t in found)
    gold = sorted(
        (g["value_min"], g["value_max"], g["comparator"], g["unit"]) for g in task["targets"]
    )
    assert got == gold


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("一、重点工作任务（杭州市2项配合工作）", ["2"]),
        ("省政府2项牵头工作、19项配合工作", ["2", "19"]),
        ("确定的146项工作任务", ["146"]),
    ],
)
def test_counts_of_the_notices_own_items_are_never_targets(text: str, counts: list[str]) -> None:
    targets, rejected = extract_targets(text, 0, len(text), 1)
    assert targets == []
    assert [r.raw for r in rejected if r.reason == "own_items"] == counts


def test_a_count_of_projects_stays_a_target() -> None:
    text = "完成30项重点工程建设"
    targets, _ = extract_targets(text, 0, len(text), 1)
    assert [(t.value_min, t.unit) for t in targets] == [(30, "项")]


@pytest.mark.parametrize(
    ("text", "reason"),
    [("落实提振市场信心90条措施", "package_name"), ("优化二套房认定标准", "fused_numeral")],
)
def test_package_names_and_home_counts_are_never_targets(text: str, reason: str) -> None:
    targets, rejected = extract_targets(text, 0, len(text), 1)
    assert targets == []
    assert reason in {r.reason for r in rejected}


@pytest.mark.parametrize(
    "text", ["在职职工总数30人(含)以下的企业暂免征收", "对年营业收入2000万元以上的企业给予奖励"]
)
def test_a_threshold_that_qualifies_a_noun_is_never_a_target(text: str) -> None:
    targets, rejected = extract_targets(text, 0, len(text), 1)
    assert targets == []
    assert "threshold_qualifier" in {r.reason for r in rejected}


def test_a_count_after_a_qualified_noun_stays_a_target() -> None:
    text = "培育年营业收入2000万元以上的企业10家"
    targets, _ = extract_targets(text, 0, len(text), 1)
    assert [(t.value_min, t.unit) for t in targets] == [(10, "家")]
