"""Demo accounts, one per role and office in both demo districts (a section per function). All share DEMO_PASSWORD."""

from bureau import functions

DEMO_PASSWORD = "Demo@2026"


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


def demo_users():
    """[(username, name, role, section, area code)]: the sections are those the function apps declare."""
    users = [("admin", "系统管理员", "admin", "", "440300"), ("shenzhen", "市局 陈建华", "city", "", "440300")]
    for prefix, (code, short, streets) in _DISTRICTS.items():
        users.append((f"{prefix}_leader", f"{short}区局领导", "leader", "", code))
        for function in functions.all_functions():
            users.append((f"{prefix}_{function.code}", f"{short}{function.section}", "section", function.code, code))
        for street_prefix, street_code, street_name in streets:
            users.append((f"{prefix}_{street_prefix}", f"{street_name}司法所", "street", "", street_code))
        first_street = streets[0][1]
        users.append((f"{prefix}_advisor", f"{short}社区法律顾问", "advisor", "", f"{first_street}001"))
    return users
