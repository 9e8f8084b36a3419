// ctnn/io.hpp - run time only: print matrices and networks, and write a
// network as a C++ header that holds it as a constexpr value.
//
//   #include <ctnn/io.hpp>
//   std::cout << X << '\n';                   // {{ 3, 5},
//                                             //  { 5, 1},
//                                             //  {10, 2}}   rows on lines, columns aligned
//   std::cout << net;                         // its layers, shapes, activations and weights
//
//   std::ofstream out("walkthrough_net.hpp");
//   if (ctnn::write_header(out, fit.network, "walkthrough_net") != ctnn::header_status::ok) ...
//   // walkthrough_net.hpp: #include <ctnn/ctnn.hpp>
//   //                      inline constexpr ctnn::network<double, ...> walkthrough_net{...};
//
// So a network trained at run time (or anywhere) can be compiled into
// firmware: the header needs only <ctnn/ctnn.hpp>, and its weights are the
// trained ones bit for bit (hexadecimal floating literals, or raw integers
// for ctnn::fixed).
//
// This header uses <ostream>, so <ctnn/ctnn.hpp> never includes it. It
// throws nothing itself and reports errors by value (and the stream's
// failbit), so it works with -fno-exceptions.
#pragma once

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <ios>
#include <limits>
#include <ostream>
#include <sstream>
#include <string_view>
#include <system_error>
#include <type_traits>

#include <boost/hana/at.hpp>

#include "ctnn.hpp"

