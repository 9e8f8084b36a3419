// ctnn/matrix.hpp - matrix<T, Rows, Cols>: a fixed-size, row-major,
// constexpr matrix whose shape is part of its type.
//
//   constexpr ctnn::matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
//   constexpr ctnn::matrix W1{{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}};  // CTAD: matrix<double, 2, 3>
//   constexpr auto z2 = X * W1;                                    // matrix<double, 3, 3>
//   // W1 * X does not compile: "ctnn: matrix product needs lhs.cols() == rhs.rows()"
//
// It is a literal and structural type (all members public), so it can be a
// template argument, and it never allocates or throws.
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <type_traits>

#include "scalar.hpp"

// CTNN_CELLS(a): the elements of the std::array a as the C array it holds,
// for the loops that constant evaluation runs. GCC's evaluator keeps every
// tree it builds until the end of the translation unit, and it builds about
// 530 bytes of them for each std::array::operator[] call and about 120 for
// each dereference of a pointer into the array, but none for indexing the
// array itself. The member is public in every standard library (std::array
// is an aggregate) though the standard does not name it; with a library not
// listed here it is data(), which works the same but costs GCC the 120
// bytes again. A macro, not a function: a call costs Clang's evaluator
// steps and GCC's about 150 bytes more (88 steps and 6 KB an epoch of XOR
// 2-4-1). Callers bind it with auto&& or const auto&, which take either.
// CTNN_CELLS_USE_DATA selects data() everywhere (tests/cells_fallback).
#if defined(CTNN_CELLS_USE_DATA)
#define CTNN_CELLS(a) ((a).data())
#elif defined(__GLIBCXX__)
#define CTNN_CELLS(a) ((a)._M_elems)
#elif defined(_LIBCPP_VERSION)
#define CTNN_CELLS(a) ((a).__elems_)
#elif defined(_MSVC_STL_VERSION)
#define CTNN_CELLS(a) ((a)._Elems)
#else
#define CTNN_CELLS(a) ((a).data())
#endif

// CTNN_WIDE and CTNN_WIDE_LOOP(T), on a run-time function and its loop:
// 512-bit vectors on Clang for a CPU with AVX-512, where it uses 256 unless
// told (GCC does the same; Eigen's intrinsics use 512). Not inlined: the
// attribute would pass to the caller, whose short loops then ran slower
// (predict 16-32-32-4 float x1, a one-row layer's sums in half as many
// chains: 187 -> 329 ns).
#if defined(__clang__) && defined(__AVX512F__)
#define CTNN_HAS_WIDE 1
#define CTNN_PRAGMA(x) _Pragma(#x)
#define CTNN_WIDE [[clang::min_vector_width(512), gnu::noinline]]
#define CTNN_WIDE_LOOP(T) CTNN_PRAGMA(clang loop vectorize_width(64 / sizeof(T)))
#else
#define CTNN_HAS_WIDE 0
#define CTNN_WIDE
#define CTNN_WIDE_LOOP(T)
#endif

// CTNN_VECTOR_BYTES: the width of the target's vector registers, where
// GCC's and Clang's vector extension maps onto them (x86-64's SSE2, AVX and
// AVX-512; ARM's NEON). Elsewhere (a Cortex-M4 has no vector unit) it is
// left undefined and the plain loops run: GCC lowers a vector it cannot
// hold in registers through the stack, one lane at a time.
#if defined(__GNUC__) && defined(__has_builtin)
#if __has_builtin(__builtin_shufflevector) && __has_builtin(__builtin_bit_cast)
#if defined(__AVX512F__)
#define CTNN_VECTOR_BYTES 64
#elif defined(__AVX__)
#define CTNN_VECTOR_BYTES 32
#elif defined(__SSE2__) || defined(__ARM_NEON)
#define CTNN_VECTOR_BYTES 16
#endif
#endif
#endif

