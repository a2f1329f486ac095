"""The event code book: roots, QuadClass, Goldstein values and PLOVER types."""
import pytest

from newsgraph.events.codes import ROOTS, CodeError, plover_of, root_of


def test_a_full_code_maps_through_its_root():
    fight = root_of("195")
    assert (fight.code, fight.quad_class, fight.goldstein, fight.plover) == ("19", 4, -10.0, "ASSAULT")
    assert root_of("19") == fight


def test_the_quad_classes_follow_cooperation_and_conflict():
    assert [ROOTS[c].quad_class for c in ("01", "05", "06", "08", "09", "13", "14", "20")] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert all((r.goldstein > 0) == (r.quad_class <= 2) for r in ROOTS.values() if r.code != "01")


def test_yield_is_concede_or_retreat_by_its_sub_code():
    assert plover_of("081") == "CONCEDE" and plover_of("087") == "RETREAT" and plover_of("08") is None
    assert plover_of("010") is None and plover_of("173") == "COERCE"


def test_a_code_that_is_not_cameo_is_refused():
    for bad in ("21", "x9", "", "19999"):
        with pytest.raises(CodeError):
            root_of(bad)
