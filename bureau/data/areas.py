"""Reference areas: 深圳市 with 罗湖区 and 光明区 and their streets (national administrative codes).

The streets and their codes are real. The communities under them are invented for the demo and are
loaded with `is_demo=True`, so no one mistakes them for the real register.
"""

CITY = ("440300", "深圳市")

DISTRICTS = {
    ("440303", "罗湖区"): [
        ("440303001", "桂园街道"),
        ("440303002", "黄贝街道"),
        ("440303003", "东门街道"),
        ("440303004", "翠竹街道"),
        ("440303005", "南湖街道"),
        ("440303006", "笋岗街道"),
        ("440303007", "东湖街道"),
        ("440303008", "莲塘街道"),
        ("440303009", "东晓街道"),
        ("440303010", "清水河街道"),
    ],
    ("440311", "光明区"): [
        ("440311001", "光明街道"),
        ("440311002", "公明街道"),
        ("440311003", "新湖街道"),
        ("440311004", "凤凰街道"),
        ("440311005", "玉塘街道"),
        ("440311006", "马田街道"),
    ],
}

# Three invented communities per street, numbered 001–003 under the street's code.
DEMO_COMMUNITY_SUFFIXES = ["东社区", "西社区", "新村社区"]
