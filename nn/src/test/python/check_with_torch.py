#!/usr/bin/env python3
"""Optional cross-checks of jgrad against PyTorch; never run by Maven.

Needs only torch (Debian: apt-get install python3-torch); the safetensors package is not
required, the format is parsed here with struct and json.

  check_with_torch.py optim
      Prints the parameters after 3 steps of torch.optim SGD / RMSprop / Adam on the test
      problem of nn/src/test/java/io/github/jgrad/nn/optim/Problem.java (float64), the numbers
      that TorchReferenceTest embeds.

  check_with_torch.py load FILE.safetensors
      Parses a jgrad-written file, checks the layout rules (8-aligned header, contiguous
      offsets, reference ordering) and loads it with strict=True into a torch Sequential of
      Linear layers rebuilt from the "<i>.weight" shapes (Tanh between them).
"""
import json
import struct
import sys

import torch

DTYPES = {"F32": (torch.float32, 4), "F64": (torch.float64, 8)}


def problem_params():
    a = torch.tensor([0.5, -1.5, 2.0], dtype=torch.float64, requires_grad=True)
    w = torch.tensor([[0.1, -0.2], [0.3, 0.4]], dtype=torch.float64, requires_grad=True)
    return [a, w]


def set_grads(params, t):
    for p in params:
        idx = torch.arange(p.numel(), dtype=torch.float64).reshape(p.shape)
        p.grad = (0.7 * p.detach() - 0.3 + 0.1 * t - 0.05 * idx).clone()


def optim():
    configs = {
        "sgd_nesterov": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.1, nesterov=True),
        "sgd_dampening": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.5, weight_decay=0.01),
        "rmsprop_centered_momentum": lambda ps: torch.optim.RMSprop(
            ps, lr=0.005, alpha=0.95, eps=1e-4, weight_decay=0.05, momentum=0.5, centered=True),
        "rmsprop_default": lambda ps: torch.optim.RMSprop(ps, lr=0.01),
        "adam_wd": lambda ps: torch.optim.Adam(ps, lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1),
        "adam_wgan_gp": lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.0, 0.9)),
    }
    for name, make in configs.items():
        ps = problem_params()
        opt = make(ps)
        for t in range(1, 4):
            set_grads(ps, t)
            opt.step()
        values = [repr(v) for p in ps for v in p.detach().flatten().tolist()]
        print(f"{name}: {{{', '.join(values)}}}")


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert n % 8 == 0, f"header length {n} is not a multiple of 8"
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    meta = header.pop("__metadata__", {})
    entries = sorted(header.items(), key=lambda kv: kv[1]["data_offsets"])
    expected_order = sorted(header, key=lambda k: (-DTYPES[header[k]["dtype"]][1], k.encode("utf-8")))
    assert [k for k, _ in entries] == expected_order, "data order is not the reference order"
    end = 0
    tensors = {}
    for name, e in entries:
        begin, stop = e["data_offsets"]
        assert begin == end, f"{name}: hole or overlap at {begin}"
        dtype, size = DTYPES[e["dtype"]]
        count = 1
        for d in e["shape"]:
            count *= d
        assert stop - begin == count * size, f"{name}: size mismatch"
        tensors[name] = torch.frombuffer(bytearray(data[begin:stop]), dtype=dtype).reshape(e["shape"])
        end = stop
    assert end == len(data), "data section not fully covered"
    return tensors, meta


def load(path):
    tensors, meta = read_safetensors(path)
    print("metadata:", meta)
    for k, t in tensors.items():
        print(f"  {k}: {list(t.shape)} {t.dtype}")
    layers = {int(k.split(".")[0]): t for k, t in tensors.items() if k.endswith(".weight")}
    modules = []
    for i in range(max(layers) + 1):
        if i in layers:
            out_f, in_f = layers[i].shape
            modules.append(torch.nn.Linear(in_f, out_f, bias=f"{i}.bias" in tensors, dtype=layers[i].dtype))
        else:
            modules.append(torch.nn.Tanh())
    model = torch.nn.Sequential(*modules)
    model.load_state_dict(tensors, strict=True)
    x = torch.linspace(-1, 1, layers[min(layers)].shape[1], dtype=layers[min(layers)].dtype).reshape(1, -1)
    print("load_state_dict(strict=True): ok; output for linspace(-1, 1) input:", model(x).tolist())


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "optim":
        optim()
    elif len(sys.argv) == 3 and sys.argv[1] == "load":
        load(sys.argv[2])
    else:
        print(__doc__)
        sys.exit(2)
