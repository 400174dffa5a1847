"""Simple, believable pictures for demo evidence: a scene of coloured shapes with a caption, as JPEG.

Each scene is drawn from a seeded random generator, so the same seed gives the same pictures.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 800, 600
HORIZON = 380
CAPTION_HEIGHT = 64

Colour = tuple[int, int, int]
Draw = ImageDraw.ImageDraw

SKIES: tuple[Colour, ...] = ((135, 190, 235), (170, 205, 230), (200, 215, 225), (250, 200, 150))
WALLS: tuple[Colour, ...] = ((200, 90, 70), (230, 200, 150), (150, 160, 170), (180, 120, 80), (240, 240, 230))
CLOTHES: tuple[Colour, ...] = ((40, 90, 180), (210, 60, 60), (60, 150, 90), (240, 170, 40), (120, 70, 160))
SKIN: tuple[Colour, ...] = ((250, 220, 190), (225, 180, 140), (190, 140, 100), (140, 95, 65), (95, 65, 45))


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except (OSError, TypeError):  # Pillow without FreeType only has the small bitmap font
        return ImageFont.load_default()


def _person(draw: Draw, rng: random.Random, x: int, ground: int, scale: float = 1.0) -> None:
    body = rng.choice(CLOTHES)
    head = int(22 * scale)
    torso = int(90 * scale)
    legs = int(80 * scale)
    top = ground - legs - torso - 2 * head
    draw.ellipse((x - head, top, x + head, top + 2 * head), fill=rng.choice(SKIN))
    draw.rounded_rectangle(
        (x - int(30 * scale), top + 2 * head, x + int(30 * scale), top + 2 * head + torso), 12, fill=body
    )
    arm = int(12 * scale)
    for side in (-1, 1):  # arms hang beside the body
        outer = x + side * int(30 * scale)
        left, right = sorted((outer, outer + side * arm))
        draw.rounded_rectangle(
            (left, top + 2 * head + 4, right, top + 2 * head + int(torso * 0.85)), 6, fill=body
        )
    draw.rectangle((x - int(24 * scale), ground - legs, x - 4, ground), fill=(50, 50, 70))
    draw.rectangle((x + 4, ground - legs, x + int(24 * scale), ground), fill=(50, 50, 70))


def _sun(draw: Draw, rng: random.Random) -> None:
    x, y = rng.randint(560, 720), rng.randint(50, 120)
    draw.ellipse((x - 40, y - 40, x + 40, y + 40), fill=(255, 215, 80))


def _tree(draw: Draw, rng: random.Random, x: int) -> None:
    draw.rectangle((x - 10, HORIZON - 90, x + 10, HORIZON + 10), fill=(110, 75, 45))
    green = (rng.randint(40, 90), rng.randint(120, 170), rng.randint(40, 80))
    draw.ellipse((x - 60, HORIZON - 190, x + 60, HORIZON - 70), fill=green)


def _building(draw: Draw, rng: random.Random, sign: str) -> None:
    left, right = rng.randint(60, 180), rng.randint(520, 640)
    top = rng.randint(120, 190)
    draw.rectangle((left, top, right, HORIZON + 20), fill=rng.choice(WALLS))
    for wx in range(left + 30, right - 60, 90):
        for wy in range(top + 60, HORIZON - 60, 80):
            draw.rectangle((wx, wy, wx + 50, wy + 45), fill=(190, 225, 245), outline=(80, 80, 80), width=3)
    door = (left + right) // 2
    draw.rectangle((door - 35, HORIZON - 80, door + 35, HORIZON + 20), fill=(90, 60, 40))
    draw.rectangle((left + 20, top + 12, right - 20, top + 48), fill=(250, 250, 250))
    draw.text(((left + right) // 2, top + 30), sign[:34], fill=(30, 30, 30), font=_font(24), anchor="mm")


def _outdoor(draw: Draw, rng: random.Random, ground: Colour) -> None:
    draw.rectangle((0, 0, WIDTH, HORIZON), fill=rng.choice(SKIES))
    draw.rectangle((0, HORIZON, WIDTH, HEIGHT), fill=ground)
    _sun(draw, rng)


def _indoor(draw: Draw, rng: random.Random) -> None:
    draw.rectangle((0, 0, WIDTH, HORIZON), fill=rng.choice(WALLS))
    draw.rectangle((0, HORIZON, WIDTH, HEIGHT), fill=(170, 140, 110))


def _scene_building(draw: Draw, rng: random.Random, place: str) -> None:
    _outdoor(draw, rng, (120, 170, 90))
    _tree(draw, rng, 70)
    _building(draw, rng, place)
    _person(draw, rng, rng.randint(640, 740), HORIZON + 150)


def _scene_workshop(draw: Draw, rng: random.Random, place: str) -> None:
    _indoor(draw, rng)
    draw.rectangle((80, 250, 720, 290), fill=(120, 80, 50))  # workbench
    for x in range(120, 680, 110):
        draw.rectangle((x, 120, x + 12, 220), fill=(90, 90, 100))  # tools on the wall
        draw.ellipse((x - 14, 100, x + 26, 140), outline=(90, 90, 100), width=8)
    car = rng.choice(CLOTHES)
    draw.rounded_rectangle((330, 380, 700, 480), 30, fill=car)
    draw.rounded_rectangle((400, 320, 620, 390), 20, fill=car)
    for x in (400, 630):
        draw.ellipse((x - 38, 450, x + 38, 526), fill=(30, 30, 30))
    _person(draw, rng, 200, 520)


def _scene_classroom(draw: Draw, rng: random.Random, place: str) -> None:
    _indoor(draw, rng)
    draw.rectangle((150, 60, 650, 260), fill=(40, 80, 60), outline=(140, 100, 60), width=10)
    for row in range(3):
        draw.line(
            (190, 110 + row * 50, 190 + rng.randint(200, 420), 110 + row * 50), fill=(235, 235, 235), width=6
        )
    for x in (150, 400, 650):
        draw.rectangle((x - 80, 430, x + 80, 450), fill=(200, 160, 100))
        _person(draw, rng, x, 480, 0.7)


def _scene_kitchen(draw: Draw, rng: random.Random, place: str) -> None:
    _indoor(draw, rng)
    draw.rectangle((0, 300, WIDTH, 340), fill=(200, 200, 205))  # counter
    for x in (150, 330, 510):
        draw.ellipse((x, 250, x + 120, 310), fill=(60, 60, 60))  # pans
    for x in range(100, 700, 60):
        draw.ellipse((x, 320, x + 30, 350), fill=rng.choice(((220, 60, 40), (90, 170, 60), (250, 200, 60))))
    _person(draw, rng, 660, 525)


def _scene_shop(draw: Draw, rng: random.Random, place: str) -> None:
    _indoor(draw, rng)
    for shelf in range(3):
        y = 110 + shelf * 90
        draw.rectangle((60, y + 60, 740, y + 70), fill=(120, 90, 60))
        for x in range(70, 730, 34):
            draw.rectangle((x, y + 10, x + 26, y + 60), fill=rng.choice(CLOTHES + WALLS))
    _person(draw, rng, 400, 525)


def _scene_field(draw: Draw, rng: random.Random, place: str) -> None:
    _outdoor(draw, rng, (70, 160, 70))
    draw.rectangle((40, 250, 48, HORIZON + 20), fill=(250, 250, 250))
    draw.rectangle((40, 250, 200, 258), fill=(250, 250, 250))
    draw.rectangle((192, 250, 200, HORIZON + 20), fill=(250, 250, 250))
    draw.ellipse((480, 480, 520, 520), fill=(250, 250, 250), outline=(20, 20, 20), width=3)
    for x in (350, 600):
        _person(draw, rng, x, 525, 0.9)


def _scene_pool(draw: Draw, rng: random.Random, place: str) -> None:
    _indoor(draw, rng)
    draw.rectangle((0, 300, WIDTH, HEIGHT), fill=(60, 150, 210))
    for y in range(330, HEIGHT, 60):
        draw.line((0, y, WIDTH, y), fill=(240, 80, 80), width=4)
    draw.ellipse((380, 360, 430, 410), fill=rng.choice(SKIN))


def _scene_garden(draw: Draw, rng: random.Random, place: str) -> None:
    _outdoor(draw, rng, (110, 170, 80))
    for x in (90, 260, 620):
        _tree(draw, rng, x)
    for x in range(60, 760, 45):
        draw.ellipse(
            (x, 460, x + 24, 484), fill=rng.choice(((230, 80, 120), (250, 210, 60), (160, 100, 220)))
        )
    _person(draw, rng, 440, 525)


def _scene_street(draw: Draw, rng: random.Random, place: str) -> None:
    _outdoor(draw, rng, (150, 150, 150))
    for x in range(0, WIDTH, 160):
        draw.rectangle((x + 10, 170, x + 150, HORIZON), fill=rng.choice(WALLS))
        draw.polygon([(x + 10, 170), (x + 80, 110), (x + 150, 170)], fill=(150, 60, 50))
    _person(draw, rng, 400, 525)


def _scene_warehouse(draw: Draw, rng: random.Random, place: str) -> None:
    _indoor(draw, rng)
    for x in range(60, 740, 140):
        for y in range(180, 420, 80):
            draw.rectangle((x, y, x + 110, y + 70), fill=(200, 160, 100), outline=(120, 90, 50), width=3)
    _person(draw, rng, 400, 525)


def _scene_studio(draw: Draw, rng: random.Random, place: str) -> None:
    _indoor(draw, rng)
    draw.rectangle((180, 120, 620, 380), fill=(30, 30, 40))  # screen
    draw.rectangle((200, 140, 600, 360), fill=rng.choice(SKIES))
    draw.polygon([(220, 340), (330, 220), (440, 340)], fill=(80, 140, 80))
    draw.rectangle((380, 380, 420, 430), fill=(30, 30, 40))
    draw.rectangle((250, 430, 550, 460), fill=(60, 60, 70))


def _scene_stage(draw: Draw, rng: random.Random, place: str) -> None:
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill=(30, 25, 50))
    for x in (150, 400, 650):
        draw.polygon([(x, 0), (x - 120, 420), (x + 120, 420)], fill=(70, 60, 100))
    draw.rectangle((0, 420, WIDTH, HEIGHT), fill=(90, 60, 40))
    for x in (250, 550):
        _person(draw, rng, x, 525, 0.9)


def _scene_construction(draw: Draw, rng: random.Random, place: str) -> None:
    _outdoor(draw, rng, (170, 140, 100))
    draw.rectangle((560, 60, 575, HORIZON), fill=(240, 180, 30))  # crane
    draw.rectangle((380, 60, 760, 75), fill=(240, 180, 30))
    draw.line((420, 75, 420, 200), fill=(60, 60, 60), width=3)
    for row in range(4):
        for col in range(6):
            draw.rectangle(
                (120 + col * 50, 300 - row * 40, 166 + col * 50, 336 - row * 40), fill=(170, 70, 50)
            )
    _person(draw, rng, 560, 525)


def _scene_market(draw: Draw, rng: random.Random, place: str) -> None:
    _indoor(draw, rng)
    for x in range(30, 760, 190):
        draw.rectangle((x, 200, x + 170, 360), fill=rng.choice(WALLS), outline=(80, 80, 80), width=3)
        draw.rectangle((x, 170, x + 170, 200), fill=rng.choice(CLOTHES))
    for x in (200, 450, 650):
        _person(draw, rng, x, 525, 0.8)


def _scene_home(draw: Draw, rng: random.Random, place: str) -> None:
    _indoor(draw, rng)
    draw.rectangle((520, 80, 720, 240), fill=(190, 225, 245), outline=(250, 250, 250), width=10)
    draw.rounded_rectangle((60, 330, 400, 430), 20, fill=rng.choice(CLOTHES))  # sofa
    draw.rectangle((470, 400, 700, 420), fill=(140, 100, 60))
    _person(draw, rng, 230, 520, 0.8)


SCENES: dict[str, Callable[[Draw, random.Random, str], None]] = {
    "building": _scene_building,
    "workshop": _scene_workshop,
    "classroom": _scene_classroom,
    "kitchen": _scene_kitchen,
    "shop": _scene_shop,
    "field": _scene_field,
    "pool": _scene_pool,
    "garden": _scene_garden,
    "street": _scene_street,
    "warehouse": _scene_warehouse,
    "studio": _scene_studio,
    "stage": _scene_stage,
    "construction": _scene_construction,
    "market": _scene_market,
    "home": _scene_home,
}


def draw_photo(*, scene: str, caption: str, place: str, rng: random.Random, quality: int = 82) -> bytes:
    """A JPEG picture of the scene with the caption in a bar along the bottom."""
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    SCENES.get(scene, _scene_building)(draw, rng, place)
    draw.rectangle((0, HEIGHT - CAPTION_HEIGHT, WIDTH, HEIGHT), fill=(20, 30, 50))
    draw.text(
        (24, HEIGHT - CAPTION_HEIGHT // 2), caption[:60], fill=(250, 250, 250), font=_font(28), anchor="lm"
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()
