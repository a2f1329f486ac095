"""The event code book: CAMEO roots with their QuadClass, Goldstein value and PLOVER type.

Facts from the CAMEO codebook (root names, the Goldstein conflict-cooperation scale at
the root level) and the PLOVER ontology's mapping of CAMEO roots, written out here. A
full CAMEO code ("195") maps through its 2-digit root ("19"); root 08 (yield) is PLOVER
CONCEDE for 081-083 and RETREAT for 084-087. `penta` is the 5-class grouping of the
ConfliBERT CAMEO classification data the dev set uses (0: 01-02, 1: 03-05, 2: 06-08,
3: 09-13 and 16, 4: 14, 15 and 17-20).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Root:
    code: str  # "01" .. "20"
    name: str
    quad_class: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    goldstein: float
    plover: str | None  # None for 01 and 02 (statements and appeals), and for 08 without a sub-code
    penta: int


ROOTS = {
    root.code: root
    for root in (
        Root("01", "make public statement", 1, 0.0, None, 0),
        Root("02", "appeal", 1, 3.0, None, 0),
        Root("03", "express intent to cooperate", 1, 4.0, "AGREE", 1),
        Root("04", "consult", 1, 1.0, "CONSULT", 1),
        Root("05", "engage in diplomatic cooperation", 1, 3.5, "SUPPORT", 1),
        Root("06", "engage in material cooperation", 2, 6.0, "COOPERATE", 2),
        Root("07", "provide aid", 2, 7.0, "AID", 2),
        Root("08", "yield", 2, 5.0, None, 2),
        Root("09", "investigate", 3, -2.0, "ACCUSE", 3),
        Root("10", "demand", 3, -5.0, "REQUEST", 3),
        Root("11", "disapprove", 3, -2.0, "ACCUSE", 3),
        Root("12", "reject", 3, -4.0, "REJECT", 3),
        Root("13", "threaten", 3, -6.0, "THREATEN", 3),
        Root("14", "protest", 4, -6.5, "PROTEST", 4),
        Root("15", "exhibit force posture", 4, -7.2, "MOBILIZE", 4),
        Root("16", "reduce relations", 4, -4.0, "SANCTION", 3),
        Root("17", "coerce", 4, -7.0, "COERCE", 4),
        Root("18", "assault", 4, -9.0, "ASSAULT", 4),
        Root("19", "fight", 4, -10.0, "ASSAULT", 4),
        Root("20", "use unconventional mass violence", 4, -10.0, "ASSAULT", 4),
    )
}
YIELD_CONCEDES = {"081", "082", "083"}  # the rest of 08 (084-087) are retreats


class CodeError(ValueError):
    """Not a CAMEO event code."""


def root_of(code: str) -> Root:
    """The root of a CAMEO code: "195" and "19" both give root 19 (fight)."""
    root = ROOTS.get(code[:2]) if code.isdigit() and 2 <= len(code) <= 4 else None
    if root is None:
        raise CodeError(f"not a CAMEO event code: {code!r}")
    return root


def plover_of(code: str) -> str | None:
    """The PLOVER type of a CAMEO code; for 08 it depends on the sub-code."""
    root = root_of(code)
    if root.code == "08" and len(code) >= 3:
        return "CONCEDE" if code[:3] in YIELD_CONCEDES else "RETREAT"
    return root.plover
