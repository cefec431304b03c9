"""Output-parity fixtures: tiny reference networks run by PyTorch, so that the Java networks can be
checked against PyTorch's own numbers (max abs diff <= 1e-4) after importing the .pth weights.

The networks below are written from the layer lists in shared/reference/cyclegan.md (the reference
implementation's architectures), not copied from it. Run with Debian's PyTorch from this directory:
    apt-get install -y python3-torch            # 1.13.1 on Debian bookworm
    /usr/bin/python3 make_parity_fixtures.py
Check that PyTorch loads the safetensors files that ReferenceParityTest exported from Java
(needs the safetensors package, e.g. in a venv over Debian's python: see ../../interop/make_fixtures.py):
    /tmp/st-venv/bin/python make_parity_fixtures.py check ../../../../../target/parity
Last run (torch 1.13.1, safetensors 0.8.0) printed "load_state_dict strict OK, max abs diff 0.00e+00"
for all four networks, then "CHECK OK".
cyclegan_iteration_*.pth hold two reference training iterations (see cyclegan_iterations()).
The WGAN-GP fixtures (gradient_penalty.pth, cyclegan_wgangp_*.pth, see wgangp()) are written alone by
    /usr/bin/python3 make_parity_fixtures.py wgangp
Last run (torch 1.13.1) printed "gradient_penalty: 0.346962, input gradient norms 0.925437, 1.252652".
After new .pth files, write their .safetensors copies with pth-import's ParityFixturesTest (-Dparity.write).
Each fixture NAME has NAME.pth (state_dict, torch.save zip format), NAME_legacy.pth (the pre-1.6
format the public pretrained CycleGAN generators use) and NAME_io.pth ({"input", "output"}).
"""
import functools
import os
import sys

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
INSTANCE = functools.partial(nn.InstanceNorm2d, affine=False, track_running_stats=False)


class ResnetBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv_block = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3, padding=0, bias=True), INSTANCE(dim), nn.ReLU(True),
            nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3, padding=0, bias=True), INSTANCE(dim))

    def forward(self, x):
        return x + self.conv_block(x)


class ResnetGenerator(nn.Module):
    def __init__(self, input_nc, output_nc, ngf, n_blocks):
        super().__init__()
        layers = [nn.ReflectionPad2d(3), nn.Conv2d(input_nc, ngf, 7, padding=0, bias=True), INSTANCE(ngf), nn.ReLU(True)]
        for i in range(2):
            m = 2 ** i
            layers += [nn.Conv2d(ngf * m, ngf * m * 2, 3, stride=2, padding=1, bias=True), INSTANCE(ngf * m * 2),
                       nn.ReLU(True)]
        layers += [ResnetBlock(ngf * 4) for _ in range(n_blocks)]
        for i in range(2):
            m = 2 ** (2 - i)
            layers += [nn.ConvTranspose2d(ngf * m, ngf * m // 2, 3, stride=2, padding=1, output_padding=1, bias=True),
                       INSTANCE(ngf * m // 2), nn.ReLU(True)]
        layers += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, output_nc, 7, padding=0), nn.Tanh()]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


class UnetBlock(nn.Module):
    def __init__(self, outer_nc, inner_nc, input_nc=None, submodule=None, outermost=False, innermost=False):
        super().__init__()
        self.outermost = outermost
        input_nc = outer_nc if input_nc is None else input_nc
        downconv = nn.Conv2d(input_nc, inner_nc, 4, stride=2, padding=1, bias=True)
        # In place, as in the reference: the skip connection then carries leaky_relu(x), not x.
        downrelu = nn.LeakyReLU(0.2, True)
        if outermost:
            layers = [downconv, submodule, nn.ReLU(True), nn.ConvTranspose2d(inner_nc * 2, outer_nc, 4, 2, 1), nn.Tanh()]
        elif innermost:
            layers = [downrelu, downconv, nn.ReLU(True), nn.ConvTranspose2d(inner_nc, outer_nc, 4, 2, 1, bias=True),
                      INSTANCE(outer_nc)]
        else:
            layers = [downrelu, downconv, INSTANCE(inner_nc), submodule, nn.ReLU(True),
                      nn.ConvTranspose2d(inner_nc * 2, outer_nc, 4, 2, 1, bias=True), INSTANCE(outer_nc)]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x) if self.outermost else torch.cat([x, self.model(x)], 1)


