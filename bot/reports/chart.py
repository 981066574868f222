"""The distance-travelled chart: each area of care's score and the practitioner's 0-10 scale
at each completed check of a case, as a PNG (matplotlib, Agg backend: no display needed).

`distance_chart()` returns the PNG bytes and the series as drawn (read back from the
matplotlib lines, so tests see what the picture shows); `data_url()` turns the bytes into
the `data:` URL that a chat reply carries as its image.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import os
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.texts import say
from bot.reasoning.scoring import CheckScores, Rules

# a colour-blind-safe palette (Okabe and Ito), one colour and marker per area
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")
MARKERS = ("o", "s", "^", "D", "v", "P")
SCALE_COLOUR = "#333333"


@dataclass(frozen=True)
class Chart:
    png: bytes
    series: dict[str, list[tuple[dt.date, float]]]  # label -> (date, value) as plotted
    panels: tuple[str, ...]  # the title of each panel

    def save(self, path: str | Path) -> Path:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(self.png)
        return p


def _pyplot():
    os.environ.setdefault("MPLCONFIGDIR", str(Path(__file__).resolve().parents[2] / "var" / "matplotlib"))
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def distance_chart(ref: str, checks: list[CheckScores], r: Rules, dpi: int = 90) -> Chart:
    """Two panels sharing the time axis: the area scores (top) and the 0-10 scale (bottom)."""
    plt = _pyplot()
    import matplotlib.dates as mdates
    from matplotlib import transforms

    fig, (top, bottom) = plt.subplots(
        2, 1, figsize=(9.5, 5.6), dpi=dpi, sharex=True, gridspec_kw={"height_ratios": [3, 1.4]}
    )
    try:
        dates = [c.at for c in checks]
        areas = checks[0].areas if checks else ()
        n = len(areas)
        for k, area in enumerate(areas):
            pts = [(c.at, c.area(area.area).value) for c in checks if c.area(area.area).value is not None]
            if not pts:
                continue
            # lines that share a value are drawn a little apart so that each stays visible;
            # the data (and what the tests read back) are the scores themselves
            shift = transforms.offset_copy(top.transData, fig=fig, x=0, y=(k - (n - 1) / 2) * 1.6, units="points")
            top.plot(
                [p[0] for p in pts],
                [p[1] for p in pts],
                label=area.name,
                color=COLOURS[k % len(COLOURS)],
                marker=MARKERS[k % len(MARKERS)],
                linewidth=2,
                markersize=6,
                transform=shift,
            )
        grade_ticks = sorted(r.grades)
        top.set_yticks(grade_ticks)
        top.set_yticklabels([f"{v} {r.grades[v].label}" for v in grade_ticks], fontsize=8)
        top.set_ylim(r.min - 0.4, r.max + 0.4)
        top.grid(axis="y", alpha=0.3)
        title_top = say("reports.chart.areas_title", ref=ref)
        top.set_title(title_top, fontsize=10, loc="left")
        top.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)

        scale_pts = [(c.at, c.scale) for c in checks if c.scale is not None]
        if scale_pts:
            bottom.plot(
                [p[0] for p in scale_pts],
                [p[1] for p in scale_pts],
                label=r.scale_label,
                color=SCALE_COLOUR,
                marker="o",
                linewidth=2,
                markersize=6,
            )
            for x, y in scale_pts:
                bottom.annotate(str(y), (x, y), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8)
        bottom.set_ylim(-0.5, r.scale_max + 2)
        bottom.set_yticks([0, r.scale_max // 2, r.scale_max])
        bottom.grid(axis="y", alpha=0.3)
        title_bottom = say("reports.chart.scale_title", scale=r.scale_label)
        bottom.set_title(title_bottom, fontsize=9, loc="left")
        if dates:
            lo, hi = min(dates), max(dates)
            pad = max((hi - lo) * 0.08, dt.timedelta(days=5))
            bottom.set_xlim(lo - pad, hi + pad)
            if len(set(d.date() for d in dates)) <= 8:  # few checks: a tick at each
                bottom.set_xticks(sorted(dates))
                bottom.set_xticklabels(
                    [f"{d.day} {d:%b %y}" for d in sorted(dates)],
                    fontsize=8,
                    rotation=30 if len(dates) > 4 else 0,
                    ha="right" if len(dates) > 4 else "center",
                )
            else:
                bottom.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
                bottom.xaxis.set_major_formatter(mdates.DateFormatter("%b %y"))
        else:
            top.text(0.5, 0.5, say("reports.chart.no_checks"), transform=top.transAxes, ha="center")
        fig.tight_layout()

        series: dict[str, list[tuple[dt.date, float]]] = {}
        for ax in (top, bottom):
            for line in ax.get_lines():
                xs = mdates.num2date(mdates.date2num(list(line.get_xdata())))
                series[line.get_label()] = [(x.date(), float(y)) for x, y in zip(xs, line.get_ydata(), strict=False)]
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
        return Chart(buf.getvalue(), series, (title_top, title_bottom))
    finally:
        plt.close(fig)


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
