"""The look: colour palettes (warm and high contrast), text styles and spacing, in one place.

Every size here is in logical canvas pixels (the canvas is 1280×720); the
canvas turns them into window pixels. Text styles are further multiplied by the
player's text size. Screens take colours from a Palette, never literals, so
high contrast changes everything at once.
"""

from typing import NamedTuple

Colour = tuple[int, int, int]

CANVAS_W = 1280  # logical pixels
CANVAS_H = 720  # logical pixels
MARGIN = 40  # logical pixels between the canvas edge and content
GAP = 16  # logical pixels between stacked items
PAD = 24  # logical pixels inside a panel
RADIUS = 18  # logical pixels: panel corners
BUTTON_RADIUS = 14  # logical pixels
FOCUS_WIDTH = 3  # logical pixels: the focus ring
FOCUS_GAP = 3  # logical pixels of the panel colour between the ring and what it surrounds


class Palette(NamedTuple):
    """Every colour a screen may use (a NamedTuple: quicker to define at start-up)."""

    backdrop: Colour  # letterbox bars and plain screens
    backdrop_top: Colour  # top of the plain-screen gradient
    panel: Colour  # cards and dialogue boxes
    panel_alt: Colour  # a panel inside a panel, table stripes
    panel_alpha: int  # 0–255: how much of the art shows through panels
    ink: Colour  # main text
    ink_muted: Colour  # secondary text
    ink_on_dark: Colour  # text on the name tag, badges and the scrim
    accent: Colour  # primary buttons, the focus, highlights
    accent_ink: Colour
    button: Colour
    button_hover: Colour
    button_ink: Colour
    button_border: Colour
    disabled: Colour
    disabled_ink: Colour
    focus: Colour
    nametag: Colour
    scrim: Colour  # dims the screen below a menu
    scrim_alpha: int
    shadow_alpha: int
    positive: Colour  # a score that went up
    negative: Colour  # a score that went down
    success: Colour
    partial: Colour
    failure: Colour
    empathy: Colour
    anticipation: Colour
    upsell: Colour
    track: Colour  # the empty part of a bar
    highlight: Colour  # the current player's row
    art_dim: int  # 0–255: darkening over background art (more in high contrast)
    panel_border: Colour | None = None  # an outline for every panel (high contrast)


WARM = Palette(
    backdrop=(34, 30, 38),
    backdrop_top=(246, 225, 205),
    panel=(253, 248, 240),
    panel_alt=(244, 234, 220),
    panel_alpha=250,
    ink=(43, 37, 48),
    ink_muted=(108, 98, 104),
    ink_on_dark=(255, 250, 242),
    accent=(168, 64, 40),
    accent_ink=(255, 250, 242),
    button=(255, 252, 247),
    button_hover=(250, 232, 214),
    button_ink=(43, 37, 48),
    button_border=(226, 208, 188),
    disabled=(236, 228, 219),
    disabled_ink=(100, 92, 96),
    focus=(168, 64, 40),
    nametag=(44, 86, 96),
    scrim=(28, 22, 30),
    scrim_alpha=150,
    shadow_alpha=60,
    positive=(24, 110, 70),
    negative=(176, 44, 32),
    success=(24, 110, 70),
    partial=(146, 92, 0),
    failure=(176, 44, 32),
    empathy=(168, 52, 88),
    anticipation=(30, 100, 120),
    upsell=(150, 82, 0),
    track=(232, 220, 206),
    highlight=(255, 232, 196),
    art_dim=0,
)

HIGH_CONTRAST = Palette(
    backdrop=(0, 0, 0),
    backdrop_top=(250, 250, 250),
    panel=(255, 255, 255),
    panel_alt=(235, 235, 235),
    panel_alpha=255,
    ink=(0, 0, 0),
    ink_muted=(40, 40, 40),
    ink_on_dark=(255, 255, 255),
    accent=(0, 60, 160),
    accent_ink=(255, 255, 255),
    button=(255, 255, 255),
    button_hover=(255, 236, 120),
    button_ink=(0, 0, 0),
    button_border=(0, 0, 0),
    disabled=(210, 210, 210),
    disabled_ink=(70, 70, 70),
    focus=(0, 60, 160),
    nametag=(0, 0, 0),
    scrim=(0, 0, 0),
    scrim_alpha=200,
    shadow_alpha=0,
    positive=(0, 110, 40),
    negative=(180, 0, 0),
    success=(0, 110, 40),
    partial=(140, 80, 0),
    failure=(180, 0, 0),
    empathy=(150, 0, 70),
    anticipation=(0, 80, 120),
    upsell=(130, 80, 0),
    track=(200, 200, 200),
    highlight=(255, 236, 120),
    art_dim=110,
    panel_border=(0, 0, 0),
)


