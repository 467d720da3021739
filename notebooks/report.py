#!/usr/bin/env python3
"""The morning report: one self-contained HTML page from a moatwatch results directory.

    python3 notebooks/report.py --results out/sample            # -> out/sample/_report/index.html
    python3 notebooks/report.py --results /data/moatwatch --dated   # also _report/<newest day>.html

Built from the Parquet with the notebooks' own loading code (moatwatch_results.py): per topic volume and net
sentiment over time with 95 % interval bands (low-volume days hollow and grey), sentiment shares raw and
corrected for the label model's known errors, share of voice, the week's and the day's significant movers
(two-proportion test, p-value), top entities with example sentences, and the most negative, positive and divided
threads with links. Charts are embedded as PNG, so the file can be mailed or opened on a phone.
"""
import argparse
import base64
import html
import io
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import moatwatch_results as mw  # noqa: E402

CSS = """
body { font-family: -apple-system, 'Segoe UI', Roboto, sans-serif; margin: 0 auto; max-width: 980px; padding: 0 12px;
       color: #222; line-height: 1.45; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
img { width: 100%; height: auto; } table { border-collapse: collapse; width: 100%; font-size: 0.9em; display: block;
  overflow-x: auto; } th, td { border-bottom: 1px solid #eee; padding: 4px 6px; text-align: left; vertical-align: top; }
.muted { color: #777; } .warn { color: #8a4b00; } .num { text-align: right; white-space: nowrap; } code { word-break: break-all; }
td.long { min-width: 16em; }
"""
# After load: how many charts really decoded (the browser test reads it from the DOM).
SCRIPT = """
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.querySelectorAll('img.chart'));
  document.body.setAttribute('data-charts', imgs.length);
  document.body.setAttribute('data-charts-loaded', imgs.filter(function (i) { return i.naturalWidth > 0; }).length);
});
"""


def png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    return ('<img class="chart" alt="chart" src="data:image/png;base64,'
            + base64.b64encode(buffer.getvalue()).decode("ascii") + '">')


