// <ctnn/io.hpp>: the exact text of operator<< and of write_header, and
// write_header's refusals. The expected texts are written out by hand; the
// hexadecimal literals in them are Python's float.hex() of the same numbers
// (e.g. (0.1).hex() == '0x1.999999999999ap-4'), without its trailing zeros.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include <ctnn/io.hpp>

namespace {

using net_t =
    ctnn::network<double, ctnn::dense<2, 2, ctnn::sigmoid>, ctnn::dense<2, 1, ctnn::leaky_relu, ctnn::with_bias>>;

constexpr net_t small_net() {
  net_t net{};
  ctnn::get<0>(net).weights = {{0.5, -0.25}, {0.1, 3.0}};
  ctnn::get<1>(net).weights = {{-2.5}, {0.1875}};
  ctnn::get<1>(net).bias = {{1e-300}};
  return net;
}

template <class T>
std::string text(const T& value) {
  std::ostringstream os;
  os << value;
  return os.str();
}

// Names a generated header may use, in constant evaluation.
static_assert(ctnn::valid_identifier("walkthrough_net"));
static_assert(ctnn::valid_identifier("W1"));
static_assert(ctnn::valid_identifier("x"));
static_assert(!ctnn::valid_identifier(""));
static_assert(!ctnn::valid_identifier("1net"));
static_assert(!ctnn::valid_identifier("my-net"));
static_assert(!ctnn::valid_identifier("my net"));
static_assert(!ctnn::valid_identifier("net;"));
static_assert(!ctnn::valid_identifier("constexpr"));
static_assert(!ctnn::valid_identifier("and"));
static_assert(!ctnn::valid_identifier("_net"));   // reserved at namespace scope
static_assert(!ctnn::valid_identifier("my__net"));
static_assert(!ctnn::valid_identifier("n\xc3\xa9t"));  // UTF-8 "nét": ASCII only

}  // namespace

TEST_CASE("valid_identifier at run time") {
  const char* good[] = {"walkthrough_net", "W1", "x", "int_", "Int"};
  const char* bad[] = {"", "1net", "my-net", "my net", "net;", "constexpr", "and", "_net", "my__net", "int",
                       "n\xc3\xa9t"};
  for (const char* name : good) CHECK_MESSAGE(ctnn::valid_identifier(name), name);
  for (const char* name : bad) CHECK_FALSE_MESSAGE(ctnn::valid_identifier(name), name);
}

TEST_CASE("operator<< prints a matrix with rows on lines and aligned columns") {
  const ctnn::matrix<double, 3, 2> X{{3, 5}, {5, 1}, {10, 2}};
  CHECK(text(X) ==
        "{{ 3, 5},\n"
        " { 5, 1},\n"
        " {10, 2}}");
  const ctnn::matrix<double, 2, 3> M{{1, -2.5, 3}, {100, 5, 0.125}};
  CHECK(text(M) ==
        "{{  1, -2.5,     3},\n"
        " {100,    5, 0.125}}");
  CHECK(text(ctnn::matrix<float, 1, 3>{{0.1f, 2.0f, -0.0f}}) == "{{0.1, 2, -0}}");
  // Numbers, not characters ('A' is 65).
  CHECK(text(ctnn::matrix<signed char, 1, 2>{{65, -3}}) == "{{65, -3}}");
}

TEST_CASE("operator<< follows the stream's format, and leaves a width for nothing but the first number") {
  const ctnn::matrix<double, 2, 2> M{{1.0 / 3.0, 2}, {-1, 0.5}};
  std::ostringstream os;
  os.precision(3);
  os << std::fixed << M;
  CHECK(os.str() ==
        "{{ 0.333, 2.000},\n"
        " {-1.000, 0.500}}");
  std::ostringstream wide;
  wide.width(20);
  wide << M << '|';
  CHECK(wide.str() ==
        "{{0.333333,   2},\n"
        " {      -1, 0.5}}|");
}

TEST_CASE("operator<< prints a fixed-point matrix as values") {
  using q7_8 = ctnn::fixed<7, 8, std::int16_t>;
  const auto Q = ctnn::quantize<q7_8>(ctnn::matrix<double, 1, 3>{{0.5, -1.25, 100}});
  CHECK(text(Q) == "{{0.5, -1.25, 100}}");
}

