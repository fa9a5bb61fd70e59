"""The palette: every colour in every picture comes from this table.

Shading is done with ``ink`` or ``white`` at low opacity, never with new colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

PALETTE: Final[Mapping[str, str]] = {
    # neutrals
    "white": "#FFFBF5",
    "cream": "#FBF3E6",
    "linen": "#F3E4CF",
    "sand": "#E8D1B3",
    "oat": "#D5BA98",
    "stone": "#9A8F86",
    "charcoal": "#4A4448",
    "ink": "#2B2630",
    # warm accents
    "peach": "#F0B48A",
    "apricot": "#E8955F",
    "terracotta": "#CF6F4A",
    "rust": "#A9502F",
    "brick": "#7E3B2A",
    "mustard": "#E2AE4A",
    "honey": "#C98E34",
    "rose": "#D98A8A",
    "plum": "#7A4E6E",
    # cool accents
    "sage": "#A3B594",
    "olive": "#6F8156",
    "sky": "#A9CBD3",
    "teal": "#4C8C8A",
    "deepteal": "#2D5E63",
    "denim": "#4F6D8F",
    "navy": "#2E3B55",
    # features
    "mouth": "#5A2B2E",
    "cocoa": "#5B3A33",
    # skin tones
    "skin1": "#F6D8C4",
    "skin2": "#EFC4A4",
    "skin3": "#E0A982",
    "skin4": "#C68760",
    "skin5": "#9C6444",
    "skin6": "#6E4330",
    # hair
    "hair_black": "#231C1E",
    "hair_dark": "#45291F",
    "hair_brown": "#6E4428",
    "hair_auburn": "#8F3F26",
    "hair_sandy": "#B08150",
    "hair_blonde": "#D8AC66",
    "hair_grey": "#A8A19A",
    "hair_white": "#E4DED6",
}
C: Final = PALETTE  # the short name the drawing code uses
