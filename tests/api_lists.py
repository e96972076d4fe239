"""What the API lists' tests compare (bureau.api_lists): DRF's own JSON for a list, and every page a client reads."""

import json

from rest_framework import serializers
from rest_framework.renderers import JSONRenderer


def as_json(data):
    """Serializer data as the API sends it (dates, decimals and moments rendered)."""
    return json.loads(JSONRenderer().render(data))


def drf_data(serializer_class, records):
    """DRF's generic ListSerializer's data for `records` with `serializer_class` as its child (Python values)."""
    return serializers.ListSerializer(child=serializer_class(), instance=records).data


def drf_list(serializer_class, records):
    """What DRF's generic ListSerializer writes for `records`, as the API sends it."""
    return as_json(drf_data(serializer_class, records))


def every_page(client, url):
    """The rows of every page of a list, following its `next` links."""
    rows = []
    while url:
        body = client.get(url).json()
        rows += body["results"]
        url = body["next"]
    return rows
