"""publicity (普法) models: activities (activities.py), media products (media.py), 法治文化阵地 (positions.py);
the law exam and 谁执法谁普法 evaluation add theirs below."""

from .activities import (  # noqa: F401
    ORGANISER_LEVELS,
    PHOTOS_PER_ACTIVITY,
    Activity,
    Form,
    Material,
    MaterialKind,
    Organiser,
    Photo,
    Target,
    Theme,
    activity_rows,
    advisor_publicity_entries,
)
from .media import Channel, MediaKind, MediaProduct, Style  # noqa: F401
from .positions import Level, Position, PositionKind  # noqa: F401
from .evaluation import (  # noqa: F401
    DutyAttachment,
    DutyReport,
    Evaluation,
    EvaluationIndex,
    EvaluationScore,
    Responsibility,
)
from .exam import Exam, ExamUnit, Participant  # noqa: F401
