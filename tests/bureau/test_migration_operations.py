"""The project's own migration operations (bureau.migration_operations) change the state as Django's would."""

import pytest
from django.db import migrations
from django.db.migrations.loader import MigrationLoader

from bureau.migration_operations import AlterIndexes, indexes_only

BEFORE = ("bureau", "0012_issued_papers")


@pytest.fixture(scope="module")
def state():
    return MigrationLoader(None, ignore_no_migrations=True).project_state(BEFORE)


def parent(state):
    return state.models["bureau", "areaevent"].fields["parent"]


def test_an_index_change_reaches_the_state_and_the_rendered_model(state):
    state = state.clone()
    field = parent(state).clone()
    assert field.db_index
    field.db_index = False
    operation, = indexes_only([migrations.AlterField("areaevent", "parent", field)])
    operation.state_forwards("bureau", state)
    assert parent(state).db_index is False
    assert state.apps.get_model("bureau", "AreaEvent")._meta.get_field("parent").db_index is False


def test_any_other_change_is_refused(state):
    state = state.clone()
    field = parent(state).clone()
    field.db_index, field.help_text = False, "上级司法局"
    with pytest.raises(ValueError, match="changes only an index"):
        AlterIndexes([("areaevent", "parent", field)]).state_forwards("bureau", state)
    with pytest.raises(TypeError):
        indexes_only([migrations.RemoveField("areaevent", "parent")])
