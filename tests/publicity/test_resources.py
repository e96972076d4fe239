"""Importing the street offices' activities (publicity.resources): the services' rules for a whole file, all or
nothing, and the materials of each row."""

from datetime import timedelta

import pytest

from bureau.imports import get_resource
from publicity.models import Activity, Material
from tests import importing

from .conftest import today

HEADERS = ["活动名称", "主题", "形式", "“四进”对象", "街道", "活动地点", "活动日期", "受众人次", "发放普法书籍（册）",
           "发放宣传折页（份）"]


def table(rows):
    return importing.table(HEADERS, rows)


def row(**cells):
    values = {"活动名称": "民法典进社区", "主题": "民法典", "形式": "讲座", "“四进”对象": "进社区", "街道": "桂园",
              "活动地点": "桂园东社区", "活动日期": today().isoformat(), "受众人次": "120", "发放普法书籍（册）": "30",
              "发放宣传折页（份）": ""}
    values.update(cells)
    return values


@pytest.mark.django_db
def test_a_file_of_activities_imports_with_its_materials(personas):
    resource = get_resource("publicity.activity")
    result = resource.validate(table([row(), row(**{"受众人次": "60", "发放宣传折页（份）": "200"})]), personas.clerk_a)
    assert result.is_valid, result.errors
    assert resource.save(result, personas.clerk_a) == 2
    assert sorted(Activity.objects.values_list("audience", flat=True)) == [60, 120]
    assert set(Activity.objects.values_list("organiser_kind", "recorded_by__username")) == {("street", "clerk_a")}
    assert sorted(Material.objects.values_list("kind", "quantity")) == [("books", 30), ("books", 30),
                                                                         ("leaflets", 200)]


@pytest.mark.django_db
def test_one_bad_row_writes_nothing_and_is_named(personas):
    resource = get_resource("publicity.activity")
    rows = [row(), row(**{"街道": "黄贝"}), row(**{"活动日期": (today() + timedelta(days=3)).isoformat()}),
            row(**{"发放普法书籍（册）": "-5"})]
    result = resource.validate(table(rows), personas.clerk_a)
    assert not result.is_valid
    assert sorted({error.row for error in result.errors}) == [3, 4, 5]
    assert not Activity.objects.exists()
