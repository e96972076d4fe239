"""Demo accounts, one per role and office in both demo districts. All share DEMO_PASSWORD."""

DEMO_PASSWORD = "Demo@2026"

# username, name, role, section, area code
DEMO_USERS = [
    ("admin", "系统管理员", "admin", "", "440300"),
    ("shenzhen", "市局 陈建华", "city", "", "440300"),
]

_DISTRICTS = {
    "luohu": ("440303", "罗湖", [("guiyuan", "440303001", "桂园"), ("huangbei", "440303002", "黄贝"),
                                 ("dongmen", "440303003", "东门"), ("cuizhu", "440303004", "翠竹"),
                                 ("nanhu", "440303005", "南湖"), ("sungang", "440303006", "笋岗"),
                                 ("donghu", "440303007", "东湖"), ("liantang", "440303008", "莲塘"),
                                 ("dongxiao", "440303009", "东晓"), ("qingshuihe", "440303010", "清水河")]),
    "guangming": ("440311", "光明", [("guangming", "440311001", "光明"), ("gongming", "440311002", "公明"),
                                     ("xinhu", "440311003", "新湖"), ("fenghuang", "440311004", "凤凰"),
                                     ("yutang", "440311005", "玉塘"), ("matian", "440311006", "马田")]),
}
_SECTIONS = [("legalaid", "法律援助科"), ("mediation", "人民调解科"), ("corrections", "社区矫正科"),
             ("lawyers", "律师工作科"), ("normative_docs", "法制科")]

for prefix, (code, short, streets) in _DISTRICTS.items():
    DEMO_USERS.append((f"{prefix}_leader", f"{short}区局领导", "leader", "", code))
    for section, section_name in _SECTIONS:
        DEMO_USERS.append((f"{prefix}_{section}", f"{short}{section_name}", "section", section, code))
    for street_prefix, street_code, street_name in streets:
        DEMO_USERS.append((f"{prefix}_{street_prefix}", f"{street_name}司法所", "street", "", street_code))
    first_street = streets[0][1]
    DEMO_USERS.append((f"{prefix}_advisor", f"{short}社区法律顾问", "advisor", "", f"{first_street}001"))
