// Helpers shared by the tests: comparing against the NumPy reference, and
// making data opaque to the optimiser so that run-time checks really run at
// run time.
#pragma once

#include <array>
#include <cstddef>

#include <ctnn/math.hpp>
#include <ctnn/matrix.hpp>

namespace test {

// The reference header stores R x C values as std::array<std::array<double, C>, R>.
template <std::size_t R, std::size_t C>
constexpr ctnn::matrix<double, R, C> to_matrix(const std::array<std::array<double, C>, R>& a) {
  ctnn::matrix<double, R, C> m{};
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < C; ++c) m(r, c) = a[r][c];
  return m;
}

// |a - b| <= tol (1 + |b|) for every element: absolute near zero, relative elsewhere.
constexpr bool close(double a, double b, double tol = 1e-12) {
  return ctnn::math::abs(a - b) <= tol * (1.0 + ctnn::math::abs(b));
}
template <std::size_t R, std::size_t C>
constexpr bool close(const ctnn::matrix<double, R, C>& a, const std::array<std::array<double, C>, R>& b,
                     double tol = 1e-12) {
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < C; ++c)
      if (!close(a(r, c), b[r][c], tol)) return false;
  return true;
}

// A copy the compiler cannot see through, so computations on it happen at run time.
template <class M>
M opaque(const M& m) {
  M out = m;
  for (auto& e : out) {
    volatile auto v = e;
    e = v;
  }
  return out;
}

}  // namespace test
