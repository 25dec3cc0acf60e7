"""Pure quiz logic: question types, scoring, drawing and shuffling by seed, attempt state.

No Qt, no I/O: everything here is a function of its arguments, so it is tested exhaustively.
"""
