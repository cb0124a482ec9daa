"""What every pane shares: a titled box with a HELP text, and a table that updates only what changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import DataTable


class Pane(Vertical):
    """A titled pane of the live screen. ``HELP`` is markdown for the help screen."""

    #: ``pane--hit``: the style of a search hit marked in the pane's title (``themes/app.tcss``).
    COMPONENT_CLASSES: ClassVar[set[str]] = {"pane--hit"}
    HELP: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    #: Cells a pane's border and padding take from its width (``Pane`` in ``themes/app.tcss``).
    FRAME_WIDTH: ClassVar[int] = 4

    def on_mount(self) -> None:
        self.border_title = self.TITLE

    @property
    def focus_target(self) -> Widget:
        """The widget that takes focus when the pane is chosen by key."""
        return next((w for w in self.query("*") if w.focusable), self)


class ColumnSpec(NamedTuple):
    """A column of a :class:`FittedTable`: fixed ``width`` cells, or ``None`` for the one that stretches."""

    key: str
    label: str
    width: int | None


Row = tuple[str, ...]


class FittedTable(DataTable):
    """A DataTable whose stretching column fills the width, cut by cells so Chinese text aligns.

    :meth:`sync` takes keyed rows and touches only the rows that changed, so a
    table of hundreds of rows costs nothing when one row changes. :meth:`mark`
    puts the cursor on a row and marks characters of one of its cells (a search
    hit) in the ``fitted-table--hit`` style (``themes/app.tcss``).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = DataTable.COMPONENT_CLASSES | {"fitted-table--hit"}
    COLUMNS: ClassVar[Sequence[ColumnSpec]] = ()
    MIN_STRETCH = 8

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, cell_padding=0, **kwargs)  # type: ignore[arg-type]
        self._rows: dict[str, Row] = {}
        self._order: list[str] = []
        self._stretch = 0
        self._built_width = 0
        self._waiting: list[tuple[str, Row]] | None = None
        #: The marked cell: row key, column key, and character offsets in that cell's value.
        self.marked: tuple[str, str, int, int] | None = None

    def expected_width(self) -> int:
        """The width the first layout is expected to give the table, or 0 if unknown.

        Known before the first layout, it lets the rows be in the first frame; a
        wrong guess costs one rebuild when the real width arrives (:meth:`on_resize`).
        """
        return 0

    def stretch_width(self, width: int | None = None) -> int:
        """Cells available to the stretching column at ``width`` (default: the current width).

        Columns after the first get a gap of one cell.
        """
        fixed = sum((c.width or 0) for c in self.COLUMNS) + len(self.COLUMNS) - 1
        scrollbar = self.styles.scrollbar_size_vertical if self.show_vertical_scrollbar else 0
        return max((self.size.width if width is None else width) - fixed - scrollbar, self.MIN_STRETCH)

    def _widths(self) -> list[int]:
        return [(spec.width or self._stretch) + (1 if index else 0) for index, spec in enumerate(self.COLUMNS)]

    def _build_columns(self, width: int | None = None) -> None:
        self.clear(columns=True)
        self._built_width = self.size.width if width is None else width
        self._stretch = self.stretch_width(width)
        for spec, column_width in zip(self.COLUMNS, self._widths(), strict=True):
            label = (" " if column_width != (spec.width or self._stretch) else "") + spec.label
            # A Text label: a string would be parsed as markup (and load rich's emoji table) for nothing.
            self.add_column(Text(label), key=spec.key, width=column_width)
        self._rows, self._order = {}, []

    def _cells(self, row: Row) -> list[str]:
        from .display import fill

        widths = self._widths()
        return [
            (" " if index else "") + fill(value, (spec.width or self._stretch))
            for index, (value, spec, _width) in enumerate(zip(row, self.COLUMNS, widths, strict=True))
        ]

    def sync(self, rows: Sequence[tuple[str, Row]]) -> None:
        """Show ``rows`` (key, values); unchanged rows are left alone.

        Before the first layout the table is built at :meth:`expected_width`, so
        the first frame shows the rows; without an expected width the rows wait
        for the layout.
        """
        width = self.size.width or self._built_width or self.expected_width()
        if not width:
            self._waiting = list(rows)
            return
        self._waiting = None
        if not self.columns or self._stretch != self.stretch_width(width):
            self._build_columns(width)
        keys = [key for key, _ in rows]
        if keys[: len(self._order)] != self._order:
            self.clear()
            self._rows, self._order = {}, []
        for key, row in rows:
            old = self._rows.get(key)
            if old == row:
                continue
            cells = self._cells(row)
            self._rows[key] = row
            if old is None:
                self.add_row(
                    *(self._text(key, spec.key, cell) for spec, cell in zip(self.COLUMNS, cells, strict=True)), key=key
                )
                self._order.append(key)
            else:
                for spec, value, before in zip(self.COLUMNS, cells, self._cells(old), strict=True):
                    if value != before:
                        self.update_cell(key, spec.key, self._text(key, spec.key, value))

    def _text(self, key: str, column: str, cell: str) -> Text:
        """A cell as drawn: plain text (never markup), with the marked characters styled if it is the marked cell."""
        text = Text(cell)
        if self.marked is None or self.marked[:2] != (key, column):
            return text
        index = next(i for i, spec in enumerate(self.COLUMNS) if spec.key == column)
        value = self._rows[key][index].replace("\n", " ")
        lead = 1 if index else 0
        shown = len(value) if cell[lead:].rstrip(" ") == value.rstrip(" ") else len(cell[lead:].rstrip(" ")) - 1
        start, end = self.marked[2], min(self.marked[3], shown)  # the part of the hit the cut left visible
        if start < end:
            text.stylize(self.get_component_rich_style("fitted-table--hit"), lead + start, lead + end)
        return text

    def mark(self, key: str | None, column: str = "", start: int = 0, end: int = 0) -> None:
        """Mark characters ``start:end`` of the value in ``column`` of row ``key`` and put the cursor on that row
        (``start == end``: the row only); ``None`` clears the mark. A row not shown is left unmarked."""
        old, self.marked = self.marked, None
        if old is not None:
            self._redraw(old[0], old[1])
        if key is None or key not in self._rows:
            return
        self.marked = (key, column, start, end)
        self._redraw(key, column)
        self.move_cursor(row=self._order.index(key), animate=False)

    def _redraw(self, key: str, column: str) -> None:
        if key not in self._rows or not any(spec.key == column for spec in self.COLUMNS):
            return
        index = next(i for i, spec in enumerate(self.COLUMNS) if spec.key == column)
        self.update_cell(key, column, self._text(key, column, self._cells(self._rows[key])[index]))

    def resync(self) -> None:
        """Rebuild at the current width (after a resize)."""
        rows = self._waiting if self._waiting is not None else [(key, self._rows[key]) for key in self._order]
        self._build_columns()
        self.sync(rows)

    def on_resize(self) -> None:
        if self._waiting is not None:
            self.sync(self._waiting)
        elif self.columns and self._stretch != self.stretch_width():
            self.resync()

    def row_key_at_cursor(self) -> str | None:
        if not self._order or not 0 <= self.cursor_row < len(self._order):
            return None
        return self._order[self.cursor_row]
