"""Fixtures for the Java weight-interchange tests, made by PyTorch itself, and the check that a
safetensors file written by Java loads back into PyTorch.

Needs Debian's PyTorch (apt-get install -y python3-torch; 1.13.1 on bookworm). Debian has no
python3-safetensors, so tiny.safetensors and the check need the PyPI package in a venv over
Debian's interpreter:
    /usr/bin/python3 -m venv --system-site-packages /tmp/st-venv
    /tmp/st-venv/bin/pip install safetensors          # 0.8.0 was used

Regenerate the fixtures (from this directory):
    /tmp/st-venv/bin/python make_fixtures.py          # or /usr/bin/python3: skips tiny.safetensors
(tiny_legacy.pth changes bytes on every run, not values: legacy storage keys are memory addresses.)
Check a Java-written file (SafetensorsTest leaves one in engine/target/interop/):
    /tmp/st-venv/bin/python make_fixtures.py check ../../../../target/interop/java_written.safetensors
Last run (torch 1.13.1, safetensors 0.8.0, file from SafetensorsTest) printed:
    metadata: {'format': 'pt', 'writer': 'cyclegan-java'}
    13 tensors, max abs diff 0; load_state_dict: <All keys matched successfully>
    CHECK OK
The check expects float32 tensors only (what the Java writer emits), so it fails on tiny.safetensors,
which keeps PyTorch's float16/bfloat16/float64/int64 dtypes.
"""
import collections
import json
import os
import pickle
import struct
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


def quantised(t):
    # Multiples of 1/256 are exact in float32 and float16 and short in JSON, keeping fixtures small.
    return torch.round(t * 256) / 256


class TinyResnetNaming(nn.Module):
    """Keys named like the reference ResnetGenerator (model.1 conv, model.19 transposed conv),
    with an InstanceNorm that tracks running stats the way pre-0.4 checkpoints carry them."""

    def __init__(self):
        super().__init__()
        layers = [nn.ReflectionPad2d(3), nn.Conv2d(3, 4, 7),
                  nn.InstanceNorm2d(4, track_running_stats=True), nn.ReLU(True)]
        layers += [nn.Identity() for _ in range(4, 19)]
        layers += [nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1)]
        self.model = nn.Sequential(*layers)


def tiny_module():
    torch.manual_seed(20240611)
    module = TinyResnetNaming()
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(quantised(torch.randn_like(p)))
        norm = module.model[2]
        norm.running_mean.copy_(quantised(torch.randn(4)))
        norm.running_var.copy_(quantised(torch.rand(4)) + 0.5)
        norm.num_batches_tracked.fill_(7)
    return module


def tiny_state_dict():
    state = tiny_module().state_dict()
    base = quantised(torch.randn(3, 5))
    state['extra.transposed'] = base.t()            # non-contiguous view, stride (1, 5)
    state['extra.row'] = base[1]                    # offset 5 into the same storage as extra.transposed
    state['extra.row_clone'] = base[2].clone()      # its own contiguous storage
    state['extra.half'] = quantised(torch.randn(2, 3)).half()
    state['extra.bfloat16'] = quantised(torch.randn(2, 2)).bfloat16()
    state['extra.double'] = quantised(torch.randn(3)).double()
    return state


def expected(state):
    return {k: {'shape': list(v.shape), 'values': v.double().flatten().tolist()} for k, v in state.items()}


class _StorageView:
    """Stands for a pre-0.4 storage view in the pickle; the pickler turns it into a persistent id."""

    def __init__(self, key, offset, size):
        self.key, self.offset, self.size = key, offset, size


class _RebuiltTensor:
    def __init__(self, view, shape):
        self.view, self.shape = view, shape

    def __reduce__(self):
        stride = [1] * len(self.shape)
        for d in range(len(self.shape) - 2, -1, -1):
            stride[d] = stride[d + 1] * self.shape[d + 1]
        return torch._utils._rebuild_tensor_v2, (self.view, 0, tuple(self.shape), tuple(stride), False,
                                                 collections.OrderedDict())