class TextStyle(NamedTuple):
    """A font weight and a size in logical pixels at the standard text size."""

    weight: str  # "regular", "italic", "semibold" or "bold"
    size: float  # logical pixels
    line_spacing: float = 1.25  # line height as a multiple of the size
    growth: float = 1.0  # share of the player's text size increase this style follows


STYLES: dict[str, TextStyle] = {
    "display": TextStyle("bold", 76, 1.1, growth=0.0),
    "title": TextStyle("bold", 40, 1.15, growth=0.35),
    "heading": TextStyle("bold", 30, 1.2, growth=0.6),
    "subheading": TextStyle("semibold", 24, 1.25),
    "body": TextStyle("regular", 24, 1.38),
    "narration": TextStyle("italic", 24, 1.38),
    "choice": TextStyle("regular", 22, 1.3),
    "button": TextStyle("semibold", 22, 1.2),
    "label": TextStyle("semibold", 19, 1.25),
    "small": TextStyle("regular", 19, 1.35),
    "small_italic": TextStyle("italic", 19, 1.35),
    "caption": TextStyle("regular", 16, 1.3),
    "key": TextStyle("bold", 15, 1.0),
}

COMPETENCY_LABELS = {"empathy": "Empathy", "anticipation": "Anticipation", "upsell": "Upsell"}
OUTCOME_LABELS = {"success": "Success", "partial": "Partly there", "failure": "Missed chance"}


def competency_colour(palette: Palette, competency: str) -> Colour:
    return {
        "empathy": palette.empathy,
        "anticipation": palette.anticipation,
        "upsell": palette.upsell,
    }[competency]


def outcome_colour(palette: Palette, outcome: str) -> Colour:
    return {"success": palette.success, "partial": palette.partial}.get(outcome, palette.failure)


def mix(a: Colour, b: Colour, amount: float) -> Colour:
    """`a` moved `amount` (0–1) of the way to `b`."""
    return (
        round(a[0] + (b[0] - a[0]) * amount),
        round(a[1] + (b[1] - a[1]) * amount),
        round(a[2] + (b[2] - a[2]) * amount),
    )


# -- contrast -------------------------------------------------------------------------------------
TEXT_AA = 4.5  # WCAG 2 AA: normal text against its background
LARGE_AA = 3.0  # large text (24 px, or 19 px bold), bars, other cues and focus rings

# Every foreground a screen draws on a background of the palette, with the ratio it must
# reach in both palettes (tests/ui/test_contrast.py computes them). Backgrounds a text
# may sit on: panels, their alternate rows and highlights, buttons, disabled cards.
PANELS = ("panel", "panel_alt", "highlight")
CONTRAST_PAIRS: tuple[tuple[str, str, float], ...] = (
    *((fg, bg, TEXT_AA) for fg in ("ink", "ink_muted") for bg in PANELS),
    # Coloured words on cards: "The coach", "Not played yet", a timer, verdicts, champions,
    # a competency's percent, "Better here", "You chose".
    *(
        (fg, bg, TEXT_AA)
        for fg in (
            "accent",
            "positive",
            "negative",
            "success",
            "partial",
            "failure",
            "empathy",
            "anticipation",
            "upsell",
            "nametag",
        )
        for bg in PANELS
    ),
    # Light text on coloured pills, badges, chips and primary buttons.
    *(
        ("ink_on_dark", bg, TEXT_AA)
        for bg in (
            "nametag",
            "positive",
            "negative",
            "success",
            "partial",
            "failure",
            "ink_muted",
            "empathy",
            "anticipation",
            "upsell",
        )
    ),
    ("accent_ink", "accent", TEXT_AA),
    ("button_ink", "button", TEXT_AA),
    ("button_ink", "button_hover", TEXT_AA),
    ("button_ink", "panel_alt", TEXT_AA),  # quiet buttons
    ("disabled_ink", "disabled", TEXT_AA),  # locked cards and their unlock hint
    # Cues that are not text: the focus ring against the gap and the page, bars on their track.
    ("focus", "panel", LARGE_AA),
    ("focus", "panel_alt", LARGE_AA),
    ("focus", "backdrop_top", LARGE_AA),
    *(
        (bar_colour, "track", LARGE_AA)
        for bar_colour in ("success", "empathy", "anticipation", "upsell", "accent", "negative")
    ),
)


def luminance(colour: Colour) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = colour
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: Colour, b: Colour) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
