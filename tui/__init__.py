"""claimdesk's user-facing side: the click CLI (``tui.cli``) and the Textual review app.

Importing this package (and ``tui.cli``) does not import Textual or jieba; each command imports
what it needs when it runs, so ``claimdesk --help`` and ``export`` start fast.
"""
