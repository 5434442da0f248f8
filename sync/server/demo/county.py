"""The demo county's world: 耿马's three townships of the county plan (孟定镇, 勐永镇, 勐撒镇),
their villages, the produce of each season, the villagers' names and the registered households,
all drawn from one seed so the same seed gives the same county."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from stationapp.core import idcard

COUNTY_CODE = "530926"  # 耿马傣族佤族自治县's division code, the 户编号's first six digits
TOWNSHIPS: dict[str, tuple[str, str, tuple[str, ...]]] = {  # name: (login, code, villages)
    "孟定镇": (
        "mengding",
        "01",
        (
            "芒艾村", "班幸村", "贺派村", "景信村", "遮哈村", "芒团村", "罕宏村", "下坝村",
            "大寨村", "芒美村", "城子村", "邱山村", "南丙村", "允捧村", "芒底村", "帕亚村",
        ),
    ),
    "勐永镇": (
        "mengyong",
        "02",
        (
            "勐永村", "忙况村", "芒国村", "户弄村", "草坝村", "帮卖村", "明信村", "芒勐村",
            "户育村", "者阳村", "帕令村", "勐简村",
        ),
    ),
    "勐撒镇": (
        "mengsa",
        "03",
        (
            "勐撒村", "芒见村", "户南村", "帮木村", "翁达村", "芒撒村", "帕来村", "勐懂村",
            "允楞村", "蚌坎村", "曼海村", "红木村",
        ),
    ),
}  # fmt: skip
ADMIN_LOGIN = "county_admin"

DAI_GIVEN = ("温", "香", "罕", "保", "章", "叫", "应", "坎", "依", "光", "约", "帅")
HAN_SURNAMES = ("李", "杨", "张", "赵", "王", "刘", "陈", "罗", "段", "俸", "鲁", "字")
HAN_GIVEN = ("国华", "建明", "春花", "小龙", "文芳", "志强", "玉兰", "海燕", "正华", "金凤")
CAUSES = ("因病", "因残", "因学", "缺技术", "缺劳力", "缺资金", "交通条件落后", "缺土地")
MONITORING = ("", "", "", "", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户")


@dataclass(frozen=True)
class Product:
    """A product bought at the village points: its months, unit, price range (fen a unit) and
    the quantity a seller brings."""

    name: str
    months: tuple[int, ...]
    unit: str
    price_fen: tuple[int, int]
    quantity: tuple[float, float]
    grades: tuple[str, ...] = ("一级", "二级")


PRODUCTS = (
    Product("茶叶", (3, 4, 5, 6, 7, 8, 9), "斤", (600, 2800), (8, 60), ("特级", "一级", "二级")),
    Product("甘蔗", (12, 1, 2, 3, 4), "吨", (48000, 52000), (1, 8), ("统货",)),
    Product("咖啡豆", (11, 12, 1), "斤", (300, 450), (30, 300)),
    Product("澳洲坚果", (8, 9, 10, 11), "斤", (600, 1000), (20, 200)),
    Product("八月瓜", (8, 9, 10), "斤", (300, 600), (10, 80)),
    Product("芒果", (6, 7, 8), "斤", (150, 400), (30, 300)),
    Product("香蕉", tuple(range(1, 13)), "斤", (100, 220), (50, 500), ("统货",)),
    Product("核桃", (9, 10), "斤", (1000, 1500), (10, 80)),
    Product("蜂蜜", tuple(range(1, 13)), "斤", (4000, 6000), (2, 15), ("统货",)),
    Product("土鸡蛋", tuple(range(1, 13)), "枚", (100, 150), (30, 200), ("统货",)),
)
ORDER_ITEMS = (  # (name, spec, unit price in fen)
    ("电压力锅", "5L", 19900),
    ("复合肥", "50公斤", 16500),
    ("农用地膜", "1.2米×500米", 8800),
    ("儿童书包", "护脊款", 5900),
    ("太阳能路灯", "100W", 12900),
    ("洗衣粉", "5斤装", 2990),
    ("电动喷雾器", "16L", 23800),
    ("学生校服", "160码", 7800),
    ("老人手机", "4G", 19900),
    ("采茶篓", "竹编", 3500),
    ("蔗刀", "锰钢", 4500),
    ("热水壶", "1.8L", 4900),
)
PLATFORMS = ("拼多多", "淘宝", "京东", "抖音")
CARRIERS = (("ZTO", "7"), ("YTO", "YT"), ("YUNDA", "4"), ("STO", "77"), ("JTEXPRESS", "JT"))
SERVICES = (
    ("form", "帮填医保报销单"),
    ("form", "代办养老保险认证"),
    ("advice", "咨询网店开店"),
    ("training", "参加电商培训"),
    ("advice", "咨询茶叶网上销售"),
    ("other", "代查快递物流"),
)


@dataclass(frozen=True)
class DemoStation:
    """A village point of the demo county: its place and the households it serves."""

    index: int
    name: str
    township: str
    village: str
    households: tuple[str, ...]


@dataclass(frozen=True)
class DemoHousehold:
    household_no: str
    head_name: str
    id_number: str
    members: int
    township: str
    village: str
    household_type: str
    monitoring_type: str
    causes: tuple[str, ...]
    phone: str


def person_name(rng: random.Random) -> str:
    """A villager's name: Dai (岩 for men, 玉 for women) or Han."""
    if rng.random() < 0.55:
        return rng.choice("岩玉") + rng.choice(DAI_GIVEN)
    return rng.choice(HAN_SURNAMES) + rng.choice(HAN_GIVEN)


