#!/usr/bin/env python3
"""Reference PSNR and SSIM in plain numpy, written from the definitions, to check the Java metrics against.

Makes a few fixed image pairs (numpy's PCG64 with fixed seeds), writes them as 8-bit PNGs into
metrics/ and their PSNR and SSIM into metrics/expected.json; MetricsReferenceTest reads both.

    python3 cli/src/test/resources/evaluation/metrics_reference.py

PSNR: 10 log10(255^2 / MSE) over all values of all channels, on the 8-bit values.
SSIM (Wang et al. 2004): an 11x11 Gaussian window (sigma 1.5, normalised to sum 1) applied as a 2-D
weighted sum at every position where it lies wholly inside the image; C1 = (0.01 * 255)^2,
C2 = (0.03 * 255)^2; weighted population (co)variances; mean over positions, then over channels.
The window is applied as one 2-D sum here, not separably as in the Java code.
"""
import json
import os
import struct
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "metrics")


def png(pixels):
    """8-bit gray (H x W) or RGB (H x W x 3) PNG bytes, fixed zlib settings."""
    rows, cols = pixels.shape[:2]
    color_type = 2 if pixels.ndim == 3 else 0
    raw = b"".join(b"\x00" + pixels[r].tobytes() for r in range(rows))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", cols, rows, 8, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else 10 * np.log10(255.0 ** 2 / mse)


def ssim_channel(x, y):
    half = 5
    g = np.exp(-((np.arange(11) - half) ** 2) / (2 * 1.5 ** 2))
    window = np.outer(g, g)
    window /= window.sum()
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    px = np.lib.stride_tricks.sliding_window_view(x, (11, 11))
    py = np.lib.stride_tricks.sliding_window_view(y, (11, 11))

    def weighted(p):
        return np.einsum("ijkl,kl->ij", p, window)

    mx, my = weighted(px), weighted(py)
    vx = weighted(px * px) - mx ** 2
    vy = weighted(py * py) - my ** 2
    cov = weighted(px * py) - mx * my
    s = (2 * mx * my + c1) * (2 * cov + c2) / ((mx ** 2 + my ** 2 + c1) * (vx + vy + c2))
    return s.mean()


def ssim(a, b):
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    if a.ndim == 2:
        return float(ssim_channel(a, b))
    return float(np.mean([ssim_channel(a[..., c], b[..., c]) for c in range(a.shape[2])]))


def smooth(rng, shape):
    """A blurry random image: low-resolution noise upsampled by repetition and box-blurred, in 0..255."""
    h, w = shape[:2]
    coarse = rng.uniform(0, 255, (h // 4 + 1, w // 4 + 1) + shape[2:])
    img = np.repeat(np.repeat(coarse, 4, axis=0), 4, axis=1)[:h, :w]
    kernel = np.ones(3) / 3
    for axis in (0, 1):
        img = np.apply_along_axis(lambda v: np.convolve(v, kernel, mode="same"), axis, img)
    return img


def u8(img):
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def pairs():
    rng = np.random.default_rng(20240611)
    a = u8(smooth(rng, (28, 28)))
    yield "gray28_noise", a, u8(a + rng.normal(0, 12, a.shape))
    a = u8(rng.uniform(0, 255, (32, 40)))
    blurred = a.astype(np.float64)
    for axis in (0, 1):
        blurred = np.apply_along_axis(lambda v: np.convolve(v, np.ones(5) / 5, mode="same"), axis, blurred)
    yield "gray32x40_blur", a, u8(blurred)
    a = u8(smooth(rng, (24, 30, 3)))
    yield "rgb24x30_shift_noise", a, u8(a + np.array([20, -10, 5]) + rng.normal(0, 6, a.shape))
    a = u8(smooth(rng, (28, 28)))
    yield "gray28_inverted", a, 255 - a


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    for name, a, b in pairs():
        for suffix, img in (("a", a), ("b", b)):
            with open(os.path.join(OUT, f"{name}_{suffix}.png"), "wb") as f:
                f.write(png(img))
        expected[name] = {"channels": 1 if a.ndim == 2 else 3, "psnr": psnr(a, b), "ssim": ssim(a, b)}
        print(f"{name}: PSNR {expected[name]['psnr']:.6f} dB, SSIM {expected[name]['ssim']:.6f}")
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