namespace ctnn {

// ---- names ----------------------------------------------------------------

// How an activation is spelled in C++, fully qualified: write_header writes
// it into the network's type, and operator<< prints it. ctnn's own are
// known; for an activation of your own, specialise this with its name
// (e.g. "my::swish") so that write_header accepts it.
template <class A>
inline constexpr std::string_view activation_spelling{};
template <>
inline constexpr std::string_view activation_spelling<sigmoid>{"ctnn::sigmoid"};
template <>
inline constexpr std::string_view activation_spelling<tanh>{"ctnn::tanh"};
template <>
inline constexpr std::string_view activation_spelling<fast_sigmoid>{"ctnn::fast_sigmoid"};
template <>
inline constexpr std::string_view activation_spelling<fast_tanh>{"ctnn::fast_tanh"};
template <>
inline constexpr std::string_view activation_spelling<relu>{"ctnn::relu"};
template <>
inline constexpr std::string_view activation_spelling<identity>{"ctnn::identity"};
template <>
inline constexpr std::string_view activation_spelling<softplus>{"ctnn::softplus"};
template <>
inline constexpr std::string_view activation_spelling<softmax>{"ctnn::softmax"};
// basic_leaky_relu<N, D> carries its slope in its arguments: see detail::write_activation.

namespace detail {

template <class A>
struct is_leaky_relu : std::false_type {};
template <int N, int D>
struct is_leaky_relu<basic_leaky_relu<N, D>> : std::true_type {
  static constexpr int num = N, den = D;
};

template <class A>
inline constexpr bool spellable_activation = is_leaky_relu<A>::value || !activation_spelling<A>.empty();

template <class T>
inline constexpr bool spellable_element =
    std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, long double> || is_fixed<T>::value;

// The activation's C++ name ("ctnn::basic_leaky_relu<1, 100>"), or with
// qualified == false its short name for printing ("leaky_relu(1/100)").
template <class A>
void write_activation(std::ostream& os, bool qualified) {
  if constexpr (is_leaky_relu<A>::value) {
    if (qualified)
      os << "ctnn::basic_leaky_relu<" << is_leaky_relu<A>::num << ", " << is_leaky_relu<A>::den << '>';
    else
      os << "leaky_relu(" << is_leaky_relu<A>::num << '/' << is_leaky_relu<A>::den << ')';
  } else {
    std::string_view name = activation_spelling<A>;
    if (!qualified && name.substr(0, 6) == "ctnn::") name.remove_prefix(6);
    os << name;
  }
}

template <class S>
constexpr std::string_view storage_spelling() {
  if constexpr (std::is_same_v<S, std::int8_t>) return "std::int8_t";
  else if constexpr (std::is_same_v<S, std::int16_t>) return "std::int16_t";
  else if constexpr (std::is_same_v<S, std::int32_t>) return "std::int32_t";
  // A signed integer of at most 32 bits (fixed's static_assert) that is none
  // of those, such as long where int32_t is int: its own name.
  else if constexpr (std::is_same_v<S, signed char>) return "signed char";
  else if constexpr (std::is_same_v<S, short>) return "short";
  else if constexpr (std::is_same_v<S, int>) return "int";
  else return "long";
}

// "double", "float", "long double", "ctnn::fixed<7, 8, std::int16_t>".
template <class T>
void write_element_type(std::ostream& os, bool qualified) {
  if constexpr (std::is_same_v<T, float>) os << "float";
  else if constexpr (std::is_same_v<T, double>) os << "double";
  else if constexpr (std::is_same_v<T, long double>) os << "long double";
  else if constexpr (is_fixed<T>::value)
    os << (qualified ? "ctnn::" : "") << "fixed<" << T::integer_bits << ", " << T::fraction_bits << ", "
       << storage_spelling<typename T::storage_type>() << '>';
}

// "ctnn::dense<2, 3, ctnn::sigmoid, ctnn::no_bias>".
template <class L>
void write_layer_type(std::ostream& os) {
  os << "ctnn::dense<" << L::inputs << ", " << L::outputs << ", ";
  write_activation<typename L::activation>(os, true);
  os << ", " << (L::has_bias ? "ctnn::with_bias" : "ctnn::no_bias") << '>';
}

// Room for any number this header writes: the longest, a long double, takes
// about 30 characters in hexadecimal or in shortest decimal form (a sign, 21
// significant digits, an exponent of 5 digits). Should it ever not fit,
// std::to_chars says so and write_literal fails the stream.
inline constexpr std::size_t number_buffer = 64;

// value as an exact C++ literal, through std::to_chars (locale-independent):
// a hexadecimal floating literal with its type's suffix, or from_raw(raw).
template <class T>
void write_literal(std::ostream& os, const T& value) {
  std::array<char, number_buffer> buf{};
  if constexpr (is_fixed<T>::value) {
    using S = typename T::storage_type;
    os << "ctnn::";
    write_element_type<T>(os, false);
    os << "::from_raw(";
    if (value.raw == std::numeric_limits<S>::min()) {
      // -2147483648 is -(2147483648), a long: write the minimum as min + 1 - 1.
      os << static_cast<long long>(value.raw) + 1 << " - 1";
    } else {
      os << static_cast<long long>(value.raw);
    }
    os << ')';
  } else {
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::hex);
    if (ec != std::errc{}) {  // never, with number_buffer's room; a broken header must not pass for one
      os.setstate(std::ios::failbit);
      return;
    }
    std::string_view digits(buf.data(), static_cast<std::size_t>(end - buf.data()));
    if (digits.front() == '-') {
      os << '-';
      digits.remove_prefix(1);
    }
    os << "0x" << digits;
    if constexpr (std::is_same_v<T, float>) os << 'f';
    if constexpr (std::is_same_v<T, long double>) os << 'L';
  }
}

// value's shortest decimal form that reads back as the same number: for the
// header's comments (readable; the literal itself is the hex one).
template <class T>
void write_decimal(std::ostream& os, const T& value) {
  std::array<char, number_buffer> buf{};
  std::to_chars_result r{};
  if constexpr (is_fixed<T>::value) {
    r = std::to_chars(buf.data(), buf.data() + buf.size(), static_cast<double>(value));  // exact: see fixed
  } else {
    r = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  }
  if (r.ec == std::errc{}) os.write(buf.data(), r.ptr - buf.data());
}

template <class T>
bool finite(const T& value) {
  if constexpr (is_fixed<T>::value) {
    return true;
  } else {
    return value == value && value - value == T{0};  // false for NaN and for ±infinity (inf - inf is NaN)
  }
}

// The C++ keywords and alternative tokens (C++20), which cannot be names.
inline constexpr std::string_view cpp_keywords[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
    "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
    "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
    "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
    "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
    "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
    "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq"};

}  // namespace detail

// Whether name can name the network in a generated header: ASCII letters,
// digits and '_', not starting with a digit, not a keyword, and not one of
// the names the standard reserves at namespace scope (starting with '_', or
// holding "__").
constexpr bool valid_identifier(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  if (name.front() == '_' || name.find("__") != std::string_view::npos) return false;
  for (std::string_view keyword : detail::cpp_keywords)
    if (name == keyword) return false;
  return true;
}

// What write_header did.
enum class header_status {
  ok,            // the header is written
  invalid_name,  // name is not a valid_identifier: nothing written
  not_finite,    // a weight or bias is NaN or infinite, which no literal spells: nothing written
  stream_error,  // the stream had failed before, or failed while writing
};

constexpr const char* describe(header_status s) noexcept {
  switch (s) {
    case header_status::ok: return "ok";
    case header_status::invalid_name:
      return "ctnn: write_header(os, net, name) needs name to be a C++ identifier (letters, digits, '_'; not a "
             "keyword; not starting with '_' or a digit; no \"__\")";
    case header_status::not_finite:
      return "ctnn: write_header(os, net, name) needs every weight and bias to be finite";
    case header_status::stream_error: return "ctnn: write_header(os, net, name): the stream failed";
  }
  return "ctnn: write_header: unknown status";
}

