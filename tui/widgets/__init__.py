"""Widgets of the review app: the document, the claim card, the claim list, header and progress."""
