"""普法 pages (the URLs in publicity/urls.py): activities (activities.py), media products (media.py),
法治文化阵地 and their map (positions.py). The law exam and evaluation pages are PUB-B's (exam_urls.py)."""

from .activities import (  # noqa: F401
    ActivityListView,
    activity_create,
    activity_delete,
    activity_detail,
    activity_update,
    photo_download,
)
from .media import MediaProductListView, mediaproduct_create, mediaproduct_detail, mediaproduct_update  # noqa: F401
from .positions import (  # noqa: F401
    PositionListView,
    position_action,
    position_create,
    position_detail,
    position_map,
    position_update,
)
