"""claimdesk's storage layer: SQLite schema, migrations, connections, queries, import and export.

This package never imports Textual or jieba (a test enforces it), so scripts and the CLI's
non-interactive commands stay light.
"""

__version__ = "0.1.0"

from db.connection import connect, open_db
from db.errors import ClaimdeskError, InputError

__all__ = ["ClaimdeskError", "InputError", "__version__", "connect", "open_db"]