class UnetGenerator(nn.Module):
    def __init__(self, input_nc, output_nc, num_downs, ngf):
        super().__init__()
        block = UnetBlock(ngf * 8, ngf * 8, innermost=True)
        for _ in range(num_downs - 5):
            block = UnetBlock(ngf * 8, ngf * 8, submodule=block)
        block = UnetBlock(ngf * 4, ngf * 8, submodule=block)
        block = UnetBlock(ngf * 2, ngf * 4, submodule=block)
        block = UnetBlock(ngf, ngf * 2, submodule=block)
        self.model = UnetBlock(output_nc, ngf, input_nc=input_nc, submodule=block, outermost=True)

    def forward(self, x):
        return self.model(x)


class NLayerDiscriminator(nn.Module):
    def __init__(self, input_nc, ndf, n_layers):
        super().__init__()
        seq = [nn.Conv2d(input_nc, ndf, 4, stride=2, padding=1), nn.LeakyReLU(0.2, True)]
        mult = 1
        for n in range(1, n_layers):
            prev, mult = mult, min(2 ** n, 8)
            seq += [nn.Conv2d(ndf * prev, ndf * mult, 4, stride=2, padding=1, bias=True), INSTANCE(ndf * mult),
                    nn.LeakyReLU(0.2, True)]
        prev, mult = mult, min(2 ** n_layers, 8)
        seq += [nn.Conv2d(ndf * prev, ndf * mult, 4, stride=1, padding=1, bias=True), INSTANCE(ndf * mult),
                nn.LeakyReLU(0.2, True), nn.Conv2d(ndf * mult, 1, 4, stride=1, padding=1)]
        self.model = nn.Sequential(*seq)

    def forward(self, x):
        return self.model(x)


def init_normal(net, gen):
    # The reference's default init: N(0, 0.02) weights, zero biases; a larger std for the biases
    # here so that a wrong bias mapping cannot hide behind zeros.
    for name, p in net.named_parameters():
        std = 0.02 if name.endswith("weight") else 0.1
        with torch.no_grad():
            p.copy_(torch.randn(p.shape, generator=gen) * std)


def save(name, net, shape, gen):
    net.eval()
    x = torch.rand(shape, generator=gen) * 2 - 1
    with torch.no_grad():
        y = net(x.clone())
    sd = net.state_dict()
    torch.save(sd, os.path.join(HERE, name + ".pth"))
    torch.save(sd, os.path.join(HERE, name + "_legacy.pth"), _use_new_zipfile_serialization=False)
    torch.save({"input": x, "output": y}, os.path.join(HERE, name + "_io.pth"))
    print(f"{name}: {len(sd)} entries, {sum(p.numel() for p in net.parameters())} parameters, "
          f"input {tuple(x.shape)} -> output {tuple(y.shape)}")


def cases():
    return [
        ("resnet_6blocks_ngf4", ResnetGenerator(3, 3, 4, 6), (1, 3, 32, 32)),
        ("resnet_9blocks_ngf4", ResnetGenerator(3, 3, 4, 9), (2, 3, 24, 20)),
        ("unet_128_ngf2", UnetGenerator(3, 3, 7, 2), (1, 3, 128, 128)),
        ("basic_d_ndf4", NLayerDiscriminator(3, 4, 3), (1, 3, 32, 32)),
    ]


def prefixed(nets):
    return {f"{name}.{key}": value for name, net in nets.items() for key, value in net.state_dict().items()}


def cyclegan_iterations(gen, iterations=2):
    """The reference's optimize_parameters() with pool_size 0, lsgan and Adam(0.5, 0.999): the fixture
    for CycleGanModelParityTest. Saves the initial weights, the inputs, every loss term and the final weights."""
    nets = {"G_A": ResnetGenerator(3, 3, 4, 6), "G_B": ResnetGenerator(3, 3, 4, 6),
            "D_A": NLayerDiscriminator(3, 4, 3), "D_B": NLayerDiscriminator(3, 4, 3)}
    for net in nets.values():
        init_normal(net, gen)
        net.train()
    torch.save(prefixed(nets), os.path.join(HERE, "cyclegan_iteration_initial.pth"))
    inputs = []
    for it in range(iterations):
        real_a = torch.rand((1, 3, 32, 32), generator=gen) * 2 - 1
        real_b = torch.rand((1, 3, 32, 32), generator=gen) * 2 - 1
        inputs.append((real_a, real_b))
    record = train(nets, inputs, "lsgan")
    torch.save(record, os.path.join(HERE, "cyclegan_iteration_io.pth"))
    torch.save(prefixed(nets), os.path.join(HERE, "cyclegan_iteration_final.pth"))


