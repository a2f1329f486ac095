"""Who did what to whom: political event coding (issue 4), built in steps.

So far: `actors`, the dictionary from names to CAMEO-style actor codes, and `codes`, the
code book (CAMEO roots with QuadClass, Goldstein value and PLOVER type). The coder itself
(actions from the parse, the record's `events[]`, the table and the command) comes next.
"""
