"""Agency-name grammar, gazetteer and the spaCy/jieba wiring, on real names from the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import jieba
import pytest
import yaml
from conftest import fitted_gold_paths

from pipeline.rules import RulesError, load_rules, rules_dir
from pipeline.stages import agency_names as an
from pipeline.stages import chinese_script
from pipeline.stages.nlp import agency_entities, nlp

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"
ROLES = ("lead", "participants", "either")


def gold_names(kind: tuple[str, ...] = ROLES) -> set[str]:
    names: set[str] = set()
    for path in fitted_gold_paths():
        for task in json.loads(path.read_text(encoding="utf-8"))["tasks"]:
            for key in kind:
                names.update(task.get(key) or [])
    return names


@pytest.mark.parametrize(
    "name",
    ["各有关部门", "各区人民政府", "各县（市、区）政府", "市直有关单位", "各地各部门",
     "全区经济运行各专班", "各街道", "区直各部门", "各相关单位", "各县市区政府", "市直各单位",
     # the bodies of every place of a level, named by the level (a province's notice)
     "县级扶贫部门", "县级人民政府", "市(州)人民政府", "县(市、区、特区)政府", "本级政府"],
)
def test_collective(name: str) -> None:
    assert an.is_collective(name)
    assert not an.looks_like_agency(name)


def test_gold_collectives_and_names() -> None:
    collective = gold_names(("collective",)) - {"开发区管委会"}  # 各 distributes: the caller's job
    assert collective and all(an.is_collective(n) for n in collective)
    names = gold_names()
    assert len(names) > 60
    assert not [n for n in names if an.is_collective(n)]
    assert not [n for n in names if not an.looks_like_agency(an.split_alias(n)[0])]


def test_single_bodies_are_not_collective() -> None:
    for name in ("税务局", "立山经济开发区", "南沙區政府", "开发区管委会", "国务院各部门"[:3],
                 "县人民政府", "市级财政局"[:1] + "财政局"):
        assert not an.is_collective(name), name


def test_split_alias() -> None:
    assert an.split_alias("宣传部（外宣办）") == ("宣传部", "外宣办")
    assert an.split_alias("宣传部(外宣办)") == ("宣传部", "外宣办")
    assert an.split_alias("科技厅") == ("科技厅", None)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("区党委组织部", ("区党委", "组织部")),
        ("市發改委", ("市", "發改委")),
        ("省科技厅", ("省", "科技厅")),
        ("科技厅", ("", "科技厅")),
        ("西藏自治区科技厅", ("西藏自治区", "科技厅")),
        ("国家发展改革委", ("", "国家发展改革委")),
        ("市场监管局", ("", "市场监管局")),  # 市 here is part of the name
        ("区市场局", ("区", "市场局")),
        ("市委宣传部", ("市委", "宣传部")),
        ("南沙區政府", ("南沙區", "政府")),
        ("市人力资源社会保障局", ("市", "人力资源社会保障局")),
    ],
)
def test_split_prefix(name: str, expected: tuple[str, str]) -> None:
    assert an.split_prefix(name) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("市科技局制定细则组织实施", "市科技局"),
        ("区党委组织部、宣传部（外宣办）", "区党委组织部"),
        ("宣传部（外宣办）、商务厅", "宣传部（外宣办）"),
        ("省科技厅（牵头）", "省科技厅"),
        ("省农业厅牵头", "省农业厅"),
        ("市發改委、經貿委", "市發改委"),
        ("南沙區政府負責", "南沙區政府"),
        ("团区委等负责", "团区委"),
        ("市人力资源社会保障局 市农业农村局", "市人力资源社会保障局"),
        ("西藏自治区科技厅会同有关部门", "西藏自治区科技厅"),
        ("国家发展改革委、财政部牵头", "国家发展改革委"),
        ("市大数据中心负责", "市大数据中心"),  # unknown body: suffix grammar
        ("立山经济开发区", "立山经济开发区"),
    ],
)
def test_agency_end(text: str, name: str) -> None:
    assert an.agency_end(text, 0, len(text)) == len(name)


def test_agency_end_bounds_and_refusals() -> None:
    text = "由科技厅牵头"
    assert an.agency_end(text, 1, len(text)) == 4
    assert an.agency_end(text, 1, 3) is None or an.agency_end(text, 1, 3) <= 3
    for text in ("加强科技创新", "部署推进", "按职责分工负责", "各有关部门"):
        assert an.agency_end(text, 0, len(text)) is None, text


def test_traditional_matching_keeps_length() -> None:
    assert an.to_simplified("國土房管局") == "国土房管局"
    assert an.agency_end("規劃局負責", 0, 5) == 3
    assert an.looks_like_agency("經貿委")


def test_simplified_table_is_zhconvs_own_per_character_table() -> None:
    """Read from zhconv's data file without importing zhconv: the same table it builds."""
    from zhconv import zhconv

    table = zhconv.getdict("zh-cn")
    single = {ord(k): v for k, v in table.items() if len(k) == len(v) == 1 and k != v}
    ours = chinese_script.simplified_table()
    assert len(ours) > 4000
    assert ours == {k: v for k, v in single.items() if not chinese_script.is_punctuation(chr(k))}


