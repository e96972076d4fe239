"""GET /api/v1/search/?q=…: what the search page shows (bureau.search), as JSON with masked ID numbers only.

Apart from bureau/search.py so that the pages' URLconf, which imports the search page, does not import DRF's
views: DRF's settings import the API's authentication classes from bureau.api, which needs those views loaded.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .search import read_query, run


def _result_schema():
    hit = inline_serializer("SearchHit", {
        "title": serializers.CharField(), "url": serializers.CharField(), "detail": serializers.CharField(),
        "id_numbers": serializers.ListField(child=serializers.CharField(), help_text="masked"),
    }, many=True)
    section = inline_serializer("SearchSection", {
        "label": serializers.CharField(), "hits": hit, "more": serializers.CharField(allow_blank=True),
    }, many=True)
    group = inline_serializer("SearchGroup", {
        "function": serializers.CharField(), "label": serializers.CharField(), "sections": section,
    }, many=True)
    return inline_serializer("SearchResult", {
        "kind": serializers.CharField(help_text="id_number, phone, text or empty"),
        "error": serializers.CharField(allow_blank=True), "groups": group,
    })


class SearchAPIView(APIView):
    """GET /api/v1/search/?q=…: what the search page shows, as JSON (masked ID numbers only)."""

    @extend_schema(
        summary=_("全局搜索"),
        parameters=[OpenApiParameter("q", str, description="姓名、电话、案件或文书编号、完整身份证号码")],
        responses=_result_schema(),
    )
    def get(self, request):
        query = read_query(request.query_params.get("q", ""))
        groups = run(request.user, query)
        return Response({
            "kind": query.kind, "error": query.error,
            "groups": [{
                "function": group.function.code, "label": str(group.function.label),
                "sections": [{
                    "label": str(section.source.label), "more": section.more_url,
                    "hits": [vars(hit) for hit in section.hits],
                } for section in group.sections],
            } for group in groups],
        })
