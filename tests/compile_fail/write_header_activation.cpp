// write_header of a network with an activation of the user's own that has no activation_spelling
// expect: ctnn: write_header(os, net, name) needs every activation to be ctnn's own or to have a ctnn::activation_spelling
#include <sstream>

#include <ctnn/io.hpp>

namespace my {
struct clipped {  // min(max(z, 0), 1)
  static constexpr bool elementwise = true;
  template <class T>
  static constexpr T value(T z) noexcept { return z < 0 ? T{0} : z > 1 ? T{1} : z; }
  template <class T>
  static constexpr T derivative(T z, T /*a*/) noexcept { return z > 0 && z < 1 ? T{1} : T{0}; }
};
}  // namespace my

#ifndef CTNN_COMPILE_FAIL
template <>
inline constexpr std::string_view ctnn::activation_spelling<my::clipped>{"my::clipped"};
#endif

void write(std::ostream& os) {
  ctnn::network<double, ctnn::dense<2, 1, my::clipped>> net{};
  (void)ctnn::write_header(os, net, "net");
}
