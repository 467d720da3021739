"""Loading and small helpers shared by the moatwatch notebooks (kept here so no notebook copies another).

The notebooks read a moatwatch results directory (the job's --output): Parquet tables partitioned by
dt=YYYY-MM-DD and the run manifests in _runs/. Column meanings: docs/OUTPUTS.md.

Where things are, in order of precedence:
  results: the MOATWATCH_RESULTS environment variable, else the README's sample run output (out/sample)
  figures: the MOATWATCH_FIGURES environment variable, else <results>/_figures (Spark ignores _ folders)
"""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_RESULTS = PROJECT / "out" / "sample"

# The columns each table has (docs/OUTPUTS.md), so a missing or empty table loads as an empty frame that
# the notebooks' code can still group, filter and plot without special cases.
COLUMNS = {
    "topic_daily": [
        "dt", "topic", "source", "posts", "posts_direct", "sentences", "authors", "threads", "positive",
        "neutral", "negative", "positive_share", "neutral_share", "negative_share", "mean_score",
        "net_sentiment", "net_sentiment_all", "share_of_voice", "share_of_voice_all_sources",
        "mention_sentences", "mention_positive", "mention_neutral", "mention_negative", "mention_mean_score",
        "mention_net_sentiment", "posts_prev", "posts_change", "net_sentiment_prev", "net_sentiment_change",
        "mean_score_change", "corenlp_positive", "corenlp_neutral", "corenlp_negative", "corenlp_mean_score",
        "corenlp_net_sentiment", "low_volume", "positive_share_low", "positive_share_high", "neutral_share_low",
        "neutral_share_high", "negative_share_low", "negative_share_high", "net_sentiment_low", "net_sentiment_high",
        "mention_net_sentiment_low", "mention_net_sentiment_high", "mention_positive_share",
        "mention_positive_share_low", "mention_positive_share_high", "mention_neutral_share", "mention_neutral_share_low",
        "mention_neutral_share_high", "mention_negative_share", "mention_negative_share_low",
        "mention_negative_share_high", "adjusted_positive_share",
        "adjusted_positive_share_low", "adjusted_positive_share_high", "adjusted_neutral_share",
        "adjusted_neutral_share_low", "adjusted_neutral_share_high", "adjusted_negative_share",
        "adjusted_negative_share_low", "adjusted_negative_share_high", "adjusted_net_sentiment", "run_id"],
    "topic_entities": [
        "dt", "topic", "entity", "type", "kind", "vendor", "family", "arch", "belongs_to_topic", "mentions",
        "code_mentions", "posts", "sentences", "positive",
        "neutral", "negative", "mean_score", "net_sentiment", "post_mean_score", "example_positive",
        "example_negative", "net_sentiment_low", "net_sentiment_high", "low_volume", "run_id"],
    "threads": [
        "dt", "thread_id", "source", "community", "title", "url", "topics", "posts", "scored_posts", "authors",
        "first_at", "last_at", "root_known", "root_score", "root_label", "mean_reply_score", "score_stddev",
        "min_score", "max_score", "positive", "neutral", "negative", "run_id"],
    "posts": [
        "dt", "post_id", "source", "kind", "community", "thread_id", "parent_id", "depth", "author",
        "created_at", "title", "url", "score", "topics", "topics_direct", "topics_inherited", "status",
        "reason", "n_sentences", "n_sentences_scored", "sentiment_score", "sentiment_label",
        "sentiment_probabilities", "topic_sentiment", "corenlp_score", "corenlp_label", "entities",
        "sentences", "text_clean", "run_id"],
}


_TEXT = {"dt", "topic", "source", "entity", "type", "thread_id", "community", "title", "url", "run_id", "post_id",
         "kind", "parent_id", "author", "status", "reason", "sentiment_label", "corenlp_label", "root_label", "example_positive",
         "example_negative", "text_clean"}
_NESTED = {"topics", "topics_direct", "entities", "sentences", "topic_sentiment"}
_FLAGS = {"belongs_to_topic", "root_known", "topics_inherited"}
_TIMES = {"first_at", "last_at", "created_at"}


def _empty_column(name: str) -> pd.Series:
    """An empty column of the type the table would have, so sorting and arithmetic work on empty frames."""
    if name in _TEXT or name in _NESTED:
        return pd.Series(dtype="object")
    if name in _FLAGS:
        return pd.Series(dtype="bool")
    if name in _TIMES:
        return pd.Series(dtype="datetime64[us]")
    return pd.Series(dtype="float64")


