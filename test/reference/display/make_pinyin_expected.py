#!/usr/bin/env python3
"""Expected pinyin of China's prefecture-level and provincial names, from pypinyin (mozillazg/python-pinyin,
MIT, built from its public source at commit 8595294b1a97845e30f11ecfdb3caa4e61ac3988), an independent
implementation with its own phrase dictionary. Input: data/geo/china_prefectures_echarts.csv (shipped,
Apache ECharts). Output: pinyin_expected.csv (name_zh, syllables without tones joined by spaces).

Usage: PYTHONPATH=/path/to/python-pinyin python3 make_pinyin_expected.py <repo root>
"""
import csv
import sys

from pypinyin import Style, lazy_pinyin

root = sys.argv[1] if len(sys.argv) > 1 else "."
names = set()
with open(f"{root}/data/geo/china_prefectures_echarts.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        names.add(row["name_zh"])
        names.add(row["province_zh"])
with open("pinyin_expected.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name_zh", "pinyin"])
    for n in sorted(names):
        w.writerow([n, " ".join(lazy_pinyin(n, style=Style.NORMAL, v_to_u=True))])