namespace ctnn {

namespace detail {
// Static_asserts test these bools, not the concepts: a failed concept makes
// both compilers append a satisfaction trace (6-9 lines) under our message.
template <class T>
inline constexpr bool is_scalar = Scalar<T>;

#if defined(CTNN_VECTOR_BYTES)
// R lanes of T in GCC's and Clang's vector extension (run time only).
template <class T, std::size_t Lanes>
struct lanes_of {
  typedef T type __attribute__((vector_size(Lanes * sizeof(T))));
};
// As many lanes of T as one register holds.
template <class T>
inline constexpr std::size_t register_lanes = CTNN_VECTOR_BYTES / sizeof(T);
// The widest vector of T, at most a register, whose lanes divide Cols (1 if
// none of 2 lanes or more does): the vectors along a row of Cols. Worth
// using if it is 16 bytes or more; a narrower one is no register of SSE2's
// or NEON's.
template <class T, std::size_t Cols>
inline constexpr std::size_t row_lanes = [] {
  std::size_t r = register_lanes<T>;
  while (r > 1 && Cols % r != 0) r /= 2;
  return r;
}();
#endif

// The tag of matrix's constructor for scratch space: zeros in constant
// evaluation (which may read no unset value), the elements left unset at
// run time. For a layer's z and a, a forward trace and a δ, every element of
// which is written before it is read: zeroing them first cost a memset of
// each (3.4 % of predict 16-32-32-4 float x32, Clang -O3;
// docs/runtime_speed.md). Not for users: a matrix read before it is filled
// would read indeterminate values. Built in place, never returned from a
// helper, so that no unset value is copied (GCC warns of the copy).
struct scratch_t {
  explicit scratch_t() = default;
};
inline constexpr scratch_t scratch{};
}  // namespace detail

template <class T, std::size_t Rows, std::size_t Cols>
struct matrix {
  static_assert(detail::is_scalar<T>, "ctnn: matrix<T, Rows, Cols> needs an arithmetic element type T (not bool)");
  static_assert(Rows > 0 && Cols > 0, "ctnn: matrix<T, Rows, Cols> needs Rows > 0 and Cols > 0");

  using value_type = T;
  using size_type = std::size_t;

  // Row-major: element (r, c) is elements[r * Cols + c]. Public, because a
  // structural type (usable as a template argument) may have no private members.
  // Zero unless a constructor says otherwise (each one below does).
  std::array<T, Rows * Cols> elements;

  constexpr matrix() noexcept : elements{} {}

  // Scratch: zeros in constant evaluation, unset at run time (see detail::scratch_t).
  constexpr explicit matrix(detail::scratch_t) noexcept {  // NOLINT(cppcoreguidelines-pro-type-member-init)
    if (std::is_constant_evaluated()) elements = {};
  }

  // Rows written as rows: matrix<double, 2, 3>{{1, 2, 3}, {4, 5, 6}}.
  template <std::size_t... Lengths>
    requires(sizeof...(Lengths) > 0)
  constexpr matrix(const T (&... rows)[Lengths]) noexcept : elements{} {  // NOLINT: implicit, for {{...}} syntax
    static_assert(sizeof...(Lengths) == Rows,
                  "ctnn: matrix<T, Rows, Cols>{{...}, ...} needs exactly Rows rows");
    static_assert(((Lengths == Cols) && ...),
                  "ctnn: matrix<T, Rows, Cols>{{...}, ...} needs every row to have Cols elements");
    if constexpr (sizeof...(Lengths) == Rows && ((Lengths == Cols) && ...)) {
      std::size_t i = 0;
      (copy_row(i++, rows), ...);
    }
  }

  static constexpr size_type rows() noexcept { return Rows; }
  static constexpr size_type cols() noexcept { return Cols; }
  static constexpr size_type size() noexcept { return Rows * Cols; }

  constexpr T& operator()(size_type r, size_type c) noexcept { return CTNN_CELLS(elements)[r * Cols + c]; }
  constexpr const T& operator()(size_type r, size_type c) const noexcept {
    return CTNN_CELLS(elements)[r * Cols + c];
  }

  // Iteration visits every element in row-major order.
  constexpr auto begin() noexcept { return elements.begin(); }
  constexpr auto end() noexcept { return elements.end(); }
  constexpr auto begin() const noexcept { return elements.begin(); }
  constexpr auto end() const noexcept { return elements.end(); }

  friend constexpr bool operator==(const matrix&, const matrix&) = default;

