"""Live monitoring: follow RSS/Atom feeds and sitemaps, fetch and extract new article pages as they appear, store
and merge them, and alert on the events that match watch rules (`eventwire watch SOURCES.toml`).

One job per module: `config` (SOURCES.toml), `fetch` (polite HTTP), `feeds` (feed documents into entries),
`pages` (article pages into articles), `state` (what survives a restart), `rules` (which events alert),
`alerts` (where alerts go) and `watcher` (the loop)."""

from eventwire.watch.config import ConfigError, WatchConfig, load_config
from eventwire.watch.watcher import RoundSummary, Watcher

__all__ = ["ConfigError", "RoundSummary", "WatchConfig", "Watcher", "load_config"]