namespace detail {
template <class T, class... Layers>
header_status write_header_body(std::ostream& os, const network<T, Layers...>& net, std::string_view name) {
  using Net = network<T, Layers...>;

  if (!os) return header_status::stream_error;
  if (!valid_identifier(name)) {
    os.setstate(std::ios::failbit);
    return header_status::invalid_name;
  }
  bool all_finite = true;
  for_each_parameter(net, [&](const T& p) { all_finite = all_finite && detail::finite(p); });
  if (!all_finite) {
    os.setstate(std::ios::failbit);
    return header_status::not_finite;
  }

  os << "// " << name << " - a ctnn network: " << Net::depth << (Net::depth == 1 ? " layer" : " layers") << ", "
     << Net::parameter_count << " parameters.\n"
     << "//\n"
     << "// Generated by ctnn::write_header (ctnn/io.hpp). Do not edit: regenerate it from the\n"
     << "// program that trained the network. Values are exact (hexadecimal floating literals,\n"
     << "// or fixed-point raw values); each row's comment gives them in decimal.\n"
     << "#pragma once\n\n";
  if constexpr (detail::is_fixed<T>::value) os << "#include <cstdint>\n\n";
  os << "#include <ctnn/ctnn.hpp>\n\n"
     << "inline constexpr ctnn::network<";
  detail::write_element_type<T>(os, true);
  detail::for_each_index<Net::depth>([&](auto layer_index) {
    os << ",\n                               ";
    detail::write_layer_type<typename Net::template layer<layer_index>>(os);
  });
  os << ">\n    " << name << "{{\n";

  // Each matrix as rows of literals, one row a line, with its decimal values after.
  auto write_rows = [&os](const auto& m) {
    for (std::size_t r = 0; r < m.rows(); ++r) {
      os << (r == 0 ? "{" : "                        ") << '{';
      for (std::size_t c = 0; c < m.cols(); ++c) {
        if (c) os << ", ";
        detail::write_literal(os, m(r, c));
      }
      os << '}' << (r + 1 == m.rows() ? "}," : ",") << "  // ";
      for (std::size_t c = 0; c < m.cols(); ++c) {
        if (c) os << ", ";
        detail::write_decimal(os, m(r, c));
      }
      os << '\n';
    }
  };
  detail::for_each_index<Net::depth>([&](auto layer_index) {
    using L = typename Net::template layer<layer_index>;
    const auto& p = boost::hana::at_c<layer_index>(net.layers);
    const std::size_t number = layer_index + 1;
    os << "        // layer " << number << ": W(" << number << ") is " << L::inputs << " x " << L::outputs;
    if constexpr (L::has_bias) os << ", b(" << number << ") is 1 x " << L::outputs;
    os << "\n        ";
    detail::write_layer_type<L>(os);
    os << "::parameters<";
    detail::write_element_type<T>(os, true);
    os << ">{\n            .weights = ";
    write_rows(p.weights);
    if constexpr (L::has_bias) {
      os << "            .bias =    ";
      write_rows(p.bias);
    }
    os << "        },\n";
  });
  os << "    }};\n";
  return os ? header_status::ok : header_status::stream_error;
}
}  // namespace detail

// Writes to os a self-contained C++ header (#pragma once, #include
// <ctnn/ctnn.hpp>) that defines
//
//   inline constexpr ctnn::network<T, ctnn::dense<...>, ...> name{...};
//
// holding net's weights and biases exactly, so its predict is bit-identical
// to net's (compiled with the same compiler and flags) and it can be used in
// constant evaluation. Its type is spelled out; std::remove_const_t<decltype(name)>
// names it. T may be float, double, long double or ctnn::fixed<...>; the
// activations must be ctnn's or have an activation_spelling.
//
// On a name that is not a valid_identifier, a parameter that is not finite,
// or a stream already failed, it writes nothing, sets os's failbit and
// returns why; it never throws.
template <class T, class... Layers>
header_status write_header(std::ostream& os, const network<T, Layers...>& net, std::string_view name) {
  static_assert(detail::spellable_element<T>,
                "ctnn: write_header(os, net, name) needs a network of float, double, long double or ctnn::fixed");
  static_assert((detail::is_dense<Layers>::value && ...),
                "ctnn: write_header(os, net, name) needs every layer to be a ctnn::dense");
  static_assert((detail::spellable_activation<typename Layers::activation> && ...),
                "ctnn: write_header(os, net, name) needs every activation to be ctnn's own or to have a "
                "ctnn::activation_spelling");
  // After a failed check, stop there: no cascade of errors from the code below.
  if constexpr (!detail::spellable_element<T> || !(detail::is_dense<Layers>::value && ...) ||
                !(detail::spellable_activation<typename Layers::activation> && ...)) {
    return header_status::stream_error;
  } else {
    return detail::write_header_body(os, net, name);
  }
}