TEST_CASE("operator<< prints a network as its layers, shapes, activations and parameters") {
  CHECK(text(small_net()) ==
        "network<double>: 2 layers, 2 -> 2 -> 1, 7 parameters\n"
        "  layer 1: dense<2, 2, sigmoid>\n"
        "    W(1) = {{0.5, -0.25},\n"
        "            {0.1,     3}}\n"
        "  layer 2: dense<2, 1, leaky_relu(1/100), with_bias>\n"
        "    W(2) = {{  -2.5},\n"
        "            {0.1875}}\n"
        "    b(2) = {{1e-300}}\n");
  using q7_8 = ctnn::fixed<7, 8, std::int16_t>;
  using qnet_t = ctnn::network<q7_8, ctnn::dense<1, 2, ctnn::tanh, ctnn::with_bias>, ctnn::dense<2, 1, ctnn::sigmoid>>;
  qnet_t qnet{};
  ctnn::get<0>(qnet).weights = ctnn::quantize<q7_8>(ctnn::matrix<double, 1, 2>{{0.5, -1.25}});
  ctnn::get<0>(qnet).bias = ctnn::quantize<q7_8>(ctnn::matrix<double, 1, 2>{{0.125, 0}});
  ctnn::get<1>(qnet).weights = ctnn::quantize<q7_8>(ctnn::matrix<double, 2, 1>{{3}, {-0.5}});
  CHECK(text(qnet) ==
        "network<fixed<7, 8, std::int16_t>>: 2 layers, 1 -> 2 -> 1, 6 parameters\n"
        "  layer 1: dense<1, 2, tanh, with_bias>\n"
        "    W(1) = {{0.5, -1.25}}\n"
        "    b(1) = {{0.125, 0}}\n"
        "  layer 2: dense<2, 1, sigmoid>\n"
        "    W(2) = {{   3},\n"
        "            {-0.5}}\n");
  using all_t = ctnn::network<float, ctnn::dense<1, 1, ctnn::relu>, ctnn::dense<1, 1, ctnn::identity>,
                              ctnn::dense<1, 1, ctnn::softplus>, ctnn::dense<1, 1, ctnn::basic_leaky_relu<-1, 3>>,
                              ctnn::dense<1, 1, ctnn::fast_tanh>, ctnn::dense<1, 1, ctnn::fast_sigmoid>,
                              ctnn::dense<1, 1, ctnn::softmax>>;
  CHECK(text(all_t{}) ==
        "network<float>: 7 layers, 1 -> 1 -> 1 -> 1 -> 1 -> 1 -> 1 -> 1, 7 parameters\n"
        "  layer 1: dense<1, 1, relu>\n"
        "    W(1) = {{0}}\n"
        "  layer 2: dense<1, 1, identity>\n"
        "    W(2) = {{0}}\n"
        "  layer 3: dense<1, 1, softplus>\n"
        "    W(3) = {{0}}\n"
        "  layer 4: dense<1, 1, leaky_relu(-1/3)>\n"
        "    W(4) = {{0}}\n"
        "  layer 5: dense<1, 1, fast_tanh>\n"
        "    W(5) = {{0}}\n"
        "  layer 6: dense<1, 1, fast_sigmoid>\n"
        "    W(6) = {{0}}\n"
        "  layer 7: dense<1, 1, softmax>\n"
        "    W(7) = {{0}}\n");
}