  // Compound assignment, used by the training loop to update weights in place.
  constexpr matrix& operator+=(const matrix& rhs) noexcept {
    auto&& O = CTNN_CELLS(elements);
    const auto& B = CTNN_CELLS(rhs.elements);
    for (size_type i = 0; i < Rows * Cols; ++i) O[i] += B[i];
    return *this;
  }
  constexpr matrix& operator-=(const matrix& rhs) noexcept {
    auto&& O = CTNN_CELLS(elements);
    const auto& B = CTNN_CELLS(rhs.elements);
    for (size_type i = 0; i < Rows * Cols; ++i) O[i] -= B[i];
    return *this;
  }
  constexpr matrix& operator*=(T s) noexcept {
    auto&& O = CTNN_CELLS(elements);
    for (size_type i = 0; i < Rows * Cols; ++i) O[i] *= s;
    return *this;
  }

 private:
  template <std::size_t N>
  constexpr void copy_row(std::size_t r, const T (&row)[N]) noexcept {
    for (std::size_t c = 0; c < N; ++c) elements[r * Cols + c] = row[c];
  }
};

// matrix X{{1.0, 2.0}, {3.0, 4.0}} is a matrix<double, 2, 2>.
template <class T, std::size_t C0, std::size_t... Cs>
matrix(const T (&)[C0], const T (&... rows)[Cs]) -> matrix<T, 1 + sizeof...(Cs), C0>;

// ---- concepts -------------------------------------------------------------

namespace detail {
template <class M>
struct is_matrix : std::false_type {};
template <class T, std::size_t R, std::size_t C>
struct is_matrix<matrix<T, R, C>> : std::true_type {};
}  // namespace detail

// Any ctnn::matrix.
template <class M>
concept Matrix = detail::is_matrix<std::remove_cvref_t<M>>::value;

// The shape rules, as values: the operators below static_assert exactly
// these, so `static_assert(!ctnn::multipliable<A, B>)` states what `a * b`
// would reject.
template <class A, class B>
concept multipliable = Matrix<A> && Matrix<B> &&
                       std::same_as<typename std::remove_cvref_t<A>::value_type,
                                    typename std::remove_cvref_t<B>::value_type> &&
                       std::remove_cvref_t<A>::cols() == std::remove_cvref_t<B>::rows();

template <class A, class B>
concept same_shape = Matrix<A> && Matrix<B> &&
                     std::same_as<typename std::remove_cvref_t<A>::value_type,
                                  typename std::remove_cvref_t<B>::value_type> &&
                     std::remove_cvref_t<A>::rows() == std::remove_cvref_t<B>::rows() &&
                     std::remove_cvref_t<A>::cols() == std::remove_cvref_t<B>::cols();

// ---- operations -----------------------------------------------------------
//
// A shape mismatch is reported by a static_assert whose text starts with the
// call, so it is the first error the user reads; the failing branch then
// returns a placeholder of the expected type so that no second error follows.

// Matrix product: (R1 x C1) * (C1 x C2) -> R1 x C2.
template <class T, std::size_t R1, std::size_t C1, class U, std::size_t R2, std::size_t C2>
constexpr matrix<T, R1, C2> operator*(const matrix<T, R1, C1>& a,
                                      const matrix<U, R2, C2>& b) noexcept {
  static_assert(std::is_same_v<T, U>, "ctnn: matrix product needs both matrices to have the same element type");
  static_assert(C1 == R2, "ctnn: matrix product needs lhs.cols() == rhs.rows()");
  matrix<T, R1, C2> out{};
  if constexpr (std::same_as<T, U> && C1 == R2) {
    // i-k-j order: the inner loop walks a row of b and a row of out, both
    // contiguous, and a(i, k) is read once. The C arrays (CTNN_CELLS), because
    // each call of std::array's operator[] is a step of constant evaluation's budget.
    const auto& A = CTNN_CELLS(a.elements);
    const auto& B = CTNN_CELLS(b.elements);
    auto&& O = CTNN_CELLS(out.elements);
    for (std::size_t i = 0; i < R1; ++i)
      for (std::size_t k = 0; k < C1; ++k)
        for (std::size_t j = 0; j < C2; ++j) O[i * C2 + j] += A[i * C1 + k] * B[k * C2 + j];
  }
  return out;
}

namespace detail {
template <class F, class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> zip_with(const matrix<T, R, C>& a, const matrix<T, R, C>& b, F f) noexcept {
  matrix<T, R, C> out{};
  const auto& A = CTNN_CELLS(a.elements);
  const auto& B = CTNN_CELLS(b.elements);
  auto&& O = CTNN_CELLS(out.elements);
  for (std::size_t i = 0; i < R * C; ++i) O[i] = f(A[i], B[i]);
  return out;
}
}  // namespace detail

// Written out rather than generated by a macro: a static_assert inside a
// macro expansion makes each compiler add "in expansion of macro" notes,
// doubling the diagnostic.
template <class T, std::size_t R1, std::size_t C1, class U, std::size_t R2, std::size_t C2>
constexpr matrix<T, R1, C1> operator+(const matrix<T, R1, C1>& a, const matrix<U, R2, C2>& b) noexcept {
  static_assert(std::is_same_v<T, U>, "ctnn: matrix sum A + B needs both matrices to have the same element type");
  static_assert(R1 == R2 && C1 == C2, "ctnn: matrix sum A + B needs both matrices to have the same shape");
  if constexpr (std::is_same_v<T, U> && R1 == R2 && C1 == C2) {
    return detail::zip_with(a, b, [](T lhs, T rhs) { return lhs + rhs; });
  } else {
    return {};
  }
}

template <class T, std::size_t R1, std::size_t C1, class U, std::size_t R2, std::size_t C2>
constexpr matrix<T, R1, C1> operator-(const matrix<T, R1, C1>& a, const matrix<U, R2, C2>& b) noexcept {
  static_assert(std::is_same_v<T, U>, "ctnn: matrix difference A - B needs both matrices to have the same element type");
  static_assert(R1 == R2 && C1 == C2, "ctnn: matrix difference A - B needs both matrices to have the same shape");
  if constexpr (std::is_same_v<T, U> && R1 == R2 && C1 == C2) {
    return detail::zip_with(a, b, [](T lhs, T rhs) { return lhs - rhs; });
  } else {
    return {};
  }
}

// Element-wise (Hadamard) product, the ⊙ of δ = -(y - ŷ) ⊙ f'(z).
template <class T, std::size_t R1, std::size_t C1, class U, std::size_t R2, std::size_t C2>
constexpr matrix<T, R1, C1> hadamard(const matrix<T, R1, C1>& a, const matrix<U, R2, C2>& b) noexcept {
  static_assert(std::is_same_v<T, U>, "ctnn: hadamard(A, B) needs both matrices to have the same element type");
  static_assert(R1 == R2 && C1 == C2, "ctnn: hadamard(A, B) needs both matrices to have the same shape");
  if constexpr (std::is_same_v<T, U> && R1 == R2 && C1 == C2) {
    return detail::zip_with(a, b, [](T lhs, T rhs) { return lhs * rhs; });
  } else {
    return {};
  }
}

// Applies f to every element: map(z2, f) is f(z2) in the maths.
template <class T, std::size_t R, std::size_t C, class F>
  requires std::regular_invocable<F&, T>
constexpr auto map(const matrix<T, R, C>& a, F f) noexcept {
  using U = std::remove_cvref_t<std::invoke_result_t<F&, T>>;
  matrix<U, R, C> out{};
  const auto& A = CTNN_CELLS(a.elements);
  auto&& O = CTNN_CELLS(out.elements);
  for (std::size_t i = 0; i < R * C; ++i) O[i] = f(A[i]);
  return out;
}

template <class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> operator-(const matrix<T, R, C>& a) noexcept {
  return map(a, [](T elem) { return -elem; });
}

// Scalars on either side. The scalar converts to T (type_identity keeps it
// out of deduction), so 2.0 * A works for a float matrix too.
template <class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> operator*(const matrix<T, R, C>& a, std::type_identity_t<T> s) noexcept {
  return map(a, [s](T elem) { return elem * s; });
}
template <class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> operator*(std::type_identity_t<T> s, const matrix<T, R, C>& a) noexcept {
  return map(a, [s](T elem) { return s * elem; });
}
template <class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> operator/(const matrix<T, R, C>& a, std::type_identity_t<T> s) noexcept {
  return map(a, [s](T elem) { return elem / s; });
}
// s / A divides s by every element (element-wise reciprocal when s == 1).
template <class T, std::size_t R, std::size_t C>
constexpr matrix<T, R, C> operator/(std::type_identity_t<T> s, const matrix<T, R, C>& a) noexcept {
  return map(a, [s](T elem) { return s / elem; });
}

template <class T, std::size_t R, std::size_t C>
constexpr matrix<T, C, R> transpose(const matrix<T, R, C>& a) noexcept {
  matrix<T, C, R> out{};
  const auto& A = CTNN_CELLS(a.elements);
  auto&& O = CTNN_CELLS(out.elements);
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < C; ++c) O[c * R + r] = A[r * C + c];
  return out;
}

