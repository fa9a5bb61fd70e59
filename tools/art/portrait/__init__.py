"""Portraits: 400 x 500, head and shoulders on a transparent background, one per mood."""

from __future__ import annotations

from typing import Final

from art.cast import Person
from art.portrait.body import skin_neck
from art.portrait.extras import draw_glasses, draw_helmet, draw_sunglasses
from art.portrait.face import draw_face
from art.portrait.geometry import PH, PW
from art.portrait.hair import hair_back, hair_front
from art.portrait.hands import draw_gesture
from art.portrait.outfits import outfit
from art.portrait.poses import POSES
from art.svg import Svg

MOODS: Final = ("neutral", "pleased", "delighted", "annoyed", "upset", "thinking")


def portrait_svg(p: Person, mood: str) -> str:
    pose = POSES[mood]
    head = pose.head_transform()
    s = Svg(PW, PH, f"{p.id} ({p.about}), {mood}")
    if head:
        s.begin(transform=head)
    hair_back(s, p)
    if head:
        s.end()
    skin_neck(s, p)
    outfit(s, p)
    if head:
        s.begin(transform=head)
    draw_face(s, p, mood)
    hair_front(s, p)
    if "sunglasses" in p.extras:
        draw_sunglasses(s, p)
    if "glasses" in p.extras:
        draw_glasses(s, p)
    if head:
        s.end()
    if "helmet" in p.extras and pose.gesture != "arms_crossed":
        draw_helmet(s, p)
    draw_gesture(s, p, pose)
    return s.text()
