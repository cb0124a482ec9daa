"""The end-to-end tests share the terminal environment fixture of the first of them."""

from .test_tmux import environment  # noqa: F401 - a fixture, offered to every test in this folder
