"""Screens of the review app: the review screen and its modal forms and panels."""
