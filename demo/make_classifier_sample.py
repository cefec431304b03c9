#!/usr/bin/env python3
"""Extracts a small 10-class Fashion-MNIST test sample for the classifier's tests.

Fashion-MNIST (c) 2017 Zalando SE, MIT licence. Reads the t10k IDX files of Debian's
`dataset-fashion-mnist` package and writes the first PER_CLASS test images of every class as 28x28
8-bit grayscale PNGs named `CLASS_t10k_INDEX.png` (class 0..9, index in the IDX file). Standard library
only, with make_dataset.py's byte-exact PNG writer, so a rerun gives the same bytes:

    python3 demo/make_classifier_sample.py [--idx-dir DIR] [--out DIR]

The images come from the test file, which the classifier never trains on, so the accuracy measured on
them is a test accuracy.
"""
import argparse
import os
import sys

sys.dont_write_bytecode = True  # importing make_dataset must not leave a __pycache__ in demo/
from make_dataset import png_gray, read_idx  # noqa: E402  (after the flag on purpose)

PER_CLASS = 30
CLASSES = 10


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idx-dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--out", default=os.path.join(
        os.path.dirname(here), "common", "src", "test", "resources", "evaluation", "fashion-mnist-sample"))
    args = parser.parse_args()
    images, (rows, cols) = read_idx(os.path.join(args.idx_dir, "t10k-images-idx3-ubyte.gz"))
    labels, _ = read_idx(os.path.join(args.idx_dir, "t10k-labels-idx1-ubyte.gz"))
    os.makedirs(args.out, exist_ok=True)
    for label in range(CLASSES):
        picked = [i for i, y in enumerate(labels) if y == label][:PER_CLASS]
        for i in picked:
            with open(os.path.join(args.out, f"{label}_t10k_{i:05d}.png"), "wb") as f:
                f.write(png_gray(images[i], rows, cols))
    print(f"{args.out}: {PER_CLASS} images of each of {CLASSES} classes")


if __name__ == "__main__":
    main()
