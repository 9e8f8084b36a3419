#!/usr/bin/env python3
"""Fits ctnn::fast_tanh's rational function (and so ctnn::fast_sigmoid's):

    tanh(x) ~ x P(x^2) / Q(x^2),  P and Q of degree 4, P(0) = Q(0) = 1,

on 0 <= x <= CLAMP, where CLAMP is past the point (9.01) from which tanh
rounds to 1 in float. The coefficients minimise the largest relative error
(Loeb's linearisation: P - g Q by weighted least squares, divided by the
previous Q, with Lawson's weights, over Chebyshev-spaced and uniform
points, in double, t scaled to [0, 1] to keep the system well conditioned),
and are then rounded to float. NumPy's tanh is the truth.

Prints the coefficients as include/ctnn/activation.hpp spells them, the
approximation's error in units of 2^-24 before and after rounding, and the
error of evaluating it in float arithmetic on a sample (NumPy float32, the
same order of operations as ctnn); benchmarks/float_math_exhaustive.cpp
measures every float.

    python3 tools/fit_fast_tanh.py          # needs python3-numpy
"""
import numpy as np

M = N = 4
CLAMP = 9.02
f32 = np.float32

x = np.unique(np.concatenate([np.linspace(0, CLAMP, 20000),
                              CLAMP * (1 - np.cos(np.linspace(0, np.pi / 2, 20000)))]))
t = x * x
s = t / CLAMP**2
g = np.where(x > 0, np.tanh(x) / np.where(x > 0, x, 1), 1.0)  # what P / Q must be

lawson = np.ones_like(x)
q_prev = np.ones_like(x)
best = None
for _ in range(200):
    A = np.hstack([np.stack([s**i for i in range(1, M + 1)], 1),
                   -np.stack([g * s**j for j in range(1, N + 1)], 1)])
    w = np.sqrt(lawson) / (g * q_prev)
    sol, *_ = np.linalg.lstsq(A * w[:, None], (g - 1.0) * w, rcond=None)
    p = np.concatenate([[1.0], sol[:M]])
    q = np.concatenate([[1.0], sol[M:]])
    P, Q = np.polyval(p[::-1], s), np.polyval(q[::-1], s)
    err = P / Q / g - 1
    if best is None or np.max(np.abs(err)) < best[0]:
        best = (np.max(np.abs(err)), p / CLAMP ** (2 * np.arange(M + 1)), q / CLAMP ** (2 * np.arange(N + 1)))
    lawson *= np.abs(err)
    lawson /= lawson.sum()
    q_prev = Q

e, p, q = best
p32, q32 = p.astype(f32), q.astype(f32)
assert np.all(np.polyval(q32[::-1].astype(float), t) > 0), "Q must not vanish"


def relerr(pc, qc):
    return np.max(np.abs(np.polyval(pc[::-1], t) / np.polyval(qc[::-1], t) / g - 1)) / 2.0**-24


for name, coefs in (("p", p32), ("q", q32)):
    for i, v in enumerate(coefs[1:], 1):
        print(f"fast_tanh_{name}{i} = {float(v).hex().replace('0000000p', 'p')}f  // {v:.9g}")
print(f"approximation's relative error, units of 2^-24: {e / 2**-24:.3f} (double coefficients), "
      f"{relerr(p32.astype(float), q32.astype(float)):.3f} (float)")
# fast_sigmoid(x) = 1/2 + tanh(x / 2) / 2 = 1/2 + x Ps(x^2) / Qs(x^2):
# Ps_i = P_i / 4^(i + 1), Qs_i = Q_i / 4^i, exact scalings by powers of 2.


def horner(c, v):
    acc = np.full_like(v, c[-1])
    for k in c[-2::-1]:
        acc = (acc * v).astype(f32) + k
    return acc


rng = np.random.default_rng(1)
xs = np.concatenate([rng.uniform(0, CLAMP, 2_000_000),
                     np.exp(rng.uniform(np.log(1e-6), np.log(CLAMP), 2_000_000))]).astype(f32)
ts = (xs * xs).astype(f32)
y = (xs * (horner(p32, ts) / horner(q32, ts)).astype(f32)).astype(f32)
exact = np.tanh(xs.astype(float))
ulp = 2.0 ** (np.floor(np.log2(exact)) - 23)
print(f"evaluated in float (x (P / Q), Horner), 4,000,000 samples: {np.max(np.abs(y - exact) / ulp):.3f} ulp")
c = f32(CLAMP)
tc = f32(c * c)
print(f"at the clamp {CLAMP}: {float(f32(c * f32(horner(p32, np.array([tc]))[0] / horner(q32, np.array([tc]))[0])))!r}")