// Sum of all elements: J = Σ ½ (y − ŷ)² is sum of a matrix.
template <class T, std::size_t R, std::size_t C>
constexpr T sum(const matrix<T, R, C>& a) noexcept {
  T s{};
  const auto& A = CTNN_CELLS(a.elements);
  for (std::size_t i = 0; i < R * C; ++i) s += A[i];
  return s;
}

// Adds the row vector b to every row of a: z = a W + b for a layer with bias.
template <class T, std::size_t R, std::size_t C, class U, std::size_t BR, std::size_t BC>
constexpr matrix<T, R, C> add_to_each_row(const matrix<T, R, C>& a, const matrix<U, BR, BC>& b) noexcept {
  static_assert(std::is_same_v<T, U> && BR == 1 && BC == C,
                "ctnn: add_to_each_row(A, b) needs b to be a 1 x A.cols() row of the same element type");
  matrix<T, R, C> out = a;
  if constexpr (std::same_as<T, U> && BR == 1 && BC == C) {
    auto&& O = CTNN_CELLS(out.elements);
    const auto& Bp = CTNN_CELLS(b.elements);
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t c = 0; c < C; ++c) O[r * C + c] += Bp[c];
  }
  return out;
}

// Sums each column into a 1 x C row: ∂J/∂b is column_sums(δ).
template <class T, std::size_t R, std::size_t C>
constexpr matrix<T, 1, C> column_sums(const matrix<T, R, C>& a) noexcept {
  matrix<T, 1, C> out{};
  const auto& A = CTNN_CELLS(a.elements);
  auto&& O = CTNN_CELLS(out.elements);
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < C; ++c) O[c] += A[r * C + c];
  return out;
}

