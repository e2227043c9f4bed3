"""Arabic for terminals without bidirectional support (xterm, iTerm2, kitty, Windows Terminal, tmux).

Text is kept in logical order everywhere (JSON, CSV, pipes, and terminals that
run the Unicode bidirectional algorithm themselves: GNOME Terminal, Konsole,
macOS Terminal). For the others, ``--rtl visual`` lays each Arabic sentence out
as it should look: wrapped in logical order at the column width first (wrapping
reordered text would put the end of the sentence on the first line), then each
line shaped with arabic-reshaper and reordered with python-bidi's pure-Python
algorithm (which mirrors brackets, so "(9)" stays "(9)"), right-aligned. The
result is for display only: presentation-form letters do not copy-paste or grep.
"""

from __future__ import annotations

import textwrap


def visual_lines(text: str, width: int) -> list[str]:
    """``text`` as display-ordered, shaped lines of at most ``width`` cells, right-aligned."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    lines = textwrap.wrap(text, max(width, 10)) or [""]
    return [get_display(arabic_reshaper.reshape(line)).rjust(width) for line in lines]


def visual_mixed(text: str) -> str:
    """A left-to-right line with Arabic inside ("speaker: المتحدث · iraqi government"), laid out for display."""
    import arabic_reshaper
    from bidi.algorithm import get_display

    return get_display(arabic_reshaper.reshape(text), base_dir="L")
