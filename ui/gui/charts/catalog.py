"""Every chart by name, from the book to a :class:`Chart`: one place shared by the
dashboard, the customer workspace and the ``chart`` command."""

from __future__ import annotations

from dataclasses import dataclass

from models.pareto import concentration
from storage.book import Book
from ui.gui.charts import book_charts, customer_charts, history_charts, rollup_charts
from ui.gui.charts.kinds import CUSTOMER_KINDS, KINDS
from ui.gui.charts.style import Chart


class ChartRequestError(ValueError):
    """A chart asked for with missing or wrong arguments (e.g. radar without a customer).
    ``template`` and ``params`` let the command line say it in the user's language."""

    def __init__(self, template: str, **params: str) -> None:
        super().__init__(template.format(**params))
        self.template, self.params = template, params


@dataclass(frozen=True)
class ChartRequest:
    kind: str
    customer_id: str | None = None
    from_period: str | None = None
    to_period: str | None = None


def build_chart(book: Book, request: ChartRequest) -> Chart:
    kind = request.kind
    if request.customer_id is not None:
        if kind not in CUSTOMER_KINDS:
            raise ChartRequestError("the {kind} chart is of the whole book; drop --customer",
                                    kind=kind)
        return _customer_chart(book, kind, request.customer_id)
    if kind in ("radar", "history"):
        raise ChartRequestError("the {kind} chart needs a customer (--customer)", kind=kind)
    charts, config = book.charts, book.scoring.config()
    if kind == "tiers":
        return book_charts.tiers_chart(charts.tier_distribution())
    if kind == "pareto":
        revenue = charts.book_revenue()
        return book_charts.pareto_chart(revenue, concentration(revenue), config.abc_a_percent,
                                        config.abc_b_percent)
    if kind == "matrix":
        return book_charts.matrix_chart(charts.value_potential(), config.threshold_key)
    if kind == "lifecycle":
        return book_charts.lifecycle_chart(charts.lifecycle_counts())
    if kind == "relationship":
        return book_charts.relationship_chart(charts.relationship_counts())
    if kind == "trend":
        return history_charts.tier_revenue_chart(charts.tier_revenue_history())
    if kind == "rollup":
        return rollup_charts.rollup_chart(book.rollup())
    if kind == "migration":
        start, end = migration_periods(book, request.from_period, request.to_period)
        if start is None or end is None:
            return history_charts.no_snapshots()
        return history_charts.migration_chart(charts.migration(start, end))
    raise ChartRequestError("unknown chart {kind}; choose from {kinds}", kind=repr(kind),
                            kinds=", ".join(KINDS))


def migration_periods(book: Book, start: str | None,
                      end: str | None) -> tuple[str | None, str | None]:
    """The periods to compare: as given, else the two latest snapshots."""
    periods = book.charts.snapshot_periods()
    for given in (start, end):
        if given is not None and given not in periods:
            if not periods:
                raise ChartRequestError("no snapshot for period {period} (known: none yet)",
                                        period=repr(given))
            raise ChartRequestError("no snapshot for period {period} (known: {known})",
                                    period=repr(given), known=", ".join(periods))
    if end is None:
        end = periods[-1] if periods else None
    if start is None:
        earlier = [p for p in periods if end is not None and p < end]
        start = earlier[-1] if earlier else None
    return start, end


def _customer_chart(book: Book, kind: str, customer_id: str) -> Chart:
    charts = book.charts
    if kind == "radar":
        return customer_charts.radar_chart(charts.customer_profile(customer_id))
    if kind == "trend":
        return customer_charts.revenue_trend_chart(charts.monthly_revenue(customer_id))
    return customer_charts.score_history_chart(charts.score_history(customer_id))