TEST_CASE("write_header writes the network exactly, its type spelled out") {
  std::ostringstream os;
  CHECK(ctnn::write_header(os, small_net(), "small_net") == ctnn::header_status::ok);
  CHECK(os.str() ==
        "// small_net - a ctnn network: 2 layers, 7 parameters.\n"
        "//\n"
        "// Generated by ctnn::write_header (ctnn/io.hpp). Do not edit: regenerate it from the\n"
        "// program that trained the network. Values are exact (hexadecimal floating literals,\n"
        "// or fixed-point raw values); each row's comment gives them in decimal.\n"
        "#pragma once\n"
        "\n"
        "#include <ctnn/ctnn.hpp>\n"
        "\n"
        "inline constexpr ctnn::network<double,\n"
        "                               ctnn::dense<2, 2, ctnn::sigmoid, ctnn::no_bias>,\n"
        "                               ctnn::dense<2, 1, ctnn::basic_leaky_relu<1, 100>, ctnn::with_bias>>\n"
        "    small_net{{\n"
        "        // layer 1: W(1) is 2 x 2\n"
        "        ctnn::dense<2, 2, ctnn::sigmoid, ctnn::no_bias>::parameters<double>{\n"
        "            .weights = {{0x1p-1, -0x1p-2},  // 0.5, -0.25\n"
        "                        {0x1.999999999999ap-4, 0x1.8p+1}},  // 0.1, 3\n"
        "        },\n"
        "        // layer 2: W(2) is 2 x 1, b(2) is 1 x 1\n"
        "        ctnn::dense<2, 1, ctnn::basic_leaky_relu<1, 100>, ctnn::with_bias>::parameters<double>{\n"
        "            .weights = {{-0x1.4p+1},  // -2.5\n"
        "                        {0x1.8p-3}},  // 0.1875\n"
        "            .bias =    {{0x1.56e1fc2f8f359p-997}},  // 1e-300\n"
        "        },\n"
        "    }};\n");
}

TEST_CASE("write_header: float literals have the f suffix, fixed-point ones are raw values") {
  std::ostringstream f;
  CHECK(ctnn::write_header(f, ctnn::convert<float>(small_net()), "small_float") == ctnn::header_status::ok);
  CHECK(f.str().find("            .weights = {{0x1p-1f, -0x1p-2f},  // 0.5, -0.25\n"
                     "                        {0x1.99999ap-4f, 0x1.8p+1f}},  // 0.1, 3\n") != std::string::npos);
  CHECK(f.str().find("inline constexpr ctnn::network<float,\n") != std::string::npos);

  using q7_8 = ctnn::fixed<7, 8, std::int16_t>;
  std::ostringstream q;
  CHECK(ctnn::write_header(q, ctnn::quantize<q7_8>(small_net()), "small_q") == ctnn::header_status::ok);
  // 0.1 * 256 = 25.6 rounds to 26; 1e-300 to 0.
  CHECK(q.str().find("#include <cstdint>\n") != std::string::npos);
  CHECK(q.str().find("inline constexpr ctnn::network<ctnn::fixed<7, 8, std::int16_t>,\n") != std::string::npos);
  CHECK(q.str().find("            .weights = {{ctnn::fixed<7, 8, std::int16_t>::from_raw(128), "
                     "ctnn::fixed<7, 8, std::int16_t>::from_raw(-64)},  // 0.5, -0.25\n"
                     "                        {ctnn::fixed<7, 8, std::int16_t>::from_raw(26), "
                     "ctnn::fixed<7, 8, std::int16_t>::from_raw(768)}},  // 0.1015625, 3\n") != std::string::npos);
  CHECK(q.str().find(".bias =    {{ctnn::fixed<7, 8, std::int16_t>::from_raw(0)}},  // 0\n") != std::string::npos);
}

TEST_CASE("write_header refuses a name that is not an identifier, and writes nothing") {
  for (const char* name : {"", "1net", "my-net", "class", "_x", "a__b", "net{}; int x"}) {
    std::ostringstream os;
    CHECK(ctnn::write_header(os, small_net(), name) == ctnn::header_status::invalid_name);
    CHECK(os.str().empty());
    CHECK(os.fail());
  }
  CHECK(std::string(ctnn::describe(ctnn::header_status::invalid_name)).starts_with("ctnn: write_header"));
}

TEST_CASE("write_header refuses NaN and infinite parameters, and writes nothing") {
  for (double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()}) {
    auto net = small_net();
    ctnn::get<1>(net).bias(0, 0) = bad;
    std::ostringstream os;
    CHECK(ctnn::write_header(os, net, "net") == ctnn::header_status::not_finite);
    CHECK(os.str().empty());
    CHECK(os.fail());
  }
}

TEST_CASE("write_header on a failed stream reports it") {
  std::ostringstream os;
  os.setstate(std::ios::badbit);
  CHECK(ctnn::write_header(os, small_net(), "net") == ctnn::header_status::stream_error);
  CHECK(os.str().empty());
}
