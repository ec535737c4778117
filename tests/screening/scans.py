"""Scanned pages made on the spot: Chinese notices, typed lists and ruled tables drawn with
Debian's Noto CJK fonts (fonts-noto-cjk) at a chosen resolution, then a red seal over part
of the page, a slight rotation, blur and noise, and JPEG compression, the way a scanner
leaves a signed list. The OCR tests and the screening bench use them.

    sheet = Sheet(dpi=200)
    sheet.title("拟录取名单公示")
    sheet.table([["序号", "姓名", "身份证号"], ["1", "王小明", ID_A]], widths_mm=[12, 24, 60])
    image = sheet.scan(rotate=1.5, noise=8, seal=(130, 120), seed=1)   # a PIL image
    jpeg = to_jpeg(image)
"""

from __future__ import annotations

import io
import math
import random
import re
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
SERIF = FONT_DIR / "NotoSerifCJK-Regular.ttc"
SANS = FONT_DIR / "NotoSansCJK-Regular.ttc"
BOLD = FONT_DIR / "NotoSansCJK-Bold.ttc"
_SC = 2  # the Simplified Chinese face inside each .ttc
SEAL_RED = (214, 38, 38)


@lru_cache(maxsize=64)
def font(path: Path, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), px, index=_SC)


class Sheet:
    """A page being typed: blocks go down the page from the top margin."""

    def __init__(self, dpi: int = 200, *, size_mm=(210, 297), margin_mm: float = 22, face: Path = SERIF):
        self.dpi = dpi
        self.face = face
        self.image = Image.new("L", (self.px(size_mm[0]), self.px(size_mm[1])), 255)
        self.draw = ImageDraw.Draw(self.image)
        self.left = self.px(margin_mm)
        self.right = self.image.width - self.px(margin_mm)
        self.y = self.px(margin_mm)

    def px(self, mm: float) -> int:
        return round(mm / 25.4 * self.dpi)

    def pt(self, points: float) -> int:
        return round(points / 72 * self.dpi)

    @property
    def full(self) -> bool:
        return self.y > self.image.height - self.px(30)

    def space(self, mm: float) -> None:
        self.y += self.px(mm)

    def title(self, text: str, size: float = 18) -> None:
        f = font(BOLD, self.pt(size))
        w = self.draw.textlength(text, font=f)
        self.draw.text(((self.image.width - w) / 2, self.y), text, font=f, fill=0)
        self.y += round(self.pt(size) * 1.9)

    def line(self, text: str, size: float = 12, indent_mm: float = 0) -> None:
        f = font(self.face, self.pt(size))
        self.draw.text((self.left + self.px(indent_mm), self.y), text, font=f, fill=0)
        self.y += round(self.pt(size) * 1.75)

    def paragraph(self, text: str, size: float = 12) -> None:
        """Text wrapped at the margins, the first line indented two characters; a run of
        Latin letters, digits and @._- is not cut (as a word processor keeps words whole)."""
        f = font(self.face, self.pt(size))
        width = self.right - self.left
        lines, current = [], "\u3000\u3000"
        for token in re.findall(r"[A-Za-z0-9@._\-]+|.", text):
            if self.draw.textlength(current + token, font=f) > width:
                lines.append(current)
                current = ""
            current += token
        lines.append(current)
        for ln in lines:
            self.draw.text((self.left, self.y), ln, font=f, fill=0)
            self.y += round(self.pt(size) * 1.75)

    def typed_list(self, rows: list[list[str]], stops_mm: list[float], size: float = 12) -> None:
        """Rows typed with tab stops, no ruling (a list typed in a word processor)."""
        f = font(self.face, self.pt(size))
        for row in rows:
            for text, stop in zip(row, stops_mm):
                self.draw.text((self.left + self.px(stop), self.y), text, font=f, fill=0)
            self.y += round(self.pt(size) * 1.9)

    def table(self, rows: list[list[str]], widths_mm: list[float], size: float = 10.5, header: bool = True) -> None:
        """A ruled table, the first row in bold when `header`."""
        height = round(self.pt(size) * 2.2)
        xs = [self.left]
        for w in widths_mm:
            xs.append(xs[-1] + self.px(w))
        rule = max(1, self.dpi // 100)
        top = self.y
        for r, row in enumerate(rows):
            f = font(BOLD if header and r == 0 else SANS, self.pt(size))
            for text, x in zip(row, xs):
                self.draw.text(
                    (x + self.px(1.5), self.y + (height - self.pt(size)) / 2 - self.pt(size) * 0.12),
                    text,
                    font=f,
                    fill=0,
                )
            self.y += height
        for i in range(len(rows) + 1):
            self.draw.line([(xs[0], top + i * height), (xs[-1], top + i * height)], fill=0, width=rule)
        for x in xs:
            self.draw.line([(x, top), (x, self.y)], fill=0, width=rule)
        self.y += self.px(4)

    def scan(
        self,
        *,
        rotate: float = 0.0,
        noise: float = 0.0,
        seal: tuple[float, float] | None = None,
        seal_text: str = "海南热带海洋学院招生办公室",
        seed: int = 0,
        blur: float = 0.5,
    ) -> Image.Image:
        """The page as a scanner gives it back: an RGB image with a red seal centred at `seal`
        (mm from the top left), turned by `rotate` degrees, softened by a Gaussian blur of
        `blur` pixels at 200 dpi, with Gaussian noise of `noise` grey levels and a few specks."""
        rng = random.Random(seed)
        page = self.image.convert("RGB")
        if seal is not None:
            page = ImageChops.multiply(page, self._seal(seal, seal_text))
        if rotate:
            page = page.rotate(rotate, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
        page = page.filter(ImageFilter.GaussianBlur(blur * self.dpi / 200))
        if noise:
            import numpy as np

            gen = np.random.default_rng(seed)
            arr = np.asarray(page, dtype=np.int16)
            arr = arr + gen.normal(0, noise, arr.shape[:2])[..., None].astype(np.int16)
            specks = gen.random(arr.shape[:2]) < 0.0004
            arr[specks] = rng.randint(40, 120)
            page = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
        return page

    def _seal(self, centre_mm: tuple[float, float], text: str) -> Image.Image:
        """A round official seal (公章) on white: ring, star, the name along the upper arc."""
        layer = Image.new("RGB", self.image.size, (255, 255, 255))
        d = ImageDraw.Draw(layer)
        cx, cy = self.px(centre_mm[0]), self.px(centre_mm[1])
        radius = self.px(21)
        ring = self.px(1.1)
        d.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline=SEAL_RED, width=ring)
        star = self.px(6.5)
        points = []
        for i in range(10):
            r = star if i % 2 == 0 else star * 0.4
            a = -math.pi / 2 + i * math.pi / 5
            points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
        d.polygon(points, fill=SEAL_RED)
        size = self.px(5.2)
        f = font(BOLD, size)
        span = math.radians(240)
        for i, ch in enumerate(text):
            a = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(text)
            glyph = Image.new("L", (size * 2, size * 2), 0)
            ImageDraw.Draw(glyph).text((size / 2, size / 2), ch, font=f, fill=255)
            glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.Resampling.BICUBIC)
            r = radius - ring - size * 0.75
            x, y = cx + r * math.cos(a) - size, cy + r * math.sin(a) - size
            layer.paste(SEAL_RED, (round(x), round(y)), glyph)
        return Image.blend(layer, Image.new("RGB", layer.size, (255, 255, 255)), 0.12)


