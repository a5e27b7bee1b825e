"""Resolution of agency mentions to canonical bodies, checked on the corpus gold."""

from __future__ import annotations

import json
from array import array
from pathlib import Path

import pytest
from conftest import fitted_gold_paths

from pipeline.records import (
    AgencyMention,
    Extraction,
    Metadata,
    NormalizedDocument,
    Page,
    Segmentation,
    SourceDocument,
)
from pipeline.stages.agency_names import is_collective, split_alias, split_prefix
from pipeline.stages.resolve import agency_id, document_jurisdiction, resolve, resolve_name

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "gold"
LISHAN = "鞍山市立山区人民政府"
ROLES = {"lead": "lead", "participants": "participant", "either": "responsible"}


def gold_extraction(stem: str) -> Extraction:
    """An Extraction holding the gold's mentions, with shared prefixes carried as extract does."""
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    meta = gold["meta"]
    text = "".join(t["title"] for t in gold["tasks"])
    source = SourceDocument(stem, stem, "0" * 64, "txt", (Page(1, text),))
    doc = NormalizedDocument(source, text, array("l", range(len(text) + 1)))
    metadata = Metadata(
        title=meta.get("title"), issuer=meta.get("issuer"), jurisdiction=meta.get("jurisdiction")
    )
    mentions = []
    for task in gold["tasks"]:
        for key, role in ROLES.items():
            carried = None
            extra = (task.get("collective") or []) if key == "lead" else []
            names = [*(task.get(key) or []), *extra]
            for position, name in enumerate(names):
                printed = split_prefix(split_alias(name)[0])[0]
                mentions.append(
                    AgencyMention(
                        task["seq"], role, None, position, name, 0, len(name),
                        collective=is_collective(name) or name in (task.get("collective") or []),
                        prefix=None if printed else carried,
                        alias=split_alias(name)[1],
                    )
                )
                carried = printed or carried
    return Extraction(Segmentation(doc, metadata, ()), tuple(mentions), (), ())


STEMS = [p.stem for p in fitted_gold_paths()]


@pytest.mark.parametrize("stem", STEMS)
def test_every_named_mention_resolves(stem: str) -> None:
    result = resolve(gold_extraction(stem))
    named = [m for m in result.mentions if not m.mention.collective]
    assert named and all(m.agency and m.agency_id for m in named)
    assert all(m.agency is None and m.agency_id is None for m in result.mentions
               if m.mention.collective)
    ids = {a.agency_id for a in result.agencies}
    assert {m.agency_id for m in named} == ids
    assert all(a.level in ("national", "provincial", "municipal", "county", "district")
               for a in result.agencies)


def test_tibet_resolves_fully_known() -> None:
    result = resolve(gold_extraction("tibet-2017-keji-yuanzang"))
    assert all(m.known for m in result.mentions)
    by_mention = {m.mention.mention: m.agency for m in result.mentions}
    assert by_mention["科技厅"] == "西藏自治区科学技术厅"
    assert by_mention["区党委组织部"] == "西藏自治区党委组织部"
    assert by_mention["宣传部（外宣办）"] == "西藏自治区党委宣传部"
    assert by_mention["团区委"] == "共青团西藏自治区委员会"
    assert by_mention["科协"] == "西藏自治区科学技术协会"
    assert by_mention["发展改革委"] == "西藏自治区发展和改革委员会"
    assert by_mention["外事侨务办"] == "西藏自治区外事侨务办公室"
    agencies = {a.name: a for a in result.agencies}
    assert agencies["西藏自治区党委宣传部"].kind == "party"
    assert "外宣办" in agencies["西藏自治区党委宣传部"].aliases
    assert "西藏自治区科技厅" in agencies["西藏自治区科学技术厅"].aliases
    assert agencies["西藏自治区科学技术协会"].kind == "mass_org"
    assert {a.level for a in result.agencies} == {"provincial"}
    assert len(result.agencies) == len({m.agency for m in result.mentions})


def test_carried_party_prefix_applies_only_to_party_bodies() -> None:
    tibet = document_jurisdiction(Metadata(issuer="西藏自治区人民政府办公厅"))
    assert resolve_name("宣传部", tibet, "区党委").name == "西藏自治区党委宣传部"
    assert resolve_name("财政厅", tibet, "区党委").name == "西藏自治区财政厅"
    assert resolve_name("财政厅", tibet, "区党委").kind == "government"


