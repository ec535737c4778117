"""OCR: the text of a page image, line by line, each line with its box in pixels and how sure
the engine is of it. The engine is chosen here and nowhere else.

    page = read_image(pil_image)        # an OcrPage: lines, ink, confidence
    for row in page.rows():             # visual rows, top to bottom, pieces left to right
        ...
    why = page.unreadable()             # None, or why the page cannot be trusted (Chinese)

Two engines are wired in (bench/screening.py measures both on generated scans):
- "rapidocr": rapidocr-onnxruntime (PP-OCRv4 detection and recognition models, shipped inside
  the wheel; ONNX Runtime). The default: it reads the stamped tables and typed lists of the
  bench far better than Tesseract.
- "tesseract": Debian's tesseract-ocr with tesseract-ocr-chi-sim, run as a subprocess (TSV).

No model is downloaded: both engines use files installed by their packages. One page is read
at a time per process (a lock), with `threads` ONNX Runtime / OpenMP threads, so OCR never
takes more cores than it is given.
"""

from __future__ import annotations

import math
import os
import re
import statistics
import subprocess
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

#: Resolution scanned PDF pages are rendered at for OCR (and for their masked copies).
RENDER_DPI = 200
#: An image larger than this (pixels, one page) is not decoded: unscreenable.
MAX_PIXELS = 40_000_000
#: Pages (PDF pages without text, frames of a TIFF) OCR reads in one file; beyond: unscreenable.
MAX_PAGES = 60
#: An image is shrunk to this longest side before OCR (about A4 at 300 dpi); boxes are given
#: back in the image's own pixels.
MAX_SIDE = 3600
#: Below this mean confidence (weighted by characters) a page is not trusted.
MIN_CONFIDENCE = 0.80
#: Share of dark pixels above which a page has ink (a blank or nearly blank page has less).
MIN_INK = 0.002

DEFAULT_ENGINE = os.environ.get("XXGK_OCR_ENGINE", "rapidocr")
DEFAULT_THREADS = int(os.environ.get("XXGK_OCR_THREADS", "1") or 1)

_LOCK = threading.Lock()


class OcrUnavailable(Exception):
    """The OCR engine cannot run here (not installed, or it failed); the message is Chinese."""


@dataclass(frozen=True, slots=True)
class OcrLine:
    """A piece of text the engine read: `quad` is its four corners in pixels (top left, top
    right, bottom right, bottom left; turned with the text), `confidence` 0–1."""

    text: str
    quad: tuple[tuple[float, float], ...]
    confidence: float

    @property
    def height(self) -> float:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self.quad
        return max((math.dist((x0, y0), (x3, y3)) + math.dist((x1, y1), (x2, y2))) / 2, 1.0)

    @property
    def angle(self) -> float:
        (x0, y0), (x1, y1) = self.quad[0], self.quad[1]
        return math.atan2(y1 - y0, x1 - x0)

    def box(
        self, start: int = 0, end: int | None = None, pad_x: float = 0.0, pad_y: float = 0.0
    ) -> tuple[float, float, float, float]:
        """The upright box (x0, y0, x1, y1) of characters `start:end` of the text: their share
        of the line by width (a Chinese character counts as wide as two Latin ones), widened
        by `pad_x` and `pad_y` times the line height."""
        end = len(self.text) if end is None else end
        widths = [_width(c) for c in self.text]
        total = sum(widths) or 1.0
        t0 = sum(widths[:start]) / total
        t1 = sum(widths[:end]) / total
        tl, tr, br, bl = self.quad
        pts = [_lerp(tl, tr, t0), _lerp(tl, tr, t1), _lerp(bl, br, t1), _lerp(bl, br, t0)]
        px, py = pad_x * self.height, pad_y * self.height
        return (
            min(x for x, _ in pts) - px,
            min(y for _, y in pts) - py,
            max(x for x, _ in pts) + px,
            max(y for _, y in pts) + py,
        )


def _width(ch: str) -> float:
    if ch.isspace():
        return 0.35
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


def _lerp(a, b, t):
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


