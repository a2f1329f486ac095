"""Who said what: quotations, reported statements, their speakers and cues (issue 3).

Built in steps: `marks` finds the quoted stretches of a text, `cues` the words that attribute them.
"""