def to_jpeg(image: Image.Image, quality: int = 80) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def to_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def scanned_pdf(images: list[Image.Image | None], text_pages: dict[int, list[str]] | None = None) -> bytes:
    """A PDF of A4 pages: each image placed as a full-page JPEG (a scan); where the image is
    None, the lines of `text_pages[index]` typed as a text layer (a page from a word processor)."""
    import pymupdf

    doc = pymupdf.open()
    for i, image in enumerate(images):
        page = doc.new_page(width=595.28, height=841.89)
        if image is None:
            y = 72
            for text in (text_pages or {}).get(i, []):
                page.insert_text((60, y), text, fontname="china-s", fontsize=11)
                y += 20
            continue
        page.insert_image(page.rect, stream=to_jpeg(image))
    data = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


# -- the pages the tests read ----------------------------------------------------------------
def _ids_and_mobiles(n: int) -> list[tuple[str, str, str]]:
    from .documents import make_id

    names = ["王小明", "李静怡", "陈建国", "刘晓燕", "黄志强", "欧阳娜娜"]
    return [
        (names[i % len(names)], make_id("460101", f"2002{i + 1:02d}1{i}", f"{120 + 7 * i}"), f"139089{81000 + 37 * i}")
        for i in range(n)
    ]


def typed_list_page(dpi: int = 200, rows: int = 5, *, rotate: float = 1.5, seed: int = 1):
    """A half page: a typed list of names, ID numbers and mobiles, a red seal over its right
    end, turned and noisy. Returns (image, [(name, id, mobile)])."""
    people = _ids_and_mobiles(rows)
    sheet = Sheet(dpi=dpi, size_mm=(210, 40 + 11 * rows))
    sheet.title("2023年专升本拟录取名单公示", size=16)
    sheet.typed_list(
        [["序号", "姓名", "身份证号", "手机号码"]] + [[str(i + 1), *p] for i, p in enumerate(people)], [0, 14, 42, 110]
    )
    return sheet.scan(rotate=rotate, noise=8, seal=(150, 32), seed=seed), people


def table_page(dpi: int = 200, *, rotate: float = -1.2, seed: int = 2):
    """A ruled table of names, ID numbers, bank cards and mobiles with a seal over part of it.
    Returns (image, ids, cards, mobiles)."""
    from .documents import luhn_complete

    people = _ids_and_mobiles(4)
    cards = [luhn_complete(f"62220212345678{9000 + 11 * i}") for i in range(len(people))]
    sheet = Sheet(dpi=dpi, size_mm=(210, 95))
    sheet.title("国家助学金发放名单", size=16)
    rows = [["序号", "姓名", "身份证号码", "银行卡号", "联系电话"]]
    rows += [[str(i + 1), p[0], p[1], c, p[2]] for i, (p, c) in enumerate(zip(people, cards))]
    sheet.table(rows, [12, 24, 46, 52, 34])
    image = sheet.scan(rotate=rotate, noise=8, seal=(125, 60), seed=seed)
    return image, [p[1] for p in people], cards, [p[2] for p in people]
