"""Site service records: the service's rules (one row per site, staff member and day; an advisor posted to the
site keeps their own log), the pages (404 for another street, filters, Excel, the summary, pinned query
counts), the API and the monthly import (all or nothing, the bad row named)."""

import io
from datetime import date
from io import BytesIO

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

import public_service.campaign_resources  # noqa: F401  (registered at start-up through campaign_stats)
from bureau.imports import get_resource
from bureau.imports.files import read_table
from lawyers.models import Posting, ServicePoint
from public_service import campaign_services as services
from public_service.models import SiteRecord, StaffKind
from tests.factories import LawyerFactory

STORY_DAY = date(2026, 11, 30)
DAY = date(2026, 5, 6)


@pytest.fixture
def sites(areas, personas):
    station_a = ServicePoint.objects.create(name="桂园街道公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION,
                                            area=areas.street_a)
    station_b = ServicePoint.objects.create(name="黄贝街道公共法律服务工作站", kind=ServicePoint.Kind.STREET_STATION,
                                            area=areas.street_b)
    advisor = LawyerFactory(name="钱顾问", area=areas.street_a)
    Posting.objects.create(lawyer=advisor, area=areas.street_a, point=station_a, start_on=date(2026, 1, 1),
                           end_on=date(2026, 12, 31))
    return station_a, station_b, advisor


def record(by, point, staff="陈晓燕", on=DAY, **fields):
    fields = {"consultations": 5, **fields}
    return services.site_record_create(record=SiteRecord(point=point, on=on, staff=staff, **fields), by=by)


def test_one_record_per_site_staff_member_and_day(personas, sites):
    station_a, _, _ = sites
    first = record(personas.clerk_a, station_a)
    assert first.area_id == station_a.area_id and first.recorded_by == personas.clerk_a
    with pytest.raises(ValidationError, match="陈晓燕在2026-05-06于该站点的服务记录已登记"):
        record(personas.clerk_a, station_a, consultations=2)
    with pytest.raises(ValidationError, match="请至少填写一项服务数量"):
        record(personas.clerk_a, station_a, staff="李文杰", consultations=0)
    with pytest.raises(ValidationError, match="服务日期不能晚于今天"):
        record(personas.clerk_a, station_a, on=date(2031, 1, 1))


def test_an_advisor_posted_to_the_site_is_not_recorded_twice(personas, sites):
    station_a, _, advisor = sites
    with pytest.raises(ValidationError, match="该律师是派驻本站点的法律顾问"):
        record(personas.clerk_a, station_a, staff=advisor.name, staff_kind=StaffKind.DUTY_LAWYER, lawyer=advisor)
    other = LawyerFactory(name="冯律师", area=personas.clerk_a.area)
    assert record(personas.clerk_a, station_a, staff=other.name, staff_kind=StaffKind.DUTY_LAWYER, lawyer=other).pk


def test_another_streets_site_is_refused(personas, sites):
    _, station_b, _ = sites
    with pytest.raises(ValidationError, match="服务站点不存在或不在您的管辖范围内"):
        record(personas.clerk_a, station_b)


