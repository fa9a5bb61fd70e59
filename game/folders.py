"""Where Rapport keeps its files: the config and data folders and the names used inside them.

The one module that knows folders: settings, autosaves and the results store
(its default SQLite file and outbox) all ask here, so the window and the
command line always share them. `RAPPORT_HOME`, when set, holds both folders
(tests and portable installs use it). Nothing here creates a folder. No pygame.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "RAPPORT_HOME"  # environment variable: one folder for config and data
APP_NAME = "rapport"
SETTINGS_FILE = "settings.json"  # in the config folder
SAVES_FOLDER = "saves"  # in the data folder: one autosave per scenario
DATABASE_FILE = "results.db"  # in the data folder: the local results database
OUTBOX_FOLDER = "outbox"  # in the data folder: results waiting for their database
CACHE_ENV = "RAPPORT_CACHE"  # environment variable: the reload cache's folder, or `off`


def config_folder() -> Path:
    """Where settings live: `$RAPPORT_HOME/config`, else the platform's config folder."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "config"
    import platformdirs  # only when needed: it costs a little at start-up

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_folder() -> Path:
    """Where autosaves, the local results database and the outbox live."""
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_folder() / SETTINGS_FILE


def saves_folder() -> Path:
    return data_folder() / SAVES_FOLDER


def outbox_folder() -> Path:
    return data_folder() / OUTBOX_FOLDER


def scenario_cache_folder() -> Path | None:
    """Where the reload cache keeps loaded scenarios: `$RAPPORT_CACHE`,
    `$RAPPORT_HOME/cache/scenarios`, else the platform's cache folder; None when
    RAPPORT_CACHE is `off`."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return None if chosen.strip().lower() == "off" else Path(chosen)
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "cache" / "scenarios"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "scenarios"