@dataclass
class OcrPage:
    """What OCR read on one page image (`width` x `height` pixels)."""

    width: int
    height: int
    lines: list[OcrLine] = field(default_factory=list)
    ink: float = 0.0  # share of the page's pixels that are dark
    engine: str = ""

    @property
    def confidence(self) -> float:
        """Mean confidence of the lines, weighted by their number of characters (1.0 if none)."""
        n = sum(len(ln.text) for ln in self.lines)
        if not n:
            return 1.0
        return sum(ln.confidence * len(ln.text) for ln in self.lines) / n

    @property
    def has_ink(self) -> bool:
        return self.ink >= MIN_INK

    def unreadable(self) -> str | None:
        """Why the page's text cannot be trusted, or None. A blank page is readable (nothing on it)."""
        if not self.has_ink:
            return None
        if not any(ln.text.strip() for ln in self.lines):
            return "有内容，但未识别出文字"
        if self.confidence < MIN_CONFIDENCE:
            return f"文字识别的置信度低（{self.confidence:.2f}，低于 {MIN_CONFIDENCE:.2f}）"
        return None

    def rows(self) -> list[list[OcrLine]]:
        """The lines grouped into visual rows, top to bottom, each left to right. The page's
        slant (the median angle of its long lines) is taken out first, so that a row of a
        slightly turned scan stays one row."""
        lines = [ln for ln in self.lines if ln.text.strip()]
        if not lines:
            return []
        long = [ln.angle for ln in lines if _length(ln) > 3 * ln.height]
        theta = statistics.median(long) if long else 0.0
        c, s = math.cos(theta), math.sin(theta)
        placed = []
        for ln in lines:
            cx = sum(x for x, _ in ln.quad) / 4
            cy = sum(y for _, y in ln.quad) / 4
            placed.append((-s * cx + c * cy, c * cx + s * cy, ln))
        placed.sort(key=lambda p: p[0])
        rows: list[list] = []
        for y, x, ln in placed:
            if rows:
                ref_y = statistics.fmean(p[0] for p in rows[-1])
                ref_h = min(p[2].height for p in rows[-1])
                if abs(y - ref_y) < 0.5 * min(ln.height, ref_h):
                    rows[-1].append((y, x, ln))
                    continue
            rows.append([(y, x, ln)])
        return [[p[2] for p in sorted(row, key=lambda p: p[1])] for row in rows]


def _length(ln: OcrLine) -> float:
    return math.dist(ln.quad[0], ln.quad[1])


def gap(a: OcrLine, b: OcrLine) -> float:
    """The space between two pieces of a row, in line heights."""
    return (min(x for x, _ in b.quad) - max(x for x, _ in a.quad)) / min(a.height, b.height)


def ink_share(gray) -> float:
    """Share of dark pixels on a greyscale image (numpy array), measured on a reduced copy so
    that scanner noise and specks average out."""
    import numpy as np

    h, w = gray.shape
    step = max(1, round(max(h, w) / 1000))
    small = gray[: h - h % step, : w - w % step].reshape(h // step, step, w // step, step).mean(axis=(1, 3))
    background = float(np.percentile(small, 90))
    return float((small < background - 40).mean())


# -- engines ---------------------------------------------------------------------------------
class RapidOcrEngine:
    """rapidocr-onnxruntime: PP-OCRv4 detection + recognition models from inside its wheel."""

    name = "rapidocr"

    def __init__(self, threads: int = DEFAULT_THREADS):
        import logging

        from rapidocr_onnxruntime import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        self._ocr = RapidOCR(
            text_score=0.0,  # keep every line read; the page's confidence decides
            use_cls=False,  # pages are upright: the 180° classifier only costs time
            max_side_len=MAX_SIDE,
            intra_op_num_threads=threads,
            inter_op_num_threads=1,
        )

    def read(self, rgb) -> list[OcrLine]:
        bgr = rgb[:, :, ::-1].copy()
        result, _elapsed = self._ocr(bgr, use_cls=False)
        out = []
        for quad, text, score in result or []:
            out.append(OcrLine(text, tuple((float(x), float(y)) for x, y in quad), float(score)))
        return out


class TesseractEngine:
    """Debian's tesseract-ocr (chi_sim + eng), called per page with TSV output. A Tesseract
    "line" is cut into pieces where the words stand apart (table cells), like the other engine."""

    name = "tesseract"

    def __init__(self, threads: int = DEFAULT_THREADS):
        self.env = {**os.environ, "OMP_THREAD_LIMIT": str(threads)}

    def read(self, rgb) -> list[OcrLine]:
        import io

        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(rgb).convert("L").save(buf, "PNG")
        proc = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "chi_sim+eng", "--psm", "3", "--dpi", str(RENDER_DPI), "tsv"],
            input=buf.getvalue(),
            capture_output=True,
            env=self.env,
            timeout=300,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.decode("utf-8", "replace")[-300:])
        lines: dict[tuple, list] = {}
        for row in proc.stdout.decode("utf-8", "replace").splitlines()[1:]:
            p = row.split("\t")
            if len(p) < 12 or p[0] != "5" or not p[11].strip():
                continue
            left, top, width, height = (int(v) for v in p[6:10])
            lines.setdefault((p[2], p[3], p[4]), []).append(
                (left, top, left + width, top + height, float(p[10]), p[11])
            )
        out = []
        for words in lines.values():
            words.sort()
            piece = [words[0]]
            for w in words[1:]:
                h = max(w[3] - w[1], piece[-1][3] - piece[-1][1], 1)
                if w[0] - piece[-1][2] > 1.0 * h:
                    out.append(_piece(piece))
                    piece = []
                piece.append(w)
            out.append(_piece(piece))
        return out