def mobile(rng: random.Random) -> str:
    return (
        rng.choice(("138", "139", "150", "151", "187", "158", "177"))
        + f"{rng.randrange(10**8):08d}"
    )


def id_number(rng: random.Random, township_code: str) -> str:
    """A made-up resident ID of the county with a right check character."""
    born = date(rng.randrange(1950, 2000), rng.randrange(1, 13), rng.randrange(1, 29))
    first17 = f"{COUNTY_CODE}{born:%Y%m%d}{township_code[-1]}{rng.randrange(100):02d}"
    return first17 + idcard.check_character(first17)


def villages_of(stations: int) -> list[tuple[str, str]]:
    """(township, village) of each station, the townships taking turns so a small county has
    all three; past the villages' count a village has a second, third... point."""
    rows = [(t, v) for t, (_l, _c, villages) in TOWNSHIPS.items() for v in villages]
    ordered = sorted(rows, key=lambda tv: (_rank(tv), tv))
    return [ordered[n % len(ordered)] for n in range(stations)]


def _rank(township_village: tuple[str, str]) -> int:
    township, village = township_village
    return TOWNSHIPS[township][2].index(village)


def plan_county(
    seed: int, stations: int, households_per_township: int
) -> tuple[list[DemoStation], list[DemoHousehold]]:
    """The stations and the registered households of the demo county."""
    rng = random.Random(f"county:{seed}")
    places = villages_of(stations)
    served = sorted(set(places))
    households: list[DemoHousehold] = []
    by_village: dict[tuple[str, str], list[str]] = {}
    for township, (_login, code, _villages) in TOWNSHIPS.items():
        villages = [v for t, v in served if t == township]
        for n in range(households_per_township if villages else 0):
            village = villages[n % len(villages)]
            number = f"{COUNTY_CODE}{code}{TOWNSHIPS[township][2].index(village):02d}{n:06d}"
            households.append(_household(rng, number, township, village, code))
            by_village.setdefault((township, village), []).append(number)
    result = []
    seen: dict[tuple[str, str], int] = {}
    for index, (township, village) in enumerate(places):
        seen[(township, village)] = seen.get((township, village), 0) + 1
        point = "" if seen[(township, village)] == 1 else f"{seen[(township, village)]}号点"
        name = f"{township}{village}电商服务站{point}"
        result.append(
            DemoStation(
                index, name, township, village, tuple(by_village.get((township, village), ()))
            )
        )
    return result, households


def _household(
    rng: random.Random, number: str, township: str, village: str, code: str
) -> DemoHousehold:
    kind = "脱贫户" if rng.random() < 0.8 else "普通农户"
    return DemoHousehold(
        household_no=number,
        head_name=person_name(rng),
        id_number=id_number(rng, code),
        members=rng.randrange(1, 7),
        township=township,
        village=village,
        household_type=kind,
        monitoring_type=rng.choice(MONITORING),
        causes=tuple(sorted(rng.sample(CAUSES, rng.randrange(1, 3)))),
        phone=mobile(rng),
    )


def registry_rows(households: list[DemoHousehold], salt: str, tag_key: bytes) -> list:
    """The households as the county's registry keeps them (``household_registry.Household``):
    the head's ID masked, hashed with the registry salt and tagged, as an import makes them."""
    from sync.server.reference.household_registry import Household
    from sync.server.reference.households_import import mask_id, registry_hash

    rows = []
    for h in households:
        rows.append(
            Household(
                household_no=h.household_no,
                head_name=h.head_name,
                id_masked=mask_id(h.id_number),
                id_hash=registry_hash(h.id_number, salt.encode()),
                members=h.members,
                township=h.township,
                village=h.village,
                natural_village=h.village.removesuffix("村") + "寨",
                household_type=h.household_type,
                monitoring_type=h.monitoring_type if h.household_type == "脱贫户" else "",
                risk_cleared=False,
                causes=h.causes,
                phone_masked="尾号" + h.phone[-4:],
                id_tag=idcard.id_tag(h.id_number, tag_key),
            )
        )
    return rows
