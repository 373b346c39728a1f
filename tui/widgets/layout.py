"""Screen-size classes of the review app, for ``review.tcss``.

Textual puts one class per axis on the screen from these lists (the last entry whose minimum
the terminal reaches): ``-narrow`` under 70 columns hides the claim list (``l`` brings it back
below the document) so the document and the card keep the width; ``-short`` under 30 rows
lets the card and the reviewers' versions take fewer rows so the claim's sentence stays in view.
"""

from __future__ import annotations

#: (minimum columns, class) for ``App.HORIZONTAL_BREAKPOINTS``.
WIDTH_BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (70, "-wide")]
#: (minimum rows, class) for ``App.VERTICAL_BREAKPOINTS``.
HEIGHT_BREAKPOINTS: list[tuple[int, str]] = [(0, "-short"), (30, "-tall")]
#: From this many columns the panels (help, history, statistics) give each part of a row a
#: column of its own; under it they fold parts together so what matters keeps the room.
PANEL_WIDE = 100
