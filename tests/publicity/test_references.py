"""Issue 18, part 5: 普法 records are placed only in the writer's jurisdiction; 罗湖区's section placing an
activity, a media product or a position in 光明区 through the API gets a 400 naming the area, nothing written."""

import pytest

from publicity.models import Activity, MediaProduct


@pytest.mark.parametrize("url", ["/api/v1/publicity/activities/", "/api/v1/publicity/media/",
                                 "/api/v1/publicity/positions/"])
def test_defect_5_an_area_of_another_district_is_refused(client_for, pub_section, areas, url):
    before = (Activity.objects.count(), MediaProduct.objects.count())
    response = client_for(pub_section).post(url, {"area": areas.other_district.code, "title": "民法典进社区",
                                                  "name": "普法阵地"}, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "area" in response.json(), response.json()
    assert (Activity.objects.count(), MediaProduct.objects.count()) == before