def test_rules_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "agencies"
    bad.mkdir()
    (bad / "departments.yaml").write_text(
        yaml.safe_dump({"bodies": [{"id": "x", "kind": "ministry", "forms": []}]}), encoding="utf-8"
    )
    with pytest.raises(RulesError, match=r"departments\.yaml"):
        load_rules("agencies/departments.yaml", an.Gazetteer, folder=str(tmp_path))


def test_no_tibet_list_in_rules() -> None:
    text = (rules_dir() / "agencies" / "departments.yaml").read_text(
        encoding="utf-8"
    )
    assert "西藏" not in text


# ---------------------------------------------------------------- nlp


def _names(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in agency_entities(text)]


def test_entities_in_running_text() -> None:
    text = "科技厅牵头，财政厅、区党委组织部、宣传部（外宣办）配合。由南沙區政府负责。"
    assert _names(text) == ["科技厅", "财政厅", "区党委组织部", "宣传部（外宣办）", "南沙區政府"]
    assert _names("市科技局制定细则组织实施") == ["市科技局"]
    assert _names("西藏自治区人民政府办公厅印发") == ["西藏自治区人民政府办公厅"]


def test_doc_ents_are_org() -> None:
    doc = nlp()("国家发展改革委、财政部牵头，各地区各有关部门按职责分工负责")
    assert [(e.text, e.label_) for e in doc.ents] == [("国家发展改革委", "ORG"), ("财政部", "ORG")]


def test_jieba_segmentation_cannot_hide_a_name() -> None:
    nlp()
    jieba.add_word("请科", freq=10**9)  # a token that crosses the start of the name
    try:
        doc = nlp()("请科技厅牵头落实")
        assert doc[0].text == "请科"
        assert _names("请科技厅牵头落实") == ["科技厅"]
        assert [e.text for e in doc.ents] == ["请科技厅"]  # expanded to token bounds
    finally:
        jieba.del_word("请科")


def test_jieba_user_dict_keeps_names_whole() -> None:
    nlp()
    assert "区党委" in jieba.lcut("区党委组织部宣传部") or "区党委组织部" in jieba.lcut(
        "区党委组织部宣传部"
    )
    assert "人力资源社会保障厅" in jieba.lcut("人力资源社会保障厅牵头")


def test_tibet_notice_entities() -> None:
    text = (GOLD.parent / "tibet-2017-keji-yuanzang.txt").read_text(encoding="utf-8")
    found = _names(text)
    assert found.count("科技厅") >= 24
    for name in ("团区委", "宣传部（外宣办）", "外事侨务办", "通信管理局", "编译局", "地勘局"):
        assert name in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("文化行政部门和公安部门要加强监管", "文化行政部门"),  # two bodies a joiner links
        ("人力资源和社会保障局负责", "人力资源和社会保障局"),  # one name holding 和
        ("规划与国土资源局负责", "规划与国土资源局"),
    ],
)
def test_a_joiner_between_two_whole_bodies_ends_the_first(text: str, name: str) -> None:
    assert text[: an.agency_end(text, 0, len(text))] == name
