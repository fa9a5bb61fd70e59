"""Tools for scenario writers: starter files, graphs, the team report, Twine import, reload on save.

Imports the core, the loader and the store; never the window (game/ui) or the
command line (game/cli), so the window's trainer mode can use it too.
"""
