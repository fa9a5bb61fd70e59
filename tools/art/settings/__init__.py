"""Settings: one module per backdrop, each with a ``draw()`` that returns the SVG text."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from art.settings import (
    airport,
    bike_shop,
    candle_shop,
    computer_shop,
    date_night,
    dealership,
    furniture_store,
    garage,
    kitchen_shop,
    meeting,
    title,
)

# file name (assets/settings/<name>.svg) -> drawing function, in contact-sheet order
SETTINGS: Final[Mapping[str, Callable[[], str]]] = {
    "dealership": dealership.draw,
    "airport": airport.draw,
    "candle-shop": candle_shop.draw,
    "date-night": date_night.draw,
    "computer-shop": computer_shop.draw,
    "garage": garage.draw,
    "bike-shop": bike_shop.draw,
    "kitchen-shop": kitchen_shop.draw,
    "furniture-store": furniture_store.draw,
    "title": title.draw,
    "meeting": meeting.draw,
}
