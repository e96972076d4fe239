"""People's mediation pages (the URLs in mediation/urls.py): cases and the mediator's workspace (cases.py), the
offices' registers of organisations, mediators and trainings (organisations.py), and screening (screening.py)."""

from .cases import CaseListView, case_action, case_create, case_detail, mediator_home  # noqa: F401
from .organisations import (  # noqa: F401
    MediatorListView,
    OrganisationListView,
    TrainingListView,
    mediator_action,
    mediator_create,
    mediator_detail,
    organisation_action,
    organisation_create,
    organisation_detail,
    training_create,
    training_detail,
)
from .screening import (  # noqa: F401
    FoundDisputeListView,
    ScreeningRoundListView,
    found_dispute_create,
    screening_round_create,
    screening_round_detail,
)