def table(frame: pd.DataFrame, columns: list[str], empty: str, links: str | None = None) -> str:
    if frame.empty:
        return f'<p class="muted">{html.escape(empty)}</p>'
    out = ["<table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in columns) + "</tr>"]
    for _, row in frame.iterrows():
        cells = []
        for c in columns:
            v = row[c]
            if isinstance(v, float):
                text = "" if pd.isna(v) else f"{v:.3f}" if abs(v) < 1000 else f"{v:.0f}"
                cells.append(f'<td class="num">{text}</td>')
            elif c == links and isinstance(row.get("url"), str) and row.get("url"):
                cells.append(f'<td><a href="{html.escape(row["url"], quote=True)}">{html.escape(str(v))}</a></td>')
            else:
                text = "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
                # A sentence keeps a readable width on a phone (the table scrolls sideways) instead of a tall column.
                wide = ' class="long"' if len(text) > 40 else ""
                cells.append(f"<td{wide}>{html.escape(text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(out) + "</table>"


def volume_chart(by_topic: pd.DataFrame) -> str:
    fig, ax = plt.subplots(figsize=(9, 3.2))
    if by_topic.empty:
        mw.no_data(ax, "posts per topic")
    else:
        for topic, rows in by_topic.groupby("topic"):
            rows = rows.sort_values("dt")
            ax.plot(pd.to_datetime(rows["dt"]), rows["posts"], marker="o", label=topic)
        ax.set_ylabel("scored posts")
        ax.set_title("Volume per topic")
        ax.legend(loc="best")
        mw.date_axis(ax)
    return png(fig)


def sentiment_chart(by_topic: pd.DataFrame) -> str:
    fig, ax = plt.subplots(figsize=(9, 3.6))
    if by_topic.empty:
        mw.no_data(ax, "net sentiment")
    else:
        mw.plot_net_sentiment(ax, by_topic)
    return png(fig)


def shares_chart(daily: pd.DataFrame) -> str:
    fig, ax = plt.subplots(figsize=(9, 3.0))
    totals = daily.groupby("topic")[["positive", "neutral", "negative"]].sum() if not daily.empty else pd.DataFrame()
    if totals.empty or totals.to_numpy().sum() == 0:
        mw.no_data(ax, "sentiment shares")
    else:
        shares = totals.div(totals.sum(axis=1), axis=0)
        shares.plot.barh(stacked=True, ax=ax, color=["#2e7d32", "#bdbdbd", "#c62828"])
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of scored posts (label model)")
        ax.set_title("Sentiment shares per topic, whole period")
        ax.legend(loc="center left", bbox_to_anchor=(1, 0.5))
    return png(fig)


def voice_chart(by_topic: pd.DataFrame) -> str:
    fig, ax = plt.subplots(figsize=(9, 3.0))
    if by_topic.empty:
        mw.no_data(ax, "share of voice")
    else:
        sov = by_topic.pivot(index="dt", columns="topic", values="share_of_voice").fillna(0)
        sov.index = pd.to_datetime(sov.index).strftime("%Y-%m-%d")
        sov.plot.bar(stacked=True, ax=ax)
        ax.set_ylim(0, 1)
        ax.set_ylabel("share of voice")
        ax.set_title("Share of voice per day")
        ax.legend(loc="center left", bbox_to_anchor=(1, 0.5))
        plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    return png(fig)


def adjusted_shares(daily: pd.DataFrame) -> pd.DataFrame:
    """Per topic over the period: raw negative share and the prevalence-corrected one (posts-weighted)."""
    if daily.empty or daily["adjusted_negative_share"].isna().all():
        return pd.DataFrame(columns=["topic", "posts", "negative_share", "adjusted_negative_share"])
    d = daily.assign(w=daily["adjusted_negative_share"] * daily["posts"])
    g = d.groupby("topic").agg(posts=("posts", "sum"), negative=("negative", "sum"), w=("w", "sum")).reset_index()
    g["negative_share"] = g["negative"] / g["posts"]
    g["adjusted_negative_share"] = g["w"] / g["posts"]
    return g[["topic", "posts", "negative_share", "adjusted_negative_share"]]


def top_entities(ents: pd.DataFrame) -> pd.DataFrame:
    columns = ["topic", "entity", "type", "mentions", "net_sentiment", "example_negative", "example_positive"]
    if ents.empty:
        return pd.DataFrame(columns=columns)
    g = (ents.sort_values("mentions", ascending=False)
         .groupby(["topic", "entity", "type"], as_index=False)
         .agg(mentions=("mentions", "sum"), positive=("positive", "sum"), negative=("negative", "sum"),
              example_negative=("example_negative", "first"), example_positive=("example_positive", "first")))
    g["net_sentiment"] = mw.net(g["positive"], g["negative"])
    return g.sort_values(["topic", "mentions"], ascending=[True, False]).groupby("topic").head(5)[columns]


def threads(days: pd.DataFrame, posts: pd.DataFrame) -> dict:
    columns = ["title", "source", "scored_posts", "mean", "positive", "negative"]
    if days.empty:
        empty = pd.DataFrame(columns=columns + ["url"])
        return {"negative": empty, "positive": empty, "divided": empty}
    d = days.assign(w=days["mean_reply_score"].fillna(days["root_score"]) * days["scored_posts"])
    t = (d.groupby("thread_id", as_index=False)
         .agg(title=("title", "first"), url=("url", "first"), source=("source", "first"),
              scored_posts=("scored_posts", "sum"), positive=("positive", "sum"), negative=("negative", "sum"),
              w=("w", "sum")))
    t = t[t["scored_posts"] > 0]
    t["mean"] = t["w"] / t["scored_posts"]
    t["title"] = mw.thread_titles(t, posts)
    t["divided"] = t[["positive", "negative"]].min(axis=1)
    return {"negative": t.nsmallest(5, "mean"), "positive": t.nlargest(5, "mean"),
            "divided": t[t["divided"] > 0].nlargest(5, "divided")}


def build(results: Path) -> str:
    runs = mw.manifests(results)
    last = runs[-1] if runs else {}
    low_volume = int(last.get("config", {}).get("low_volume", 20))
    daily = mw.load("topic_daily", results)
    by_topic = mw.daily_by_topic(daily, low_volume)
    ents = mw.load("topic_entities", results)
    days = mw.load("threads", results)
    posts = mw.load("posts", results, ["dt", "source", "thread_id", "created_at", "url", "sentiment_label",
                                       "topic_sentiment", "text_clean"])
    c = last.get("counts", {})
    newest = by_topic["dt"].max() if not by_topic.empty else "no data"
    head = (f"<p>Newest day <b>{html.escape(str(newest))}</b>. Last run <code>{html.escape(last.get('run_id', '?'))}"
            f"</code> ({html.escape(last.get('status', '?'))}): read {c.get('read')} = analysed {c.get('analysed')}"
            f" + skipped {c.get('skipped')} + rejected {c.get('rejected')}. Pipeline <code>"
            f"{html.escape(last.get('versions', {}).get('pipeline', '?'))}</code>, topic stance <code>"
            f"{html.escape(mw.topic_stance(last))}</code>.</p>"
            f'<p class="muted">Bands and intervals are 95 %; days with fewer than {low_volume} posts are low volume'
            " (hollow grey): read them as anecdotes. Movers are listed only when the change is significant"
            " (two-proportion test, p &lt; 0.05).</p>")
    periods = mw.settings_periods(daily, runs)
    if len(periods) > 1:
        head += ('<p class="warn"><b>The days shown were written with different settings</b>, so a change across'
                 " them may come from the settings, not from what developers wrote. Re-run the older days with"
                 " the newer settings (docs/NIGHTLY.md, \"When the settings change\") before comparing them:</p>"
                 + table(periods, ["first_day", "last_day", "days", "settings"], ""))
    t = threads(days, posts)
    thread_cols = ["title", "source", "scored_posts", "mean", "positive", "negative"]
    sections = [
        "<h1>moatwatch: how developers feel about their GPU stack</h1>", head,
        "<h2>Volume and net sentiment</h2>", volume_chart(by_topic), sentiment_chart(by_topic),
        "<h2>Sentiment shares</h2>", shares_chart(daily),
        "<p>Negative share as labelled, and corrected for the label model's known errors (prevalence"
        " correction, QUALITY.md):</p>",
        table(adjusted_shares(daily), ["topic", "posts", "negative_share", "adjusted_negative_share"],
              "no adjusted shares (no label model, or no posts)"),
        "<h2>Share of voice</h2>", voice_chart(by_topic),
        "<h2>Significant movers</h2><p>Last 7 days against the 7 before:</p>",
        table(mw.significant_movers(daily, 7), ["topic", "posts", "posts_before", "net_sentiment",
                                                 "net_sentiment_before", "net_sentiment_change", "p_value"],
              "no significant change in net sentiment this week"),
        "<p>Last day against the day before:</p>",
        table(mw.significant_movers(daily, 1), ["topic", "posts", "posts_before", "net_sentiment",
                                                 "net_sentiment_before", "net_sentiment_change", "p_value"],
              "no significant change in net sentiment since the day before"),
        "<h2>Top entities</h2>",
        table(top_entities(ents), ["topic", "entity", "type", "mentions", "net_sentiment", "example_negative",
                                   "example_positive"], "no entities"),
        "<h2>Comparisons</h2><p>Posts that take a different side on each stack they name (each stack's label is the"
        " label model's reading of the post toward it; <code>topic_daily</code> counts each stack by its own"
        " label). These readings are the model's weakest: on labelled comparisons they are no better than the"
        " post's own label, shown beside them (QUALITY.md, \"Stance\"), so read the post before quoting one:</p>",
        table(mw.comparisons(posts, 8), ["dt", "source", "topics", "post_label", "excerpt"],
              "no post took different sides on the stacks it named", "excerpt"),
        "<h2>Threads to read</h2><p>Most negative:</p>", table(t["negative"], thread_cols, "no threads", "title"),
        "<p>Most positive:</p>", table(t["positive"], thread_cols, "no threads", "title"),
        "<p>Most divided (praise and anger in one thread):</p>",
        table(t["divided"], thread_cols, "no divided threads", "title"),
    ]
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>moatwatch report {html.escape(str(newest))}</title><style>{CSS}</style>"
            f"<script>{SCRIPT}</script></head><body>" + "\n".join(sections) + "</body></html>\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", required=True, help="a moatwatch results directory (the job's --output)")
    ap.add_argument("--dated", action="store_true", help="also write _report/<newest day>.html")
    args = ap.parse_args()
    results = Path(args.results).expanduser().resolve()
    page = build(results)
    out = results / "_report"
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(page, encoding="utf-8")
    written = [out / "index.html"]
    if args.dated:
        daily = mw.load("topic_daily", results)
        day = daily["dt"].max() if not daily.empty else pd.Timestamp.now("UTC").strftime("%Y-%m-%d")
        (out / f"{day}.html").write_text(page, encoding="utf-8")
        written.append(out / f"{day}.html")
    print("moatwatch report: " + ", ".join(str(w) for w in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