// Row r as a 1 x C matrix.
template <class T, std::size_t R, std::size_t C>
constexpr matrix<T, 1, C> row(const matrix<T, R, C>& a, std::size_t r) noexcept {
  matrix<T, 1, C> out{};
  const auto& A = CTNN_CELLS(a.elements);
  auto&& O = CTNN_CELLS(out.elements);
  for (std::size_t c = 0; c < C; ++c) O[c] = A[r * C + c];
  return out;
}

// aᵀ b without forming aᵀ: (R x Ca)ᵀ (R x Cb) -> Ca x Cb. The backward pass's
// ∂J/∂W = a_prevᵀ δ.
template <class T, std::size_t R, std::size_t Ca, std::size_t Cb>
constexpr matrix<T, Ca, Cb> transpose_times(const matrix<T, R, Ca>& a, const matrix<T, R, Cb>& b) noexcept {
  matrix<T, Ca, Cb> out{};
  const auto& A = CTNN_CELLS(a.elements);
  const auto& B = CTNN_CELLS(b.elements);
  auto&& O = CTNN_CELLS(out.elements);
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t i = 0; i < Ca; ++i)
      for (std::size_t j = 0; j < Cb; ++j) O[i * Cb + j] += A[r * Ca + i] * B[r * Cb + j];
  return out;
}

// a bᵀ without forming bᵀ: (Ra x C)(Rb x C)ᵀ -> Ra x Rb. The backward pass's δ Wᵀ.
template <class T, std::size_t Ra, std::size_t C, std::size_t Rb>
constexpr matrix<T, Ra, Rb> times_transpose(const matrix<T, Ra, C>& a, const matrix<T, Rb, C>& b) noexcept {
  matrix<T, Ra, Rb> out{};
  const auto& A = CTNN_CELLS(a.elements);
  const auto& B = CTNN_CELLS(b.elements);
  auto&& O = CTNN_CELLS(out.elements);
  for (std::size_t i = 0; i < Ra; ++i)
    for (std::size_t j = 0; j < Rb; ++j) {
      T s{};
      for (std::size_t c = 0; c < C; ++c) s += A[i * C + c] * B[j * C + c];
      O[i * Rb + j] = s;
    }
  return out;
}

}  // namespace ctnn
