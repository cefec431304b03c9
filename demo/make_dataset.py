#!/usr/bin/env python3
"""Extracts the demo dataset (sneakers <-> ankle boots) from Fashion-MNIST's IDX files.

Fashion-MNIST (c) 2017 Zalando SE, MIT licence. Debian's `dataset-fashion-mnist` package installs
the IDX files in /usr/share/datasets/fashion-mnist. Standard library only, so that the output is
byte-for-byte reproducible wherever Python 3 runs:

    python3 demo/make_dataset.py [--idx-dir DIR] [--out demo/sneakers2boots]

Domain A is class 7 (sneaker), domain B class 9 (ankle boot). The first TRAIN_PER_CLASS images
of each class in the training file become trainA/trainB; the first TEST_PER_CLASS of each class in
the test file become testA/testB. Names carry the image's index in its IDX file, so that any PNG
can be traced back to its source.
"""
import argparse
import gzip
import os
import struct
import zlib

SNEAKER, ANKLE_BOOT = 7, 9
TRAIN_PER_CLASS = 400
TEST_PER_CLASS = 100


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x00000803:
        rows, cols = struct.unpack(">II", data[8:16])
        size = rows * cols
        return [data[16 + i * size:16 + (i + 1) * size] for i in range(count)], (rows, cols)
    if magic == 0x00000801:
        return list(data[8:8 + count]), None
    raise ValueError(f"{path}: not an IDX image or label file (magic {magic:#x})")


def png_gray(pixels, rows, cols):
    """An 8-bit grayscale PNG with fixed zlib settings, so reruns give identical bytes."""
    raw = b"".join(b"\x00" + pixels[r * cols:(r + 1) * cols] for r in range(rows))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", cols, rows, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def extract(idx_dir, prefix, per_class, out, split):
    images, (rows, cols) = read_idx(os.path.join(idx_dir, f"{prefix}-images-idx3-ubyte.gz"))
    labels, _ = read_idx(os.path.join(idx_dir, f"{prefix}-labels-idx1-ubyte.gz"))
    for label, domain, name in ((SNEAKER, "A", "sneaker"), (ANKLE_BOOT, "B", "boot")):
        folder = os.path.join(out, split + domain)
        os.makedirs(folder, exist_ok=True)
        picked = [i for i, y in enumerate(labels) if y == label][:per_class]
        for i in picked:
            with open(os.path.join(folder, f"{name}_{prefix}_{i:05d}.png"), "wb") as f:
                f.write(png_gray(images[i], rows, cols))
        print(f"{folder}: {len(picked)} images")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idx-dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--out", default=os.path.join(here, "sneakers2boots"))
    args = parser.parse_args()
    extract(args.idx_dir, "train", TRAIN_PER_CLASS, args.out, "train")
    extract(args.idx_dir, "t10k", TEST_PER_CLASS, args.out, "test")


if __name__ == "__main__":
    main()
