"""Makes ../resources/io/github/cyclegan/training/input_gradient.pt, the TorchScript module with which
GradientPenalty takes the gradient of a discriminator's output with respect to its input.

DJL's Java API has backward(create_graph=True) but no torch.autograd.grad: a create_graph backward
stores graph-carrying gradients in the leaves' .grad, which DJL cannot reset to None, so every
iteration would leak its graph (libtorch warns about exactly that reference cycle). This module
calls torch.autograd.grad inside libtorch instead; DJL loads it and runs it on the graph that the
engine's own forward pass recorded. It holds no weights.

Run with Debian's PyTorch (apt-get install -y python3-torch, 1.13.1):
    /usr/bin/python3 engine/src/main/torchscript/make_input_gradient.py
Last run (torch 1.13.1): 2,059 bytes, md5 c5695afc5f6bdc6bbab47cbe151e6e32; reruns write the same bytes from any checkout.
"""
import hashlib
import linecache
import os

import torch

OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "io", "github",
                                    "cyclegan", "training", "input_gradient.pt"))

# The module's source. It is compiled under a fixed file name because TorchScript's debug information
# records the source file's path, which would otherwise make the bytes depend on the checkout's location.
SOURCE = '''
from typing import List, Optional
import torch


class InputGradient(torch.nn.Module):
    """forward(output, input) = d sum(output) / d input, itself differentiable (create_graph=True). The
    graph is retained so that a loss built from the gradient can be backpropagated through it into the
    discriminator's parameters. No leaf's .grad is touched."""

    def forward(self, output: torch.Tensor, input: torch.Tensor) -> torch.Tensor:
        grad_outputs: List[Optional[torch.Tensor]] = [torch.ones_like(output)]
        gradients = torch.autograd.grad([output], [input], grad_outputs=grad_outputs, retain_graph=True,
                                        create_graph=True)
        gradient = gradients[0]
        assert gradient is not None
        return gradient
'''
SOURCE_NAME = "make_input_gradient.py:SOURCE"


def main():
    linecache.cache[SOURCE_NAME] = (len(SOURCE), None, SOURCE.splitlines(True), SOURCE_NAME)
    namespace = {"__name__": "input_gradient"}
    exec(compile(SOURCE, SOURCE_NAME, "exec"), namespace)
    module = torch.jit.script(namespace["InputGradient"]())
    module.save(OUT)
    with open(OUT, "rb") as f:
        digest = hashlib.md5(f.read()).hexdigest()
    print(f"{OUT}: {os.path.getsize(OUT)} bytes, md5 {digest}")
    print(module.code)


if __name__ == "__main__":
    main()
