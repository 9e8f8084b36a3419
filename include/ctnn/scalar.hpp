// ctnn/scalar.hpp - the Scalar concept: what a matrix may hold.
#pragma once

#include <concepts>
#include <type_traits>

namespace ctnn {

// A Scalar is a number type with +, -, *, / and a zero from T{}: the
// built-in arithmetic types, and ctnn's own number types (which opt in by
// specialising enable_scalar). Reference, const and bool types are not Scalars.
template <class T>
inline constexpr bool enable_scalar =
    std::is_arithmetic_v<T> && !std::is_same_v<T, bool> && !std::is_const_v<T>;

template <class T>
concept Scalar = enable_scalar<T>;

}  // namespace ctnn
