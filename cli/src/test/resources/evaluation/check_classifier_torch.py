#!/usr/bin/env python3
"""Independent check of the bundled Fashion-MNIST classifier: loads its safetensors weights into a
PyTorch module with the same layers and measures the accuracy on the t10k IDX files.

    /usr/bin/python3 cli/src/test/resources/evaluation/check_classifier_torch.py [WEIGHTS] [IDX_DIR]

Needs numpy and torch (Debian's python3-torch); not run by the build.
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
WEIGHTS = os.path.join(HERE, "..", "..", "..", "main", "resources", "io", "github", "cyclegan", "evaluation",
                       "fashion-mnist-classifier.safetensors")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3)
        self.conv2 = nn.Conv2d(32, 64, 3)
        self.fc1 = nn.Linear(1600, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    out = {}
    for name, entry in header.items():
        if name != "__metadata__":
            begin, end = entry["data_offsets"]
            out[name] = torch.from_numpy(np.frombuffer(body[begin:end], dtype="<f4").reshape(entry["shape"]).copy())
    return out


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, 1, rows, cols)
    return np.frombuffer(data, dtype=np.uint8, offset=8)


def main():
    weights = sys.argv[1] if len(sys.argv) > 1 else WEIGHTS
    idx_dir = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"
    net = Net()
    net.load_state_dict(read_safetensors(weights), strict=True)
    images = read_idx(os.path.join(idx_dir, "t10k-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(idx_dir, "t10k-labels-idx1-ubyte.gz"))
    x = (torch.from_numpy(images.astype(np.float32)) / 255 - 0.5) / 0.5
    with torch.no_grad():
        predicted = net(x).argmax(1).numpy()
    print(f"t10k accuracy {np.mean(predicted == labels) * 100:.2f} % ({np.sum(predicted == labels)} of {len(labels)})")


if __name__ == "__main__":
    main()
