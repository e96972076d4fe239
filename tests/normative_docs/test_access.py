"""The unit role (起草承办单位) is declared by the function: a unit user works in 法治政府 only, has no dashboards,
and signs in to a home page that works (the function's own pages come later)."""

from bureau.permissions import has_workspace, sees_dashboards
from normative_docs.permissions import is_unit_user, section_writes


def test_a_unit_user_uses_the_function_without_dashboards(law, personas, client_for):
    user = law.drafter_a
    assert is_unit_user(user) and user.functions == {"normative_docs"} and user.can_write("normative_docs")
    assert has_workspace(user) and not sees_dashboards(user)
    assert not section_writes(user) and section_writes(law.section) and not section_writes(personas.leader)
    assert not is_unit_user(personas.admin)
    assert client_for(user).get("/").status_code == 200
