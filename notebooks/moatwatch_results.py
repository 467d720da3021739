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
        "mention_net_sentiment_low", "mention_net_sentiment_high", "adjusted_positive_share",
        "adjusted_positive_share_low", "adjusted_positive_share_high", "adjusted_neutral_share",
        "adjusted_neutral_share_low", "adjusted_neutral_share_high", "adjusted_negative_share",
        "adjusted_negative_share_low", "adjusted_negative_share_high", "adjusted_net_sentiment", "run_id"],
    "topic_entities": [
        "dt", "topic", "entity", "type", "belongs_to_topic", "mentions", "posts", "sentences", "positive",
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
        "sentiment_probabilities", "corenlp_score", "corenlp_label", "entities",
        "sentences", "text_clean", "run_id"],
}


_TEXT = {"dt", "topic", "source", "entity", "type", "thread_id", "community", "title", "url", "run_id", "post_id",
         "kind", "parent_id", "author", "status", "reason", "sentiment_label", "corenlp_label", "root_label", "example_positive",
         "example_negative", "text_clean"}
_NESTED = {"topics", "topics_direct", "entities", "sentences"}
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


def net(positive, negative):
    """(P - N) / (P + N), NaN where both are 0: the same definition as topic_daily.net_sentiment."""
    positive = pd.to_numeric(positive)
    negative = pd.to_numeric(negative)
    total = (positive + negative).where(lambda t: t > 0)
    return (positive - negative) / total


def daily_by_topic(topic_daily: pd.DataFrame) -> pd.DataFrame:
    """topic_daily summed over sources: one row per day x topic, shares and net sentiment recomputed."""
    counts = ["posts", "positive", "neutral", "negative", "mention_sentences", "mention_positive",
              "mention_negative"]
    if topic_daily.empty:
        return pd.DataFrame(columns=["dt", "topic", *counts, "net_sentiment", "negative_share",
                                     "share_of_voice", "mention_net_sentiment"])
    day = topic_daily.groupby(["dt", "topic"], as_index=False)[counts].sum()
    day["net_sentiment"] = net(day["positive"], day["negative"])
    day["negative_share"] = day["negative"] / day["posts"]
    day["share_of_voice"] = day["posts"] / day.groupby("dt")["posts"].transform("sum")
    day["mention_net_sentiment"] = net(day["mention_positive"], day["mention_negative"])
    return day


def movers(topic_daily: pd.DataFrame, days: int = 7) -> pd.DataFrame:
    """Each topic's last `days` days against the `days` before them (by the newest dt present):
    volume, net sentiment and their change, biggest absolute change in net sentiment first."""
    columns = ["topic", "posts", "posts_before", "posts_change", "net_sentiment", "net_sentiment_before",
               "net_sentiment_change"]
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
    out = now[["posts", "net_sentiment"]].join(
        then[["posts", "net_sentiment"]].rename(columns=lambda c: c + "_before"), how="left")
    out["posts_before"] = out["posts_before"].fillna(0).astype(int)
    out["posts_change"] = out["posts"] - out["posts_before"]
    out["net_sentiment_change"] = out["net_sentiment"] - out["net_sentiment_before"]
    out = out.reset_index()[columns]
    return out.reindex(out["net_sentiment_change"].abs().sort_values(ascending=False, na_position="last").index)


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