def _piece(words: list) -> OcrLine:
    text = words[0][5]
    for prev, w in zip(words, words[1:]):
        h = max(w[3] - w[1], 1)
        # Tesseract cuts Chinese into one "word" per character: join those, keep real spaces
        text += (" " if w[0] - prev[2] > 0.45 * h else "") + w[5]
    x0, y0 = min(w[0] for w in words), min(w[1] for w in words)
    x1, y1 = max(w[2] for w in words), max(w[3] for w in words)
    conf = sum(max(w[4], 0) * len(w[5]) for w in words) / max(sum(len(w[5]) for w in words), 1) / 100
    return OcrLine(text, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), conf)


ENGINES = {"rapidocr": RapidOcrEngine, "tesseract": TesseractEngine}


def set_engine(name: str) -> None:
    """Make `name` the engine `read_image` uses (the bench compares them; a deployment sets
    XXGK_OCR_ENGINE instead)."""
    global DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"unknown OCR engine {name!r}; known: {', '.join(ENGINES)}")
    DEFAULT_ENGINE = name


@lru_cache(maxsize=4)
def engine(name: str = DEFAULT_ENGINE, threads: int = DEFAULT_THREADS):
    """The engine called `name`, built once per process (loading the models takes a second)."""
    return ENGINES[name](threads=threads)


def read_image(image, engine_name: str | None = None) -> OcrPage:
    """OCR a PIL image. An image with a longest side over `MAX_SIDE` is read at that size and
    the boxes scaled back, so they are always in the image's own pixels."""
    import numpy as np

    rgb_image = image.convert("RGB")
    scale = 1.0
    if max(rgb_image.size) > MAX_SIDE:
        scale = max(rgb_image.size) / MAX_SIDE
        rgb_image = rgb_image.resize((round(rgb_image.width / scale), round(rgb_image.height / scale)))
    page = OcrPage(image.width, image.height, ink=ink_share(np.asarray(rgb_image.convert("L"), dtype=np.float32)))
    # the engines read the red channel: black and blue ink stay dark, a red seal turns pale, so
    # that the digits it is stamped over are read (red print is not read: see unreadable())
    red = np.asarray(rgb_image.getchannel("R"))
    try:
        eng = engine(engine_name or DEFAULT_ENGINE, DEFAULT_THREADS)
        page.engine = eng.name
        with _LOCK:
            lines = eng.read(np.dstack([red, red, red]))
    except Exception as exc:  # an engine that is missing or breaks: nothing was screened
        raise OcrUnavailable(f"文字识别（OCR）无法运行（{type(exc).__name__}: {exc}），无法自动筛查") from exc
    page.lines = [
        OcrLine(_tidy(ln.text), tuple((x * scale, y * scale) for x, y in ln.quad), ln.confidence) for ln in lines
    ]
    return page


_TLD = re.compile(r"(@[\w.-]+\.)([a-z01]*[01][a-z01]*)\b", re.IGNORECASE)


def _tidy(text: str) -> str:
    """Common misreadings put right, each character for one (the boxes stay true): the
    top-level domain of an e-mail address is letters, so 0 and 1 in it are o and l."""
    if "@" not in text:
        return text
    return _TLD.sub(lambda m: m.group(1) + m.group(2).replace("0", "o").replace("1", "l"), text)