def save_legacy_with_storage_views(path):
    """PyTorch before 0.4 could save storages that were views of a bigger root storage; the legacy
    format records them as view_metadata (view_key, offset, size) in elements. Current PyTorch never
    writes that, so this writes the layout by hand after torch.serialization._legacy_save, and
    torch.load (which still reads it) supplies the expected values."""
    root = quantised(torch.randn(10))

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            if isinstance(obj, _StorageView):
                return 'storage', torch.FloatStorage, 'root', 'cpu', root.numel(), (obj.key, obj.offset, obj.size)
            return None

    state = collections.OrderedDict([('a.weight', _RebuiltTensor(_StorageView('v1', 2, 6), [2, 3])),
                                     ('a.bias', _RebuiltTensor(_StorageView('v2', 8, 2), [2]))])
    with open(path, 'wb') as f:
        pickle.dump(0x1950a86a20f9469cfc6c, f, protocol=2)
        pickle.dump(1001, f, protocol=2)
        pickle.dump({'protocol_version': 1001, 'little_endian': True,
                     'type_sizes': {'short': 2, 'int': 4, 'long': 8}}, f, protocol=2)
        Pickler(f, protocol=2).dump(state)
        pickle.dump(['root'], f, protocol=2)
        f.write(struct.pack('<q', root.numel()))
        f.write(struct.pack(f'<{root.numel()}f', *root.tolist()))
    return torch.load(path)


def make():
    state = tiny_state_dict()
    torch.save(state, os.path.join(HERE, 'tiny_zip.pth'))
    torch.save(state, os.path.join(HERE, 'tiny_legacy.pth'), _use_new_zipfile_serialization=False)
    parallel = collections.OrderedDict(('module.' + k, state[k]) for k in ('model.1.bias', 'model.19.bias'))
    torch.save(parallel, os.path.join(HERE, 'tiny_dataparallel.pth'))
    with open(os.path.join(HERE, 'tiny_expected.json'), 'w') as out:
        json.dump(expected(state), out, separators=(',', ':'))
    views = save_legacy_with_storage_views(os.path.join(HERE, 'tiny_legacy_views.pth'))
    with open(os.path.join(HERE, 'tiny_legacy_views_expected.json'), 'w') as out:
        json.dump(expected(views), out, separators=(',', ':'))
    try:
        from safetensors.torch import save_file
    except ImportError:
        print('safetensors not installed: tiny.safetensors not written')
        return
    # safetensors refuses shared or strided tensors, so each gets its own contiguous copy.
    save_file({k: v.contiguous().clone() for k, v in state.items()}, os.path.join(HERE, 'tiny.safetensors'),
              metadata={'format': 'pt', 'source': 'make_fixtures.py'})


def check(path):
    from safetensors import safe_open
    from safetensors.torch import load_file
    with open(os.path.join(HERE, 'tiny_expected.json')) as f:
        want = json.load(f)
    loaded = load_file(path)
    with safe_open(path, framework='pt') as f:
        print('metadata:', f.metadata())
    assert sorted(loaded) == sorted(want), f'keys differ: {sorted(loaded)} vs {sorted(want)}'
    worst = 0.0
    for key, spec in want.items():
        tensor = loaded[key]
        assert tensor.dtype == torch.float32, f'{key}: {tensor.dtype}'
        assert list(tensor.shape) == spec['shape'], f'{key}: shape {list(tensor.shape)} vs {spec["shape"]}'
        diff = (tensor.double().flatten() - torch.tensor(spec['values'], dtype=torch.float64)).abs()
        worst = max(worst, float(diff.max()) if diff.numel() else 0.0)
    module = TinyResnetNaming()
    result = module.load_state_dict({k: loaded[k] for k in module.state_dict()}, strict=True)
    for key, value in module.state_dict().items():
        assert torch.equal(value.float(), loaded[key]), key
    print(f'{len(loaded)} tensors, max abs diff {worst:.3g}; load_state_dict: {result}')
    print('CHECK OK' if worst <= 1e-6 else 'CHECK FAILED')
    return worst <= 1e-6


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'check':
        sys.exit(0 if check(sys.argv[2]) else 1)
    make()