def results_dir() -> Path:
    """The results directory the notebooks read."""
    return Path(os.environ.get("MOATWATCH_RESULTS", str(DEFAULT_RESULTS))).expanduser().resolve()


def figures_dir(results: Path | None = None) -> Path:
    """Where charts are saved as PNG files (created if needed)."""
    default = (results or results_dir()) / "_figures"
    path = Path(os.environ.get("MOATWATCH_FIGURES", str(default))).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def load(table: str, results: Path | None = None, columns: list[str] | None = None) -> pd.DataFrame:
    """One table as a DataFrame with `dt` as a 'YYYY-MM-DD' string, sorted by dt.

    A table that is missing (no run wrote it yet) or empty gives an empty frame with the table's columns.
    """
    base = (results or results_dir()) / table
    wanted = columns or COLUMNS[table]
    files = [p for p in base.rglob("*.parquet")] if base.is_dir() else []
    if not files:
        return pd.DataFrame({c: _empty_column(c) for c in wanted})
    dataset = ds.dataset(str(base), format="parquet", partitioning="hive")
    present = [c for c in wanted if c in dataset.schema.names]
    frame = dataset.to_table(columns=present).to_pandas()
    for c in wanted:
        if c not in frame.columns:
            frame[c] = _empty_column(c)
    if "dt" in frame.columns:
        frame["dt"] = frame["dt"].astype(str)
        frame = frame.sort_values("dt", kind="stable")
    return frame[wanted].reset_index(drop=True)


def manifests(results: Path | None = None) -> list[dict]:
    """Every run manifest in the results directory, oldest first."""
    runs = (results or results_dir()) / "_runs"
    found = [json.loads(p.read_text()) for p in sorted(runs.glob("*.json"))] if runs.is_dir() else []
    return sorted(found, key=lambda m: m.get("started_at", ""))


def topic_stance(run: dict) -> str:
    """Which posts a run read toward their topics (`--topic-stance`); runs made before the manifest recorded it read
    only posts naming two or more topics: `topics`."""
    return run.get("config", {}).get("topic_stance", "topics")


def run_settings(run: dict) -> str:
    """What of a run's configuration decides what its figures mean: the analysis pipeline (CoreNLP's settings and
    the label model, the posts' `pipeline` column) and its topic_stance."""
    return f"pipeline {run.get('versions', {}).get('pipeline', '?')}, topic_stance {topic_stance(run)}"


def settings_periods(topic_daily: pd.DataFrame, runs: list[dict]) -> pd.DataFrame:
    """The days of topic_daily grouped by the settings of the run that wrote them (run_settings), oldest first:
    settings, first_day, last_day, days. More than one row means a change across those days may come from the
    settings rather than from what developers wrote: re-run the older days with the newer settings (docs/NIGHTLY.md,
    "When the settings change") before comparing them."""
    columns = ["settings", "first_day", "last_day", "days"]
    if topic_daily.empty:
        return pd.DataFrame(columns=columns)
    by_run = {r.get("run_id"): run_settings(r) for r in runs}
    days = topic_daily[["dt", "run_id"]].drop_duplicates()
    days = days.assign(settings=days["run_id"].map(lambda r: by_run.get(r, f"unknown (no manifest for run {r})")))
    out = (days.groupby("settings").agg(first_day=("dt", "min"), last_day=("dt", "max"), days=("dt", "nunique"))
           .reset_index().sort_values("first_day"))
    return out[columns].reset_index(drop=True)


def net(positive, negative):
    """(P - N) / (P + N), NaN where both are 0: the same definition as topic_daily.net_sentiment."""
    positive = pd.to_numeric(positive)
    negative = pd.to_numeric(negative)
    total = (positive + negative).where(lambda t: t > 0)
    return (positive - negative) / total


Z95 = 1.959963984540054


def wilson(k, n, z: float = Z95):
    """95 % Wilson interval (low, high) of k / n, element-wise; NaN where n is 0 (the job's stats.Wilson)."""
    k = pd.to_numeric(pd.Series(k), errors="coerce").astype(float).reset_index(drop=True)
    n = pd.to_numeric(pd.Series(n), errors="coerce").astype(float).reset_index(drop=True)
    n_ok = n.where(n > 0)
    p = k / n_ok
    denominator = 1 + z * z / n_ok
    centre = (p + z * z / (2 * n_ok)) / denominator
    half = z * ((p * (1 - p) / n_ok + z * z / (4 * n_ok * n_ok)) ** 0.5) / denominator
    low = (centre - half).clip(lower=0).where(k > 0, 0.0).where(n_ok.notna())
    high = (centre + half).clip(upper=1).where(k < n, 1.0).where(n_ok.notna())
    return low, high


