"""The chart of people released per month (per year over a long span), drawn by textual-plotext.

A period cursor moves with ←/→ (h/l); Enter narrows every pane to that period (ChartPeriodChosen).
The chart follows every filter but the date range, which it shows as highlighted bars, so that
one can move from one period to the next. plotext costs ~35 ms to import: the plot is mounted
after the first frame (`mount_plot`, when the app's warm-up has imported it); until then the line
above it already tells the numbers of the period under the cursor.
"""
from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from app.filters import Filters
from app.plural import en as plural
from app.store.queries import PeriodRow
from app.tui.messages import ChartPeriodChosen

BAR, IN_RANGE, CURSOR = "cyan", "orange", "red"


def in_range(period: str, f: Filters) -> bool:
    """Whether a chart period lies in the filters' date range."""
    if not (f.since or f.until):
        return False
    return ((not f.since or period >= f.since[:len(period)])
            and (not f.until or period <= f.until[:len(period)]))


class ReleasesChart(Vertical, can_focus=True):
    BINDINGS = [
        Binding("left,h", "move(-1)", "Earlier", show=False, id="chart.left"),
        Binding("right,l", "move(1)", "Later", show=False, id="chart.right"),
        Binding("home", "move(-100000)", "First", show=False, id="chart.first"),
        Binding("end", "move(100000)", "Last", show=False, id="chart.last"),
        Binding("enter", "choose", "Narrow to period", id="chart.choose"),
    ]
    DEFAULT_CSS = """
    ReleasesChart { height: 12; }
    ReleasesChart #chart-line { height: 1; padding: 0 1; }
    ReleasesChart PlotextPlot { height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.by = "month"
        self.rows: list[PeriodRow] = []
        self.filters = Filters()
        self.cursor = 0
        self._plot = None

    def compose(self) -> ComposeResult:
        yield Static("", id="chart-line")

    def mount_plot(self) -> None:
        """Mount the plot (textual_plotext is imported by now, off the first frame's path)."""
        if self._plot is not None:
            return
        from textual_plotext import PlotextPlot

        self._plot = PlotextPlot()
        self.mount(self._plot)
        self._draw()

    def show(self, by: str, rows: list[PeriodRow], filters: Filters) -> None:
        keep = self.rows[self.cursor].period if self.rows else None
        self.by, self.rows, self.filters = by, rows, filters
        periods = [r.period for r in rows]
        chosen = [i for i, p in enumerate(periods) if in_range(p, filters)]
        if chosen and not (keep in periods and in_range(keep, filters)):
            self.cursor = chosen[0]  # a new date range: the cursor on its first period
        elif keep in periods:
            self.cursor = periods.index(keep)
        else:
            self.cursor = max(len(rows) - 1, 0)
        self.border_title = f"Released per {by}"
        self._draw()

    def current(self) -> PeriodRow | None:
        return self.rows[self.cursor] if self.rows else None

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))
            self._draw()

    def action_choose(self) -> None:
        row = self.current()
        if row is not None:
            self.post_message(ChartPeriodChosen(row.period))

    def on_click(self, event: events.Click) -> None:
        """A click on a bar moves the cursor there (the plot spans the widget's width)."""
        if self.rows and self._plot is not None and self.size.width > 6:
            x = event.x - 6  # the y labels' margin
            width = max(self.size.width - 6, 1)
            self.cursor = max(0, min(len(self.rows) - 1, x * len(self.rows) // width))
            self._draw()

    def _draw(self) -> None:
        row = self.current()
        line = Text()
        if row is None:
            line.append("no releases under these filters", style="dim")
        else:
            line.append(f"◂{row.period}▸ ", style="bold")
            line.append(f"{plural(row.people, 'person')} · {plural(row.events, 'event')}")
        self.query_one("#chart-line", Static).update(line)
        if self._plot is None:
            return
        plt = self._plot.plt
        plt.clear_data()
        plt.clear_figure()
        if self.rows:
            xs = list(range(1, len(self.rows) + 1))
            ys = [r.people for r in self.rows]
            plt.bar(xs, ys, color=BAR, width=0.8)
            marked = [y if in_range(r.period, self.filters) else 0 for r, y in zip(self.rows, ys)]
            if any(marked):
                plt.bar(xs, marked, color=IN_RANGE, width=0.8)
            cursor = [y if i == self.cursor else 0 for i, y in enumerate(ys)]
            if any(cursor):
                plt.bar(xs, cursor, color=CURSOR, width=0.8)
            ends = sorted({1, len(xs), self.cursor + 1})
            plt.xticks(ends, [self.rows[i - 1].period for i in ends][:len(ends)])
            plt.xlim(0.5, max(len(xs), 12) + 0.5)  # a few periods: bars no wider than for 12
            top = max(ys)
            plt.yticks([0, top] if top else [0])
        plt.frame(False)
        self._plot.refresh()
