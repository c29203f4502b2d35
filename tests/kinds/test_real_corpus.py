"""The real-notice corpus (corpus/real/): published company notices written as specs of their kind.

Each spec keeps its notice's facts and nothing more (its source is named in its first comment). A spec the
kinds cannot hold yet is listed in ``REFUSED`` with the gap in /work/wt/kinds-gaps.md it waits for and the
exact keys the loader refuses: that test fails as soon as the loader's answer changes, so a kinds change that
makes a spec load shows here, and the spec moves to the checked-and-rendered tests by leaving ``REFUSED``.

Every spec, refused or not, has the rendered tests: it checks with exactly the findings a careful reviewer
agrees with (``FINDINGS``), renders to PDF and DOCX, and the PDF states its key facts (``FACTS``) and no
sentence about a fact the spec does not give (``UNSAID``). The refused ones run them as strict expected
failures, so they pass the day the spec loads and renders as it should, and not before.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import notices
from notices.check.runner import check_path

from .conftest import flat, pdf_text

REAL = Path(__file__).resolve().parent.parent.parent / "corpus" / "real"
SPECS = sorted(p.name for p in REAL.glob("*.yaml"))

# name -> (gap in kinds-gaps.md, the spec paths the loader refuses today)
REFUSED: dict[str, tuple[str, set[str]]] = {
    # Every spec loads since the kinds rebuild (main fc51a6d); a new real notice the kinds cannot hold goes here.
}

# The findings a careful reviewer agrees with, once the spec loads (rule IDs; none = checks clean). The *-FACTS
# warnings name a fact the notice leaves out that its readers need (each spec's comment says which).
FINDINGS: dict[str, set[str]] = {
    # "the Annual Report and Accounts … for the year ended 31 July 2019" in a notice of a 29 September 2020 AGM
    # that states no date of its own (P-YEAR compares with the meeting, the first date it gives).
    "en-uco-2020-agm.yaml": {"P-YEAR", "B-ISSUE-DATE"},
    # zsstar's work resumes on 3 February, the last day off.
    "en-zsstar-2020-cny.yaml": {"K-HOLIDAY", "K-HOLIDAY-FACTS"},
    # No emergency contact; and the office closures say nothing about shipping.
    **{
        name: {"K-HOLIDAY-FACTS"}
        for name in (
            "zh-anpaer-2026-chunjie-fahuo.yaml",
            "en-esse-2024-cny-closure.yaml",
            "zh-kedcable-2017-duanwu.yaml",
            "zh-huameilianyun-2018-qingming.yaml",
        )
    },
    # Nothing on orders already placed.
    **{
        name: {"K-PRICE-FACTS"}
        for name in (
            "zh-yokohama-2008-tiaojia.yaml",
            "zh-huachuan-2022-gelaxin.yaml",
            "zh-cooper-2022-tiaojia.yaml",
            "en-masterfabrics-2021-freight-surcharge.yaml",
            "en-elenteny-2021-lcl-surcharge.yaml",
            "en-frenchmarket-2022-surcharge.yaml",
        )
    },
    # No order deadline the notice places exactly, no shipping dates.
    "en-otao-2021-cny-orders.yaml": {"K-STOCKUP-FACTS"},
    "en-inkpod-2024-cny-cutoff.yaml": {"K-STOCKUP-FACTS"},
    # No start time.
    "zh-xinge-2005-jingsai-huiyi.yaml": {"K-MEETING-FACTS"},
    # Open incidents with no contact and no next update; resolutions with no cause or no recovery time.
    **{
        name: {"K-INCIDENT-FACTS"}
        for name in (
            "en-inky-2023-dashboard-investigating.yaml",
            "en-courier-2024-delivery-update.yaml",
            "en-courier-2024-delivery-resolved.yaml",
            "zh-bdgroup-2021-liuliang-shuoming.yaml",
            "zh-yuque-2023-guzhang-gonggao.yaml",
        )
    },
}
# General notices: the writer's doubled 。; the table's dates in the writer's 2022.8.26 form; a letter's
# all-numeric date (14.06.2018) that can only be one day.
FINDINGS["zh-fuzhou-2020-tingshui.yaml"] = {"P-PAIRS"}
FINDINGS["zh-changle-2022-tingdian.yaml"] = {"B-DATE"}
FINDINGS["en-dioxice-2018-co2-shortage.yaml"] = {"EN-DATE"}
# 成都 会员大会: no attendees named; the writer's list numbered （1）（2）（2）. 北大计算中心: a title with no document
# type (an info note) and the window's date typed zero-padded, 2016年06月14日.
FINDINGS["zh-cdxcl-2020-huiyuan-dahui.yaml"] = {"K-MEETING-FACTS", "B-LEVELS"}
FINDINGS["zh-pku-2016-shujuku-weihu.yaml"] = {"B-TITLE-FORM", "B-DATE"}
# The notices that state no date of issue (a warning), or only its month (an info note): `sign_off.date: none`
# or `2021-09` instead of a made-up day (kinds-gaps.md G9).
for _name in (
    "en-dixa-2025-conversations.yaml",
    "en-elenteny-2021-lcl-surcharge.yaml",
    "en-emerge-2019-agm.yaml",
    "en-frenchmarket-2022-surcharge.yaml",
    "en-inkpod-2024-cny-cutoff.yaml",
    "en-masterfabrics-2021-freight-surcharge.yaml",
    "zh-easemob-2019-aliyun-shigu.yaml",
    "zh-xinge-2005-jingsai-huiyi.yaml",
    "zh-yokohama-2008-tiaojia.yaml",
    "zh-fuzhou-2020-tingshui.yaml",
    "zh-changle-2022-tingdian.yaml",
    "zh-cdxcl-2020-huiyuan-dahui.yaml",
    "en-gbp-2023-energy-surcharge.yaml",
):
    FINDINGS[_name] = FINDINGS.get(_name, set()) | {"B-ISSUE-DATE"}
# A mistake no rule can see yet (corpus/real/README.md): en-inky-2023-dashboard-resolved (the post-incident
# report's "30 March", in the body, against the 30 May timeline).

# What a reader must find in the PDF (whitespace removed): dates, times, amounts, numbers.
FACTS: dict[str, list[str]] = {
    "zh-anpaer-2026-chunjie-fahuo.yaml": [
        "2026年2月15日",
        "2月12日（星期四）后暂停",
        "2026年2月6日",
        "2月24日",
    ],
    "en-otao-2021-cny-orders.yaml": ["January15", "February3", "beforeMarch"],
    "en-inkpod-2024-cny-cutoff.yaml": ["February1", "February4", "3to7days", "February17"],
    "en-esse-2024-cny-closure.yaml": ["February7", "February18,2024", "February29"],
    "en-zsstar-2020-cny.yaml": ["19January", "3February2020"],
    "zh-kedcable-2017-duanwu.yaml": ["2017年5月28日", "5月30日", "5月27日", "共3天"],
    "zh-huameilianyun-2018-qingming.yaml": ["4月4日", "4月5日", "4月6日"],
    "zh-yokohama-2008-tiaojia.yaml": ["2008年8月1日", "平均上调5%", "平均上调10%"],
    "zh-huachuan-2022-gelaxin.yaml": ["2022年2月16日", "500元", "2022年3月1日", "2022年4月1日"],
    "zh-cooper-2022-tiaojia.yaml": ["上调3%～5%", "2022年3月23日零时", "Mastercraft", "最新价格表"],
    "zh-chalco-2006-yanghualv-xiatiao.yaml": [
        "2006年9月1日",
        "3,800元/吨",
        "下调22.4%",
        "2006年8月7日",
        "5650",
    ],
    "en-masterfabrics-2021-freight-surcharge.yaml": [
        "September2021",
        "$0.50permeter",
        "September15,2021",
        "800%",
    ],
    "en-elenteny-2021-lcl-surcharge.yaml": ["February2021", "cappedat$1.00percase", "March12,2021", "30days"],
    "en-frenchmarket-2022-surcharge.yaml": ["15%", "July1,2022", "June21,2022"],
    "zh-yuque-2023-guzhang-gonggao.yaml": ["10月23日下午", "6个月", "华东"],
    "zh-xinge-2005-jingsai-huiyi.yaml": ["9月6日", "9月5日", "8月20日", "8月10日", "400元", "010-67133577"],
    "en-emerge-2019-agm.yaml": ["21November2019", "6.00pm", "48hours", "72hours", "Proxyform"],
    "en-uco-2020-agm.yaml": ["29September2020", "16.00", "Zoom", "7members"],
    "zh-easemob-2019-aliyun-shigu.yaml": ["23:55", "3:10", "VIP6"],
    "zh-ucloud-2019-uver-shuoming.yaml": ["0:53", "2:11", "SLA"],
    "zh-bdgroup-2021-liuliang-shuoming.yaml": ["8:45", "10:00", "14:00", "100MiB"],
    "en-inky-2023-dashboard-investigating.yaml": ["12:39", "Dashboard"],
    "en-inky-2023-dashboard-resolved.yaml": ["1:04", "permissions", "failover"],
    "en-courier-2024-delivery-update.yaml": ["6:55", "5:12", "5:17"],
    "en-courier-2024-delivery-resolved.yaml": ["1:51", "8hours38minutes"],
    "en-dixa-2025-conversations.yaml": ["10:49", "11:01", "11:15", "rolledback"],
    "zh-fuzhou-2020-tingshui.yaml": ["2020年10月28日9:00至10月29日8:00", "斗池路至西二环路", "福发宿舍"],
    "zh-changle-2022-tingdian.yaml": ["2022.8.26", "06:30—15:30", "07:00—17:00", "鹤上镇东平村部分区域"],
    "en-dioxice-2018-co2-shortage.yaml": [
        "14.06.2018",
        "14June2018",
        "50%ofeachorder",
        "10days",
        "MikeBennett",
        "ManagingDirector",
        "Bestregards,",
    ],
    "zh-cdxcl-2020-huiyuan-dahui.yaml": [
        "2020年11月10日（星期二）14:30—16:30",
        "科华北路65号",
        "18030617553",
        "18108096397",
        "11月8日前",
        "附件：参会回执",
    ],
    "zh-pku-2016-shujuku-weihu.yaml": ["2016年06月14日09时至16时", "网上缴费", "圈存机缴费", "2016年6月13日"],
    "zh-boc-2023-xitong-shengji.yaml": [
        "2023年7月30日（周日）",
        "7月29日21:00至30日06:15",
        "所有服务：7月29日23:00至30日04:00",
        "中银企E贷",
        "95566",
    ],
    "en-gbp-2023-energy-surcharge.yaml": [
        "$4.41pergallon",
        "$0.007perMSI",
        "10thofeachmonth",
        "$7.75",
        "$0.013",
    ],
    "en-section-2021-portal-outage.yaml": ["2:35AM", "7:47AM", "3:42PM", "routinemaintenance", "POPs"],
}

# Sentences about facts the spec does not give, as the kinds have written them (whitespace removed).
_HOLIDAY_ZH = ["订单正常接收", "暂停接收订单", "紧急情况", "停止发货"]
_HOLIDAY_EN = ["Youcanstillplaceorders", "Wewillnottakeorders", "Inanemergency", "Shippingstops"]
_PRICE_ZH = ["在途订单", "已确认的订单", "原价"]
_PRICE_EN = ["Ordersalreadyplaced", "Ordersconfirmedbefore", "Oldprice", "Newprice"]
_INCIDENT_ZH = ["事件编号", "暂无临时解决办法", "下一次进展"]
_INCIDENT_EN = ["Incidentnumber", "Thereisnoworkaround", "nextupdate"]
# What the stock-up kind writes only from facts these two English cut-off notices do not give.
_STOCKUP_EN = [
    "mustreachusby",
    "Werecommendholding",
    "isonduty",
    "Shippingstops",
    "reducedcapacity",
    "Ourofficesareclosed",
]
UNSAID: dict[str, list[str]] = {
    "zh-anpaer-2026-chunjie-fahuo.yaml": ["值班", "备货建议", "截止时间为"],
    "en-otao-2021-cny-orders.yaml": _STOCKUP_EN,
    "en-inkpod-2024-cny-cutoff.yaml": _STOCKUP_EN,
    "en-esse-2024-cny-closure.yaml": _HOLIDAY_EN,
    "en-zsstar-2020-cny.yaml": _HOLIDAY_EN,
    "zh-kedcable-2017-duanwu.yaml": _HOLIDAY_ZH,
    "zh-huameilianyun-2018-qingming.yaml": _HOLIDAY_ZH,
    "zh-yokohama-2008-tiaojia.yaml": [*_PRICE_ZH, "特此通知"],
    "zh-huachuan-2022-gelaxin.yaml": [*_PRICE_ZH, "特此通知"],
    "zh-cooper-2022-tiaojia.yaml": [*_PRICE_ZH, "平均上调", "最高上调"],
    "zh-chalco-2006-yanghualv-xiatiao.yaml": [*_PRICE_ZH, "特此通知", "原因"],
    "en-masterfabrics-2021-freight-surcharge.yaml": _PRICE_EN,
    "en-elenteny-2021-lcl-surcharge.yaml": _PRICE_EN,
    "en-frenchmarket-2022-surcharge.yaml": _PRICE_EN,
    "zh-yuque-2023-guzhang-gonggao.yaml": [*_INCIDENT_ZH, "如有疑问，请联系", "恢复时间"],
    "zh-xinge-2005-jingsai-huiyi.yaml": ["参会回执", "0:00"],
    "en-emerge-2019-agm.yaml": ["Pleaseconfirmwhowillattend"],
    "en-uco-2020-agm.yaml": ["Pleaseconfirmwhowillattend"],
    "zh-easemob-2019-aliyun-shigu.yaml": [*_INCIDENT_ZH, "如有疑问，请联系"],
    "zh-ucloud-2019-uver-shuoming.yaml": [*_INCIDENT_ZH, "如有疑问，请联系", "特此通知"],
    "zh-bdgroup-2021-liuliang-shuoming.yaml": [*_INCIDENT_ZH, "事件原因", "特此通知"],
    "en-inky-2023-dashboard-investigating.yaml": _INCIDENT_EN,
    "en-inky-2023-dashboard-resolved.yaml": _INCIDENT_EN,
    "en-courier-2024-delivery-update.yaml": _INCIDENT_EN,
    "en-courier-2024-delivery-resolved.yaml": [*_INCIDENT_EN, "Cause:", "Thecausewas"],
    "en-dixa-2025-conversations.yaml": _INCIDENT_EN,
    "zh-fuzhou-2020-tingshui.yaml": ["特此通知", "如有疑问"],
    "zh-changle-2022-tingdian.yaml": ["特此公告", "特此通知", "如有疑问"],
    "en-dioxice-2018-co2-shortage.yaml": ["Yoursfaithfully", "Yourssincerely"],
    "zh-cdxcl-2020-huiyuan-dahui.yaml": ["参会人员：", "确认参会人员", "如有疑问", "报到"],
    "zh-pku-2016-shujuku-weihu.yaml": ["特此通知", "特此公告", "如有疑问"],
    "zh-boc-2023-xitong-shengji.yaml": ["特此通知", "如有疑问，请联系"],
    "en-gbp-2023-energy-surcharge.yaml": ["Yoursfaithfully", "Inanemergency", "Ordersalreadyplaced"],
    "en-section-2021-portal-outage.yaml": [*_INCIDENT_EN, "Toprevent"],
}


# Specs whose PDF still states something their notice does not, with the gap in kinds-gaps.md it waits for.
# (G14 closed: the stock-up kind states the holiday's dates as the holiday's, not as an office closure.)
MISSTATED: dict[str, str] = {}


def _loading(name: str) -> pytest.ParameterSet:
    gap = REFUSED.get(name)
    marks = [pytest.mark.xfail(strict=True, reason=f"kinds-gaps.md {gap[0]}")] if gap else []
    return pytest.param(name, marks=marks, id=name)


def test_every_spec_is_listed() -> None:
    assert len(SPECS) >= 20
    assert set(FACTS) == set(UNSAID) == set(SPECS)
    assert set(REFUSED) | set(FINDINGS) | set(MISSTATED) <= set(SPECS)


def test_every_spec_names_its_source() -> None:
    for name in SPECS:
        first = (REAL / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# source: http"), name


@pytest.mark.parametrize("name", SPECS)
def test_loads_or_is_refused_only_for_its_gap(name: str) -> None:
    """A spec outside REFUSED loads whole; one in it is refused for exactly the keys its gap names."""
    refused = {f.path for f in check_path(REAL / name).findings if f.rule == "SPEC"}
    assert refused == (REFUSED[name][1] if name in REFUSED else set())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, str]]:
    """Each spec that loads, rendered once to PDF and DOCX (unchecked: the checks are their own test)."""
    out = tmp_path_factory.mktemp("real")
    found = {}
    for name in SPECS:
        try:
            notice = notices.load(REAL / name)
        except notices.SpecError:
            continue
        paths = {p.suffix: p for p in notices.render(notice, out / name.removesuffix(".yaml"), check=False)}
        found[name] = (paths[".pdf"], paths[".docx"], flat(pdf_text(paths[".pdf"])))
    return found


@pytest.mark.parametrize("name", [_loading(n) for n in SPECS])
def test_checks_with_the_findings_a_reviewer_agrees_with(name: str) -> None:
    findings = notices.check_notice(notices.load(REAL / name))
    assert {f.rule for f in findings} == FINDINGS.get(name, set())


@pytest.mark.parametrize("name", [_loading(n) for n in SPECS])
def test_renders_to_pdf_and_docx_stating_its_facts(
    name: str, rendered: dict[str, tuple[Path, Path, str]]
) -> None:
    pdf, word, text = rendered[name]
    assert pdf.read_bytes().startswith(b"%PDF-")
    word_text = flat("\n".join(p.text for p in docx.Document(str(word)).paragraphs))
    title = flat(notices.load(REAL / name).spec.title)
    assert title in text and title in word_text
    missing = [fact for fact in FACTS[name] if fact not in text]
    assert not missing, f"{name}: the PDF does not state {missing}"


def _saying(name: str) -> pytest.ParameterSet:
    gap = REFUSED[name][0] if name in REFUSED else MISSTATED.get(name)
    marks = [pytest.mark.xfail(strict=True, reason=f"kinds-gaps.md {gap}")] if gap else []
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", [_saying(n) for n in SPECS])
def test_says_nothing_the_notice_does_not(name: str, rendered: dict[str, tuple[Path, Path, str]]) -> None:
    text = rendered[name][2]
    invented = [phrase for phrase in UNSAID[name] if flat(phrase) in text]
    assert not invented, f"{name}: the PDF states {invented}, which the notice never says"


UNDATED = sorted(n for n in SPECS if "\n  date: none\n" in (REAL / n).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", UNDATED)
def test_an_undated_notice_prints_no_date_of_issue(
    name: str, rendered: dict[str, tuple[Path, Path, str]]
) -> None:
    """`sign_off.date: none`: neither the PDF nor the DOCX carries the day it was rendered (the date a spec
    without sign_off.date gets) as a date of issue (kinds-gaps.md G9)."""
    from notices.composer import issue_date_of
    from notices.formatting import cn_date, en_date

    spec = notices.load(REAL / name).spec
    day = issue_date_of(spec)
    _pdf, word, text = rendered[name]
    word_text = flat("\n".join(p.text for p in docx.Document(str(word)).paragraphs))
    for shown in (cn_date(day), en_date(day, "en_GB"), en_date(day, "en_US")):
        assert flat(shown) not in text and flat(shown) not in word_text, (name, shown)


def test_undated_and_month_dated_specs_are_the_ones_the_pages_leave_undated() -> None:
    assert len(UNDATED) == 12
    months = [n for n in SPECS if notices.load(REAL / n).spec.sign_off.month is not None]
    assert months == ["en-elenteny-2021-lcl-surcharge.yaml", "en-masterfabrics-2021-freight-surcharge.yaml"]