def net_interval(positive, negative):
    """95 % interval of (P - N) / (P + N): 2p - 1 over the Wilson interval of p = P / (P + N)."""
    positive = pd.to_numeric(pd.Series(positive)).reset_index(drop=True)
    negative = pd.to_numeric(pd.Series(negative)).reset_index(drop=True)
    low, high = wilson(positive, positive + negative)
    return 2 * low - 1, 2 * high - 1


def two_proportion_p(k1, n1, k2, n2) -> float:
    """Two-sided p-value of the pooled two-proportion z-test of k1/n1 against k2/n2; NaN without data."""
    import math
    if not n1 or not n2 or pd.isna(n1) or pd.isna(n2):
        return float("nan")
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    z = (k1 / n1 - k2 / n2) / se
    return math.erfc(abs(z) / math.sqrt(2))


def comparisons(posts: pd.DataFrame, limit: int = 10) -> pd.DataFrame:
    """Posts that name several topics and take a different side on each (posts.topic_sentiment read as stance:
    "CUDA just works, ROCm has been hell" is positive for CUDA, negative for ROCm), newest first, with each topic's
    label ("CUDA positive, ROCm negative") and the post's own label."""
    columns = ["dt", "source", "topics", "post_label", "excerpt", "url"]
    if posts.empty or "topic_sentiment" not in posts:
        return pd.DataFrame(columns=columns)
    rows = []
    for _, p in posts.iterrows():
        ts = p["topic_sentiment"]
        if ts is None or len(ts) < 2:
            continue
        labels = {t["topic"]: t["label"] for t in ts if t["source"] == "stance"}
        if len(set(labels.values())) < 2:
            continue
        text = p.get("text_clean") or ""
        rows.append({"dt": p["dt"], "source": p["source"], "created_at": p.get("created_at"),
                     "topics": ", ".join(f"{t} {l}" for t, l in labels.items()),
                     "post_label": p["sentiment_label"], "excerpt": text[:160] + ("..." if len(text) > 160 else ""),
                     "url": p.get("url")})
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows).sort_values("created_at", ascending=False).head(limit)[columns]


def thread_titles(threads: pd.DataFrame, posts: pd.DataFrame, width: int = 70) -> pd.Series:
    """A title to show for each row of `threads` (columns thread_id, title): the thread's title where it has one; for
    a thread without (chat channels, X, Mastodon: their posts have no title) the opening words of its earliest post in
    `posts` (columns thread_id, created_at, text_clean), in quotes; the thread's id only where neither is known."""
    titles = threads["title"].where(threads["title"].fillna("").str.strip() != "")
    if not posts.empty:
        written = posts[posts["text_clean"].fillna("").str.strip() != ""]
        first = written.sort_values("created_at").groupby("thread_id")["text_clean"].first()
        opening = first.map(lambda t: "\u201c" + textwrap.shorten(t, width, placeholder="\u2026") + "\u201d")
        titles = titles.fillna(threads["thread_id"].map(opening))
    return titles.fillna(threads["thread_id"])


def daily_by_topic(topic_daily: pd.DataFrame, low_volume: int = 20) -> pd.DataFrame:
    """topic_daily summed over sources: one row per day x topic, shares and net sentiment recomputed, with
    95 % intervals (net_sentiment_low/high, negative_share_low/high) and a low_volume flag (fewer posts)."""
    counts = ["posts", "positive", "neutral", "negative", "mention_sentences", "mention_positive",
              "mention_negative"]
    if topic_daily.empty:
        return pd.DataFrame(columns=["dt", "topic", *counts, "net_sentiment", "net_sentiment_low",
                                     "net_sentiment_high", "negative_share", "negative_share_low",
                                     "negative_share_high", "share_of_voice", "mention_net_sentiment", "low_volume"])
    day = topic_daily.groupby(["dt", "topic"], as_index=False)[counts].sum()
    day["net_sentiment"] = net(day["positive"], day["negative"])
    day["net_sentiment_low"], day["net_sentiment_high"] = net_interval(day["positive"], day["negative"])
    day["negative_share"] = day["negative"] / day["posts"]
    day["negative_share_low"], day["negative_share_high"] = wilson(day["negative"], day["posts"])
    day["low_volume"] = day["posts"] < low_volume
    day["share_of_voice"] = day["posts"] / day.groupby("dt")["posts"].transform("sum")
    day["mention_net_sentiment"] = net(day["mention_positive"], day["mention_negative"])
    return day


