"""Chinese names in pinyin order (bureau.fields.PinyinKeyField), not by code point: 安娜, 王五, 张三."""

from datetime import date

import pytest
from django.urls import reverse

from bureau import bulk
from bureau.fields import fill_pinyin_keys, pinyin_key
from lawyers.models import Lawyer
from tests.factories import LawFirmFactory, LawyerFactory

pytestmark = pytest.mark.django_db

NAMES = ["张三", "安娜", "王五"]
PINYIN_ORDER = ["安娜", "王五", "张三"]


def test_the_key_orders_names_by_their_sound():
    assert sorted(NAMES) != PINYIN_ORDER  # by code point 安 (U+5B89) < 张 (U+5F20) < 王 (U+738B)
    assert sorted(NAMES, key=pinyin_key) == PINYIN_ORDER
    # a name before the longer names it begins; the first tone before the fourth; an before ang
    assert sorted(["昂", "按摩", "安娜", "安"], key=pinyin_key) == ["安", "安娜", "按摩", "昂"]
    assert pinyin_key("") == "" and pinyin_key("Anna Li") == "anna-li Anna Li"
    # Text between Han runs is lower-cased and kept, its words joined like syllables; blanks only separate.
    assert pinyin_key("王五（Wang Wu）") == "wang2-wu3-（wang-wu） 王五（Wang Wu）"
    assert pinyin_key("  张\u3000三 ") == "zhang1-san1 张\u3000三"
    assert pinyin_key("欧阳-娜娜2号") == "ou1-yang2---na4-na4-2-hao4 欧阳-娜娜2号"
    assert pinyin_key("Zoë 李") == pinyin_key("Zoë 李") == "zoë-li3 Zoë 李"  # the second from the remembered run


def test_the_database_orders_by_the_stored_key(areas):
    for name in NAMES:
        LawyerFactory(name=name, area=areas.street_a)
    assert list(Lawyer.objects.order_by("name_pinyin").values_list("name", flat=True)) == PINYIN_ORDER
    assert list(Lawyer.objects.values_list("name", flat=True)) == PINYIN_ORDER  # the model's default ordering


def test_the_lawyers_list_sorts_its_name_column_by_pinyin(client_for, personas, areas):
    firm = LawFirmFactory(area=areas.street_a)
    for name in NAMES:
        LawyerFactory(name=name, firm=firm)
    client = client_for(personas.clerk_a)
    for query, expected in [({}, PINYIN_ORDER), ({"sort": "name"}, PINYIN_ORDER),
                            ({"sort": "-name"}, PINYIN_ORDER[::-1])]:
        html = client.get(reverse("lawyers:lawyer_list"), query).content.decode()
        assert sorted(NAMES, key=html.index) == expected, query


def test_imports_fill_the_key_and_a_bare_update_is_caught_up(areas):
    """bureau.bulk.insert (the imports' writer) applies every field's pre_save; an update() does not, and
    fill_pinyin_keys brings such rows up to date."""
    firm = LawFirmFactory(area=areas.street_a)
    bulk.insert([Lawyer(name=name, certificate_number=f"1440320151000{i:04d}", firm=firm, area=areas.street_a,
                        practice_start="2015-01-01") for i, name in enumerate(NAMES)])
    assert dict(Lawyer.objects.values_list("name", "name_pinyin")) == {name: pinyin_key(name) for name in NAMES}
    Lawyer.objects.filter(name="安娜").update(name="赵六")
    assert fill_pinyin_keys(Lawyer) == 1
    assert Lawyer.objects.get(name="赵六").name_pinyin == pinyin_key("赵六")
    assert fill_pinyin_keys(Lawyer) == 0


def test_copy_rows_adds_the_key_of_a_name_among_its_columns(areas):
    """The dataset generator and the demo's bulk rows write through bulk.copy_rows with explicit columns: the key
    is derived there, as a save's pre_save would."""
    firm = LawFirmFactory(area=areas.street_a)
    bulk.copy_rows(Lawyer, ["name", "certificate_number", "firm_id", "area_id", "practice_start"],
                   [(name, f"1440320151001{i:04d}", firm.pk, areas.street_a.pk, date(2015, 1, 1))
                    for i, name in enumerate(NAMES)])
    assert dict(Lawyer.objects.values_list("name", "name_pinyin")) == {name: pinyin_key(name) for name in NAMES}
