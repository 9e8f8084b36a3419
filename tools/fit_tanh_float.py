#!/usr/bin/env python3
"""Fits float_math::tanh's polynomial: tanh(x) = x + x^3 P(x^2) on |x| < 0.625.

P has five coefficients, chosen to minimise the largest relative error of
tanh (a minimax fit, by Lawson's iteration on weighted least squares over
Chebyshev-spaced points, in double), then rounded to float. Prints them as
include/ctnn/detail/float_math.hpp spells them, and the relative error in
units of 2^-24 before and after the rounding (NumPy's tanh as the truth).

    python3 tools/fit_tanh_float.py          # needs python3-numpy
"""
import numpy as np

BELOW, TERMS = 0.625, 5

x = np.cos(np.linspace(0, np.pi / 2, 4000)) * BELOW
x = x[x > 1e-4]
s = x * x
target = (np.tanh(x) - x) / x**3          # what P(x^2) must be
A = np.vstack([s**i for i in range(TERMS)]).T
weight = x**3 / np.tanh(x)                 # error of P -> relative error of tanh
lawson = np.ones_like(x)
for _ in range(200):
    w = weight * np.sqrt(lawson)
    c, *_ = np.linalg.lstsq(A * w[:, None], target * w, rcond=None)
    lawson *= np.abs(A @ c - target) * weight
    lawson /= lawson.sum()

c32 = c.astype(np.float32).astype(np.float64)
err = lambda coef: np.max(np.abs(A @ coef - target) * weight) / 2.0**-24
names = ["tanh_c3", "tanh_c5", "tanh_c7", "tanh_c9", "tanh_c11"]
for name, v in zip(names, c32):
    print(f"{name} = {float(v).hex().replace('0000000p', 'p')}f  // {v:.9g}")
print(f"relative error, units of 2^-24: {err(c):.3f} (double coefficients), {err(c32):.3f} (float)")