@pytest.mark.parametrize(
    ("issuer", "jurisdiction", "mention", "name", "level"),
    [
        ("国务院办公厅", "全国", "发展改革委", "国家发展和改革委员会", "national"),
        ("国务院", None, "发改委", "国家发展和改革委员会", "national"),
        ("国务院", None, "人力资源社会保障部", "人力资源和社会保障部", "national"),
        ("国务院", None, "人民银行", "中国人民银行", "national"),
        ("国务院", None, "中组部", "中共中央组织部", "national"),
        ("国务院", None, "外专局", "国家外国专家局", "national"),
        ("国务院", None, "科协", "中国科学技术协会", "national"),
        ("廣州市人民政府", "廣州市", "市發改委", "广州市发展和改革委员会", "municipal"),
        ("廣州市人民政府", "廣州市", "南沙區政府", "广州市南沙区人民政府", "district"),
        ("廣州市人民政府", "廣州市", "國土房管局", "广州市国土资源和房屋管理局", "municipal"),
        (LISHAN, "鞍山市立山区", "区发改局", "鞍山市立山区发展和改革局", "district"),
        (LISHAN, "鞍山市立山区", "区市场局", "鞍山市立山区市场监督管理局", "district"),
        (LISHAN, "鞍山市立山区", "市发改委", "鞍山市发展和改革委员会", "municipal"),
        (LISHAN, "鞍山市立山区", "区委组织部", "鞍山市立山区委组织部", "district"),
        ("陕西省人民政府", "陕西省", "省农业厅", "陕西省农业厅", "provincial"),
        ("陕西省人民政府", "陕西省", "省委组织部", "陕西省委组织部", "provincial"),
        ("陕西省人民政府", "陕西省", "西安市发改委", "西安市发展和改革委员会", "municipal"),
        ("芜湖市人民政府", "芜湖市", "市人力资源社会保障局", "芜湖市人力资源和社会保障局",
         "municipal"),
        ("北京市人民政府", "北京市", "市科委", "北京市科学技术委员会", "provincial"),
        ("北京市人民政府", "北京市", "海淀区政府", "北京市海淀区人民政府", "district"),
        ("西藏自治区人民政府办公厅", None, "科技部", "科学技术部", "national"),
        ("西藏自治区人民政府办公厅", None, "区政府", "西藏自治区人民政府", "provincial"),
    ],
)
def test_canonical_names(
    issuer: str, jurisdiction: str | None, mention: str, name: str, level: str
) -> None:
    doc = document_jurisdiction(Metadata(issuer=issuer, jurisdiction=jurisdiction))
    resolved = resolve_name(mention, doc)
    assert (resolved.name, resolved.level, resolved.known) == (name, level, True)


def test_traditional_list_with_shared_prefix() -> None:
    result = resolve(gold_extraction("14_guangzhou_2007_zdgzsx_trad"))
    by_mention = {m.mention.mention: m for m in result.mentions}
    assert by_mention["經貿委"].agency == "广州市经济贸易委员会"
    assert by_mention["經貿委"].agency_id == by_mention["市經貿委"].agency_id
    assert by_mention["經貿委"].mention.mention == "經貿委"  # mention stays as printed


def test_unknown_bodies_use_suffix_grammar() -> None:
    lishan = document_jurisdiction(Metadata(issuer=LISHAN, jurisdiction="鞍山市立山区"))
    zone = resolve_name("立山经济开发区", lishan)
    assert (zone.name, zone.known) == ("鞍山市立山经济开发区", False)
    centre = resolve_name("区大数据中心", lishan)
    assert (centre.name, centre.known) == ("鞍山市立山区大数据中心", False)


def test_collectives_are_not_agencies() -> None:
    result = resolve(gold_extraction("20_wuhu_2025_zdgz_pipetable"))
    collective = [m for m in result.mentions if m.mention.collective]
    assert {m.mention.mention for m in collective} == {"各县市区政府", "开发区管委会"}
    assert all(m.agency is None and not m.known for m in collective)
    assert not any("管委会" in a.name for a in result.agencies)


def test_ids_are_stable_and_distinct() -> None:
    assert agency_id("国家发展和改革委员会") == agency_id("国家发展和改革委员会")
    central = resolve(gold_extraction("16_guowuyuan_2016_zfgzbg_bmfg_kejibu"))
    names = {a.name for a in central.agencies}
    assert len({a.agency_id for a in central.agencies}) == len(names) == 18
    assert {"国家发展和改革委员会", "中国银行业监督管理委员会", "国务院侨务办公室"} <= names
