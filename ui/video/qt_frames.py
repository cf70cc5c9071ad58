"""Decoded Qt video frames, turned into small RGB pictures only when asked.

A frame is converted straight from its YUV planes with numpy (block means, so no full-size RGB
picture is ever made); any other layout goes through Qt's own conversion. Mapping a decoded
frame's memory is safe on any thread, so a job thread converts the frames it takes.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame

from engine.video.probe import VideoError
from engine.words import QT_TRANSLATE_NOOP


class QtFrame:
    """A decoded QVideoFrame, converted to RGB only when asked."""

    def __init__(self, frame: QVideoFrame) -> None:
        self.frame = frame
        start = frame.startTime()
        self.time_s = start / 1e6 if start >= 0 else None

    def rgb(self, width: int, height: int) -> npt.NDArray[np.uint8]:
        small = _small_yuv(self.frame, height, width)
        if small is None:
            return _rgb_from_image(self.frame.toImage(), width, height)
        return _yuv_to_rgb(*small)


Planes = tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]


def _small_yuv(frame: QVideoFrame, rows: int, columns: int) -> Planes | None:
    """The Y, U and V planes of a planar or NV12 frame, each shrunk to rows x columns while
    the frame is mapped (nothing full-size is copied); None for other layouts."""
    kind = frame.pixelFormat().name
    if kind not in ("Format_YUV420P", "Format_YUV422P", "Format_NV12"):
        return None
    if not frame.map(QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        width, height = frame.width(), frame.height()
        chroma_h = height if kind == "Format_YUV422P" else (height + 1) // 2
        chroma_w = (width + 1) // 2
        luma = _shrink(_plane(frame, 0, height, width), rows, columns)
        if kind == "Format_NV12":
            both = _plane(frame, 1, chroma_h, 2 * chroma_w)
            blue, red = both[:, 0::2], both[:, 1::2]
        else:
            blue, red = _plane(frame, 1, chroma_h, chroma_w), _plane(frame, 2, chroma_h, chroma_w)
        return luma, _shrink(blue, rows, columns), _shrink(red, rows, columns)
    finally:
        frame.unmap()


def _plane(frame: QVideoFrame, index: int, rows: int, columns: int) -> npt.NDArray[np.uint8]:
    stride = frame.bytesPerLine(index)
    data = np.frombuffer(frame.bits(index), dtype=np.uint8, count=stride * rows)
    return data.reshape(rows, stride)[:, :columns]


def _shrink(plane: npt.NDArray[np.uint8], rows: int, columns: int) -> npt.NDArray[np.float32]:
    """`plane` scaled to rows x columns: the mean of each block when shrinking, the nearest
    sample otherwise."""
    height, width = plane.shape
    if height >= rows and width >= columns:
        block_h, block_w = height // rows, width // columns
        top, left = (height - block_h * rows) // 2, (width - block_w * columns) // 2
        cropped = plane[top : top + block_h * rows, left : left + block_w * columns]
        blocks = cropped.reshape(rows, block_h, columns, block_w)
        means: npt.NDArray[np.float32] = blocks.mean(axis=(1, 3), dtype=np.float32)
        return means
    ys = np.minimum((np.arange(rows) + 0.5) * height / rows, height - 1).astype(int)
    xs = np.minimum((np.arange(columns) + 0.5) * width / columns, width - 1).astype(int)
    return plane[np.ix_(ys, xs)].astype(np.float32)


def _yuv_to_rgb(
    luma: npt.NDArray[np.float32], blue: npt.NDArray[np.float32], red: npt.NDArray[np.float32]
) -> npt.NDArray[np.uint8]:
    """BT.601 limited range, as FFmpeg assumes for untagged video."""
    y = (luma - 16.0) * (255.0 / 219.0)
    u, v = (blue - 128.0) * (255.0 / 224.0), (red - 128.0) * (255.0 / 224.0)
    rgb = np.stack([y + 1.402 * v, y - 0.344136 * u - 0.714136 * v, y + 1.772 * u], axis=-1)
    out: npt.NDArray[np.uint8] = np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
    return out


def _rgb_from_image(image: QImage, width: int, height: int) -> npt.NDArray[np.uint8]:
    """Any other frame layout, through Qt's own conversion."""
    if image.isNull():
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoProbe", "a frame of the video could not be converted to a picture"
            )
        )
    small = image.scaled(width, height).convertToFormat(QImage.Format.Format_RGB888)
    stride = small.bytesPerLine()
    data = np.frombuffer(small.constBits(), dtype=np.uint8, count=stride * height)
    return data.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()