def movers(topic_daily: pd.DataFrame, days: int = 7) -> pd.DataFrame:
    """Each topic's last `days` days against the `days` before them (by the newest dt present): volume, net
    sentiment and their change, and whether the change is real: the two-sided p-value of a two-proportion test
    of P / (P + N) between the windows (net sentiment is 2 P / (P + N) - 1), `significant` below 0.05. Biggest
    absolute change in net sentiment first; `significant_movers` keeps only the significant ones."""
    columns = ["topic", "posts", "posts_before", "posts_change", "net_sentiment", "net_sentiment_before",
               "net_sentiment_change", "p_value", "significant"]
    if topic_daily.empty:
        return pd.DataFrame(columns=columns)
    dates = pd.to_datetime(topic_daily["dt"])
    end = dates.max()
    recent = topic_daily[dates > end - pd.Timedelta(days=days)]
    before = topic_daily[(dates <= end - pd.Timedelta(days=days)) & (dates > end - pd.Timedelta(days=2 * days))]

    def window(frame):
        w = frame.groupby("topic")[["posts", "positive", "negative"]].sum()
        w["net_sentiment"] = net(w["positive"], w["negative"])
        return w

    now, then = window(recent), window(before)
    out = now[["posts", "positive", "negative", "net_sentiment"]].join(
        then[["posts", "positive", "negative", "net_sentiment"]].rename(columns=lambda c: c + "_before"), how="left")
    out["p_value"] = [two_proportion_p(r.positive, r.positive + r.negative, r.positive_before,
                                       r.positive_before + r.negative_before) for r in out.itertuples()]
    out["significant"] = out["p_value"] < 0.05
    out["posts_before"] = out["posts_before"].fillna(0).astype(int)
    out["posts_change"] = out["posts"] - out["posts_before"]
    out["net_sentiment_change"] = out["net_sentiment"] - out["net_sentiment_before"]
    out = out.reset_index()[columns]
    return out.reindex(out["net_sentiment_change"].abs().sort_values(ascending=False, na_position="last").index)


def significant_movers(topic_daily: pd.DataFrame, days: int = 7) -> pd.DataFrame:
    """The movers whose change in net sentiment is significant at 5 %, with the p-value."""
    m = movers(topic_daily, days)
    return m[m["significant"].fillna(False).astype(bool)]


def date_axis(ax) -> None:
    """Ticks on whole days labelled by date (never hours), at most about eight; call after plotting."""
    import matplotlib.dates as mdates
    low, high = ax.get_xlim()
    days = max(1, int(high - low))
    ax.xaxis.set_major_locator(mdates.DayLocator(interval=max(1, days // 8)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")


def plot_net_sentiment(ax, by_topic: pd.DataFrame) -> None:
    """Net sentiment per topic and day with its 95 % interval as a band; low-volume days drawn hollow and grey."""
    for topic, rows in by_topic.groupby("topic"):
        rows = rows.sort_values("dt")
        x = pd.to_datetime(rows["dt"])
        line, = ax.plot(x, rows["net_sentiment"], marker="o", label=topic)
        ax.fill_between(x, rows["net_sentiment_low"].astype(float), rows["net_sentiment_high"].astype(float),
                        color=line.get_color(), alpha=0.15, linewidth=0)
        low = rows[rows["low_volume"].astype(bool)]
        ax.scatter(pd.to_datetime(low["dt"]), low["net_sentiment"], s=60, facecolors="white", edgecolors="grey",
                   zorder=3, label=None)
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel("net sentiment (P-N)/(P+N)")
    ax.set_title("Net sentiment per topic, 95 % interval bands (hollow grey: low volume)")
    ax.legend(loc="best")
    date_axis(ax)


def save(fig, name: str, results: Path | None = None) -> Path:
    """Saves a matplotlib figure as <figures>/<name>.png and returns the path."""
    path = figures_dir(results) / f"{name}.png"
    fig.savefig(path, dpi=110, bbox_inches="tight")
    return path


def no_data(ax, what: str) -> None:
    """Marks an empty chart, so a day without posts still leaves a (labelled) picture."""
    ax.text(0.5, 0.5, f"no data: {what}", ha="center", va="center", transform=ax.transAxes, color="grey")
    ax.set_xticks([])
    ax.set_yticks([])
