"""Who did what to whom: political event coding (issue 4), built in steps.

First step: `actors`, the dictionary from names to CAMEO-style actor codes. The coder
itself (actions from the parse, CAMEO and PLOVER types, the record's `events[]`, the
table and the command) comes next.
"""
