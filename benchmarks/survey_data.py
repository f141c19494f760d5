"""Seeded survey exports: the bundled example of 智联云软件 and large files for the benchmark.

    .venv/bin/python benchmarks/survey_data.py          # rewrites examples/zhilian-software/survey-2026.csv

The example is what a WPS or Excel export of a real questionnaire looks like: GB18030, Chinese
headings, timestamps as 2025/3/7 14:22:05, a free-text comment column (with commas, so quoted),
seven quarters of answers with a real improvement in online support from 2026-Q1, a product
line that started late (so its early quarters have too few responses) and a handful of unusable
cells on purpose (a recommend score of 11, 十, a satisfaction of 4.5, an impossible date …).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "zhilian-software" / "survey-2026.csv"

HEADINGS = [
    "问卷编号",
    "提交时间",
    "渠道",
    "触点",
    "地区",
    "产品线",
    "推荐意愿(0-10)",
    "满意度(1-5)",
    "费力度(1-7)",
    "意见与建议",
]
CHANNELS = [("在线客服", 0.34), ("客户成功经理", 0.24), ("电话热线", 0.18), ("邮件工单", 0.14), ("App内反馈", 0.10)]
TOUCHPOINTS = [("在线支持", 0.38), ("实施交付", 0.24), ("售前咨询", 0.18), ("续约", 0.12), ("培训", 0.08)]
REGIONS = [("华东", 0.36), ("华南", 0.24), ("华北", 0.22), ("西南", 0.12), ("华中", 0.06)]
PRODUCTS = [("智联ERP云", 0.5), ("智联CRM", 0.35), ("数据中台", 0.15)]
COMMENTS = [
    "",
    "",
    "",
    "响应及时，工程师很专业",
    "工单流转太慢，希望能缩短等待时间",
    "实施顾问经验丰富，上线顺利",
    "电话总是排队，转了三次才找到人",
    '希望增加移动端报表, 另外“导出”功能不稳定, 偶尔显示"超时"',
    "续约流程清晰，价格透明",
    "培训内容太基础，希望有进阶课程",
    "在线客服回答准确，问题一次解决",
]


def _pick(rng: random.Random, items: list[tuple[str, float]]) -> str:
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def _nps_answer(rng: random.Random, quality: float) -> int:
    """A 0–10 answer whose mean rises with ``quality`` (0–1)."""
    centre = 6.2 + 3.4 * quality
    return max(0, min(10, round(rng.gauss(centre, 2.1))))


def _row(rng: random.Random, i: int, when: dt.datetime, product_start: dt.date) -> list[str]:
    channel = _pick(rng, CHANNELS)
    touchpoint = _pick(rng, TOUCHPOINTS)
    region = _pick(rng, REGIONS)
    product = _pick(rng, PRODUCTS)
    if product == "数据中台" and when.date() < product_start:
        product = "智联ERP云"
    quality = 0.5
    improved = when.date() >= dt.date(2026, 1, 1)
    if touchpoint == "在线支持":
        quality += 0.18 if improved else -0.08
    if channel == "电话热线":
        quality -= 0.12
    if channel == "客户成功经理":
        quality += 0.08
    if product == "数据中台":
        quality -= 0.05
    quality = max(0.0, min(1.0, quality + rng.gauss(0, 0.05)))
    nps = _nps_answer(rng, quality)
    csat = max(1, min(5, round(rng.gauss(2.4 + 2.3 * quality, 0.8))))
    effort = max(1, min(7, round(rng.gauss(5.4 - 3.6 * quality, 1.1))))  # 1 = 非常省力 … 7 = 非常费力
    stamp = f"{when.year}/{when.month}/{when.day} {when.hour:02d}:{when.minute:02d}:{when.second:02d}"
    return [
        f"ZL-{when.year}-{i:05d}",
        stamp,
        channel,
        touchpoint,
        region,
        product,
        str(nps),
        str(csat),
        str(effort),
        rng.choice(COMMENTS),
    ]


def example_rows(seed: int = 20260930) -> list[list[str]]:
    """About 3,600 responses from 2025-01-02 to 2026-09-30, with unusable cells on purpose."""
    rng = random.Random(seed)
    start = dt.datetime(2025, 1, 2, 8)
    days = (dt.date(2026, 9, 30) - start.date()).days + 1
    rows: list[list[str]] = []
    for day in range(days):
        date = start + dt.timedelta(days=day)
        per_day = rng.choice((4, 5, 6, 7, 8, 9)) if date.weekday() < 5 else rng.choice((1, 2, 3, 4))
        for _ in range(per_day):
            when = date + dt.timedelta(seconds=rng.randrange(11 * 3600))
            rows.append(_row(rng, len(rows) + 1, when, dt.date(2025, 10, 1)))
    # unusable cells, as real exports have them
    rows[40][6] = "11"  # recommend score outside 0–10
    rows[311][6] = "十"  # a Chinese numeral typed by hand
    rows[702][6] = ""  # skipped question
    rows[1190][7] = "4.5"  # half a point
    rows[1432][7] = "6"  # outside 1–5
    rows[1801][8] = "0"  # outside 1–7
    rows[2210][8] = "无"  # text
    rows[2533][1] = "2026/2/30 10:12:00"  # no such day
    rows[2890][1] = "待补录"  # no date at all
    rows[3105][2] = ""  # channel left blank
    rows.insert(2400, [""] * len(HEADINGS))  # an empty line in the middle of the export
    return rows


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "gb18030", delimiter: str = ",") -> None:
    import csv
    import io

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def write_large(path: Path, n: int, seed: int = 7) -> None:
    """``n`` responses over two years: 3 metrics and 4 segment columns with 5 values each (20 segments)."""
    rng = random.Random(seed)
    channels = ["在线客服", "客户成功经理", "电话热线", "邮件工单", "App内反馈"]
    touchpoints = ["在线支持", "实施交付", "售前咨询", "续约", "培训"]
    regions = ["华东", "华南", "华北", "西南", "华中"]
    products = ["智联ERP云", "智联CRM", "数据中台", "协同办公", "安全网关"]
    start = dt.datetime(2024, 10, 1)
    stamps = [
        (start + dt.timedelta(seconds=rng.randrange(730 * 86400))).strftime("%Y-%m-%d %H:%M:%S") for _ in range(5000)
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(",".join(HEADINGS) + "\n")
        for i in range(n):
            fh.write(
                f"R{i},{stamps[rng.randrange(5000)]},{channels[rng.randrange(5)]},{touchpoints[rng.randrange(5)]},"
                f"{regions[rng.randrange(5)]},{products[rng.randrange(5)]},{rng.randrange(11)},"
                f"{rng.randrange(1, 6)},{rng.randrange(1, 8)},\n"
            )


if __name__ == "__main__":
    write_csv(EXAMPLE, example_rows())
    print(f"wrote {EXAMPLE}")
