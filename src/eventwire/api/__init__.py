"""The JSON HTTP API over a store: `create_app(db)`, db a SQLite path or a postgresql:// URL (see
`eventwire.api.app`)."""

from eventwire.api.app import create_app

__all__ = ["create_app"]