def train(nets, inputs, gan_mode, penalty_alphas=None, lambda_a=10.0, lambda_b=10.0, lambda_idt=0.5, lr=2e-4):
    """Runs optimize_parameters() once per (real_A, real_B) of inputs on nets, in place, and returns the
    record of inputs and loss terms. wgangp adds the gradient penalty, drawn with penalty_alphas (an
    iterator of per-sample mixing weights), to each discriminator loss inside its halving, as CycleGanModel does."""
    g_a, g_b, d_a, d_b = nets["G_A"], nets["G_B"], nets["D_A"], nets["D_B"]
    opt_g = torch.optim.Adam(list(g_a.parameters()) + list(g_b.parameters()), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(list(d_a.parameters()) + list(d_b.parameters()), lr=lr, betas=(0.5, 0.999))
    mse, l1 = nn.MSELoss(), nn.L1Loss()

    def gan(pred, real):
        if gan_mode == "wgangp":
            return -pred.mean() if real else pred.mean()
        return mse(pred, torch.full_like(pred, 1.0 if real else 0.0))

    def loss_d(net_d, real, fake):
        loss = gan(net_d(real), True) + gan(net_d(fake), False)
        if gan_mode == "wgangp":
            alpha = torch.tensor([next(penalty_alphas) for _ in range(real.shape[0])], dtype=torch.float32)
            loss = loss + cal_gradient_penalty(net_d, real, fake, alpha)[0]
        return 0.5 * loss

    record = {}
    for it, (real_a, real_b) in enumerate(inputs):
        record[f"real_A.{it}"], record[f"real_B.{it}"] = real_a, real_b
        fake_b = g_a(real_a)
        rec_a = g_b(fake_b)
        fake_a = g_b(real_b)
        rec_b = g_a(fake_a)
        for p in list(d_a.parameters()) + list(d_b.parameters()):
            p.requires_grad = False
        opt_g.zero_grad()
        losses = {
            "idt_A": l1(g_a(real_b), real_b) * lambda_b * lambda_idt,
            "idt_B": l1(g_b(real_a), real_a) * lambda_a * lambda_idt,
            "G_A": gan(d_a(fake_b), True),
            "G_B": gan(d_b(fake_a), True),
            "cycle_A": l1(rec_a, real_a) * lambda_a,
            "cycle_B": l1(rec_b, real_b) * lambda_b,
        }
        sum(losses.values()).backward()
        opt_g.step()
        for p in list(d_a.parameters()) + list(d_b.parameters()):
            p.requires_grad = True
        opt_d.zero_grad()
        losses["D_A"] = loss_d(d_a, real_b, fake_b.detach())
        losses["D_A"].backward()
        losses["D_B"] = loss_d(d_b, real_a, fake_a.detach())
        losses["D_B"].backward()
        opt_d.step()
        for key, value in losses.items():
            record[f"loss.{it}.{key}"] = value.detach().reshape(1)
        print(f"{gan_mode} iteration {it}: " + ", ".join(f"{k} {v.item():.5f}" for k, v in losses.items()))
    return record


def cal_gradient_penalty(net_d, real, fake, alpha, constant=1.0, lambda_gp=10.0):
    """The reference's cal_gradient_penalty with type 'mixed' (networks.py), the per-sample alpha given
    instead of drawn by torch.rand: lambda_gp * mean((||grad_x D(x) + 1e-16||_2 - constant)^2) at
    x = alpha real + (1 - alpha) fake, the gradient taken with create_graph so that the penalty is
    differentiable with respect to D's parameters. Returns the penalty and the flattened input gradients."""
    n = real.shape[0]
    alpha = alpha.reshape(n, 1).expand(n, real.nelement() // n).contiguous().view(*real.shape)
    interpolates = alpha * real + ((1 - alpha) * fake)
    interpolates.requires_grad_(True)
    out = net_d(interpolates)
    gradients = torch.autograd.grad(outputs=out, inputs=interpolates, grad_outputs=torch.ones(out.size()),
                                    create_graph=True, retain_graph=True, only_inputs=True)[0].view(n, -1)
    return (((gradients + 1e-16).norm(2, dim=1) - constant) ** 2).mean() * lambda_gp, gradients


class SplitMix64:
    """The engine's SplitMix64 (training/SplitMix64.java), for the mixing weights CycleGanModel draws."""
    MASK = (1 << 64) - 1
    GAMMA = 0x9E3779B97F4A7C15

    def __init__(self, seed):
        self.state = seed & self.MASK

    @classmethod
    def mix(cls, z):
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & cls.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & cls.MASK
        return z ^ (z >> 31)

    @classmethod
    def derive(cls, seed, stream):
        return cls.mix((seed & cls.MASK) ^ cls.mix((stream + cls.GAMMA) & cls.MASK))

    def next_double(self):
        self.state = (self.state + self.GAMMA) & self.MASK
        return (self.mix(self.state) >> 11) * 2.0 ** -53


def wgangp(gen):
    """Fixtures for GradientPenaltyTest and CycleGanModelParityTest's wgangp case.
    gradient_penalty.pth: a basic D (ndf 4) with its weights D.*, a batch of two real and fake images,
    the mixing weights alpha, the penalty, the input gradients and the penalty's gradient with respect
    to every D parameter (grad.*).
    cyclegan_wgangp_io.pth / _final.pth: the loss terms of two wgangp iterations with the gradient
    penalty, from the weights and inputs of cyclegan_iteration_initial.pth / _io.pth, and the weights
    after them. The mixing weights come from SplitMix64 stream 7 of seed 0, as in CycleGanModel."""
    d = NLayerDiscriminator(3, 4, 3)
    init_normal(d, gen)
    d.train()
    real = torch.rand((2, 3, 32, 32), generator=gen) * 2 - 1
    fake = torch.rand((2, 3, 32, 32), generator=gen) * 2 - 1
    alpha = torch.rand(2, generator=gen)
    penalty, gradients = cal_gradient_penalty(d, real, fake, alpha)
    penalty.backward()
    record = {f"D.{k}": v for k, v in d.state_dict().items()}
    # Parameters the penalty does not reach (the last bias; biases that InstanceNorm cancels) have no gradient: 0.
    record.update({f"grad.{k}": torch.zeros_like(p) if p.grad is None else p.grad.detach().clone()
                   for k, p in d.named_parameters()})
    record.update({"real": real, "fake": fake, "alpha": alpha, "penalty": penalty.detach().reshape(1),
                   "input_gradient": gradients.detach()})
    torch.save(record, os.path.join(HERE, "gradient_penalty.pth"))
    print(f"gradient_penalty: {penalty.item():.6f}, input gradient norms "
          + ", ".join(f"{v:.6f}" for v in gradients.norm(2, dim=1).tolist()))

    nets = {"G_A": ResnetGenerator(3, 3, 4, 6), "G_B": ResnetGenerator(3, 3, 4, 6),
            "D_A": NLayerDiscriminator(3, 4, 3), "D_B": NLayerDiscriminator(3, 4, 3)}
    initial = torch.load(os.path.join(HERE, "cyclegan_iteration_initial.pth"))
    for name, net in nets.items():
        net.load_state_dict({k[len(name) + 1:]: v for k, v in initial.items() if k.startswith(name + ".")})
        net.train()
    io = torch.load(os.path.join(HERE, "cyclegan_iteration_io.pth"))
    inputs = [(io[f"real_A.{it}"], io[f"real_B.{it}"]) for it in range(2)]
    rng = SplitMix64(SplitMix64.derive(0, 7))
    alphas = iter(lambda: rng.next_double(), None)
    record = train(nets, inputs, "wgangp", alphas)
    torch.save({k: v for k, v in record.items() if k.startswith("loss.")}, os.path.join(HERE, "cyclegan_wgangp_io.pth"))
    torch.save(prefixed(nets), os.path.join(HERE, "cyclegan_wgangp_final.pth"))


def check(directory):
    from safetensors.torch import load_file
    for name, net, _ in cases():
        net.load_state_dict(load_file(os.path.join(directory, name + ".safetensors")))  # strict
        io = torch.load(os.path.join(HERE, name + "_io.pth"))
        with torch.no_grad():
            diff = (net.eval()(io["input"]) - io["output"]).abs().max().item()
        print(f"{name}: load_state_dict strict OK, max abs diff {diff:.2e}")
        assert diff <= 1e-4
    print("CHECK OK")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        check(sys.argv[2])
        return
    if len(sys.argv) == 2 and sys.argv[1] == "wgangp":
        wgangp(torch.Generator().manual_seed(20261130))
        return
    gen = torch.Generator().manual_seed(20261128)
    for name, net, shape in cases():
        init_normal(net, gen)
        save(name, net, shape, gen)
    cyclegan_iterations(gen)


if __name__ == "__main__":
    main()