def test_pages_for_the_street_and_a_404_for_the_other(client_for, personas, sites,
                                                     django_assert_max_num_queries):
    station_a, station_b, _ = sites
    mine = record(personas.clerk_a, station_a)
    for n in range(5):
        record(personas.clerk_a, station_a, staff=f"人员{n}", documents=1)
    record(personas.clerk_b, station_b, staff="李文杰", consultations=7)
    client = client_for(personas.clerk_a)
    with django_assert_max_num_queries(14):
        body = client.get(reverse("public_service:site_record_list")).content.decode()
    assert body.count('id="site-record-') == 6 and "李文杰" not in body
    assert client.get(reverse("public_service:site_record_update", args=[mine.pk])).status_code == 200
    response = client.post(reverse("public_service:site_record_update", args=[mine.pk]), {
        "point": station_a.pk, "on": "2026-05-06", "staff": "陈晓燕", "staff_kind": "staff", "consultations": 9,
        "documents": 0, "opinions": 0, "other_services": 0})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.consultations == 9
    body = client.get(reverse("public_service:site_record_summary"), {"staff": "陈晓燕"}).content.decode()
    assert "桂园街道公共法律服务工作站" in body and "<td class=\"text-end\">9</td>" in body
    response = client.get(reverse("public_service:site_record_list"), {"staff": "人员", "_export": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 6 and rows[0][0] == "服务日期"
    other = client_for(personas.clerk_b)
    assert other.get(reverse("public_service:site_record_update", args=[mine.pk])).status_code == 404
    assert "桂园街道公共法律服务工作站" not in other.get(reverse("public_service:site_record_summary")).content.decode()


def test_a_record_is_entered_from_the_page_with_the_services_words(client_for, personas, sites):
    station_a, _, advisor = sites
    client = client_for(personas.clerk_a)
    values = {"point": station_a.pk, "on": "2026-05-06", "staff": advisor.name, "staff_kind": "duty_lawyer",
              "lawyer": advisor.pk, "consultations": 3, "documents": 0, "opinions": 0, "other_services": 0}
    assert "该律师是派驻本站点的法律顾问" in client.post(reverse("public_service:site_record_create"),
                                                         values).content.decode()
    values.update(staff="陈晓燕", staff_kind="staff", lawyer="")
    assert client.post(reverse("public_service:site_record_create"), values).status_code == 302
    assert SiteRecord.objects.get().consultations == 3


def test_the_api_writes_through_the_service(client_for, personas, sites):
    station_a, station_b, _ = sites
    client = client_for(personas.clerk_a)
    url = "/api/v1/public_service/site-records/"
    payload = {"point": station_a.pk, "on": "2026-05-06", "staff": "陈晓燕", "consultations": 4}
    assert client.post(url, payload, content_type="application/json").status_code == 201
    response = client.post(url, payload, content_type="application/json")
    assert response.status_code == 400 and "已登记" in response.content.decode()
    assert client.post(url, {**payload, "point": station_b.pk},
                       content_type="application/json").status_code == 400
    assert client_for(personas.clerk_b).get(url).json()["count"] == 0


HEADERS = ["服务站点", "服务日期", "服务人员", "人员类别", "法律咨询（人次）", "代写文书（份）", "出具法律意见（份）",
           "其他服务（件）", "备注"]


def _table(rows):
    book = openpyxl.Workbook()
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return read_table(buffer, "导入.xlsx")


def test_the_monthly_sheet_is_imported_all_or_nothing(personas, sites):
    station_a, _, _ = sites
    record(personas.clerk_a, station_a, staff="王丽娟", on=date(2026, 5, 8))
    resource = get_resource("public_service.site_record")
    rows = [["桂园街道公共法律服务工作站", "2026-05-06", "陈晓燕", "工作人员", 5, 1, 0, 0, ""],
            ["桂园街道公共法律服务工作站", "2026-05-07", "陈晓燕", "志愿者", 3, 0, 0, 0, ""],
            ["黄贝街道公共法律服务工作站", "2026-05-07", "李文杰", "", 3, 0, 0, 0, ""],
            ["桂园街道公共法律服务工作站", "2026-05-07", "陈晓燕", "", 1, 0, 0, 0, ""],
            ["桂园街道公共法律服务工作站", "2026-05-08", "王丽娟", "", 1, 0, 0, 0, ""],
            ["桂园街道公共法律服务工作站", "2026-05-09", "张志强", "", 0, 0, 0, 0, ""]]
    result = resource.validate(_table(rows), personas.clerk_a)
    assert not result.is_valid
    messages = {(error.row, error.message) for error in result.errors}
    assert (4, "未找到服务站点“黄贝街道公共法律服务工作站”。") in messages
    assert (5, "与第3行重复（同一站点、人员、日期）。") in messages
    assert (6, "王丽娟在2026-05-08于该站点的服务记录已登记。") in messages
    assert (7, "请至少填写一项服务数量。") in messages
    assert SiteRecord.objects.count() == 1
    result = resource.validate(_table(rows[:2]), personas.clerk_a)
    assert result.is_valid, result.errors
    assert resource.save(result, personas.clerk_a) == 2
    assert sorted(SiteRecord.objects.values_list("staff_kind", "consultations")) == [
        ("staff", 5), ("staff", 5), ("volunteer", 3)]