// Anything but a network: stops at ctnn's message, not at a list of candidates.
template <class NotANetwork>
header_status write_header(std::ostream&, const NotANetwork&, std::string_view) {
  static_assert(detail::is_network<NotANetwork>::value,
                "ctnn: write_header(os, net, name) needs net to be a ctnn::network");
  return header_status::stream_error;
}

// ---- printing ---------------------------------------------------------------

// A fixed-point number prints as its value (raw / 2^FractionBits).
template <int I, int F, class S>
std::ostream& operator<<(std::ostream& os, const fixed<I, F, S>& q) {
  return os << static_cast<double>(q);
}

namespace detail {
// A number as operator<< should see it: char-sized integers as numbers, not characters.
template <class T>
auto printable(const T& v) {
  if constexpr (std::is_integral_v<T>) {
    return +v;
  } else {
    return v;
  }
}

// The matrix as C++ would write it, rows on lines, each column right-aligned
// to its widest entry. indent is the column of the opening brace, so that
// each row's brace lines up under the first row's.
// Numbers follow os's format flags and precision (default: 6 significant digits).
template <class T, std::size_t R, std::size_t C>
void write_matrix(std::ostream& os, const matrix<T, R, C>& m, std::size_t indent) {
  std::array<std::size_t, C> width{};
  std::ostringstream one;
  one.copyfmt(os);
  one.width(0);
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t c = 0; c < C; ++c) {
      one.str({});
      one << printable(m(r, c));
      const std::size_t w = one.str().size();
      width[c] = w > width[c] ? w : width[c];
    }
  os.width(0);
  os << '{';
  for (std::size_t r = 0; r < R; ++r) {
    if (r) {
      os << ",\n";
      for (std::size_t i = 0; i <= indent; ++i) os << ' ';
    }
    os << '{';
    for (std::size_t c = 0; c < C; ++c) {
      if (c) os << ", ";
      os.width(static_cast<std::streamsize>(width[c]));
      os << printable(m(r, c));
    }
    os << '}';
  }
  os << '}';
}
}  // namespace detail

// {{1, 2, 3},
//  {4, 5, 6}}
template <class T, std::size_t R, std::size_t C>
std::ostream& operator<<(std::ostream& os, const matrix<T, R, C>& m) {
  detail::write_matrix(os, m, 0);
  return os;
}

// network<double>: 2 layers, 2 -> 3 -> 1, 9 parameters
//   layer 1: dense<2, 3, sigmoid>
//     W(1) = {{...},
//             {...}}
//   layer 2: ...
// Ends with a newline, as it is several lines.
template <class T, class... Layers>
std::ostream& operator<<(std::ostream& os, const network<T, Layers...>& net) {
  using Net = network<T, Layers...>;
  os << "network<";
  detail::write_element_type<T>(os, false);
  os << ">: " << Net::depth << (Net::depth == 1 ? " layer, " : " layers, ") << Net::inputs;
  detail::for_each_index<Net::depth>([&](auto layer_index) {
    os << " -> " << Net::template layer<layer_index>::outputs;
  });
  os << ", " << Net::parameter_count << " parameters\n";
  detail::for_each_index<Net::depth>([&](auto layer_index) {
    using L = typename Net::template layer<layer_index>;
    const auto& p = boost::hana::at_c<layer_index>(net.layers);
    const std::size_t number = layer_index + 1;
    os << "  layer " << number << ": dense<" << L::inputs << ", " << L::outputs << ", ";
    if constexpr (detail::spellable_activation<typename L::activation>) {
      detail::write_activation<typename L::activation>(os, false);
    } else {
      os << "(activation)";
    }
    os << (L::has_bias ? ", with_bias>\n" : ">\n");
    // Rows after the first line up under the first: indent by the label's length.
    std::ostringstream label;
    label << "    W(" << number << ") = ";
    os << label.str();
    detail::write_matrix(os, p.weights, label.str().size());
    os << '\n';
    if constexpr (L::has_bias) {
      os << "    b(" << number << ") = ";
      detail::write_matrix(os, p.bias, label.str().size());
      os << '\n';
    }
  });
  return os;
}

}  // namespace ctnn
