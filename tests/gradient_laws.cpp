// The gradient law, once, for every model: backpropagation agrees with
// central differences, ‖g − g_num‖ / ‖g + g_num‖ < 1e-8, for every hidden
// activation × (output activation, loss) pair that fits × bias or not.
// Checked in constant evaluation for each combination, and again at run time.
#include <doctest/doctest.h>

#include <ctnn/ctnn.hpp>

namespace {

// Data for a 2-3-2 network: 3 examples, features in [0, 1], targets shaped
// for each loss. Small on purpose: 98 gradient checks run in constant evaluation.
constexpr ctnn::matrix<double, 3, 2> X{{0.1, 0.9}, {0.7, 0.2}, {0.8, 0.6}};
constexpr ctnn::matrix<double, 3, 2> probabilities{{0.2, 0.7}, {0.9, 0.4}, {0.5, 0.1}};
constexpr ctnn::matrix<double, 3, 2> one_hot{{1, 0}, {0, 1}, {0, 1}};
constexpr ctnn::matrix<double, 3, 2> real_valued{{1.5, -0.5}, {0.25, 2.0}, {-1.0, 0.75}};

template <class Output, class Loss>
constexpr const auto& targets() {
  if constexpr (std::is_same_v<Loss, ctnn::categorical_cross_entropy>) {
    return one_hot;
  } else if constexpr (std::is_same_v<Output, ctnn::identity>) {
    return real_valued;
  } else {
    return probabilities;
  }
}

template <class Hidden, class Output, class Loss, class Bias>
constexpr double law() {
  using net_t = ctnn::network<double, ctnn::dense<2, 3, Hidden, Bias>, ctnn::dense<3, 2, Output, Bias>>;
  auto net = ctnn::initialize<net_t>(2024);
  // Give biases non-zero values too, so their gradient is tested away from 0.
  if constexpr (std::is_same_v<Bias, ctnn::with_bias>) {
    ctnn::get<0>(net).bias = {{0.1, -0.2, 0.3}};
    ctnn::get<1>(net).bias = {{0.05, -0.15}};
  }
  return ctnn::gradient_check(net, X, targets<Output, Loss>(), Loss{});
}

template <class... T>
struct list {};

using hiddens = list<ctnn::sigmoid, ctnn::tanh, ctnn::relu, ctnn::leaky_relu, ctnn::identity, ctnn::softplus,
                     ctnn::softmax>;

template <class Output, class Loss>
struct head {
  using output = Output;
  using loss = Loss;
};
// Every (output activation, loss) pair that fits.
using heads = list<head<ctnn::sigmoid, ctnn::half_squared_error>, head<ctnn::sigmoid, ctnn::mean_squared_error>,
                   head<ctnn::sigmoid, ctnn::binary_cross_entropy>, head<ctnn::identity, ctnn::half_squared_error>,
                   head<ctnn::tanh, ctnn::mean_squared_error>, head<ctnn::softmax, ctnn::categorical_cross_entropy>,
                   head<ctnn::softmax, ctnn::half_squared_error>>;
using biases = list<ctnn::no_bias, ctnn::with_bias>;

// Runs f.template operator()<Hidden, Head, Bias>() over the whole product.
template <class F, class... H, class... O, class... B>
constexpr bool for_all(F f, list<H...>, list<O...>, list<B...>) {
  bool ok = true;
  (
      [&]<class Hd>() {
        (
            [&]<class Od>() {
              ((ok = ok && f.template operator()<Hd, Od, B>()), ...);
            }.template operator()<O>(),
            ...);
      }.template operator()<H>(),
      ...);
  return ok;
}

// Each combination is its own static_assert in its own class template,
// so each gets a fresh constant-evaluation budget, and a failure names the
// combination in the compiler's "in instantiation of law_holds<...>" line.
template <class Hd, class Od, class B>
struct law_holds {
  static_assert(law<Hd, typename Od::output, typename Od::loss, B>() < 1e-8,
                "gradient law: backpropagation disagrees with central differences");
  static constexpr bool value = true;
};

template <class... H, class... O, class... B>
constexpr bool instantiate_all(list<H...>, list<O...>, list<B...>) {
  bool ok = true;
  ([&]<class Hd>() { ([&]<class Od>() { ((ok = ok && law_holds<Hd, Od, B>::value), ...); }.template operator()<O>(), ...); }
       .template operator()<H>(),
   ...);
  return ok;
}
static_assert(instantiate_all(hiddens{}, heads{}, biases{}));

template <class T> constexpr const char* name = "?";
template <> constexpr const char* name<ctnn::sigmoid> = "sigmoid";
template <> constexpr const char* name<ctnn::tanh> = "tanh";
template <> constexpr const char* name<ctnn::relu> = "relu";
template <> constexpr const char* name<ctnn::leaky_relu> = "leaky_relu";
template <> constexpr const char* name<ctnn::identity> = "identity";
template <> constexpr const char* name<ctnn::softplus> = "softplus";
template <> constexpr const char* name<ctnn::softmax> = "softmax";
template <> constexpr const char* name<ctnn::half_squared_error> = "half_squared_error";
template <> constexpr const char* name<ctnn::mean_squared_error> = "mean_squared_error";
template <> constexpr const char* name<ctnn::binary_cross_entropy> = "binary_cross_entropy";
template <> constexpr const char* name<ctnn::categorical_cross_entropy> = "categorical_cross_entropy";
template <> constexpr const char* name<ctnn::no_bias> = "no_bias";
template <> constexpr const char* name<ctnn::with_bias> = "with_bias";

}  // namespace

TEST_CASE("gradient law at run time, every combination") {
  int checked = 0;
  for_all(
      [&]<class Hd, class Od, class B>() {
        const double r = law<Hd, typename Od::output, typename Od::loss, B>();
        INFO("hidden ", name<Hd>, ", output ", name<typename Od::output>, ", loss ", name<typename Od::loss>,
             ", ", name<B>, ": ratio ", r);
        CHECK(r < 1e-8);
        ++checked;
        return true;
      },
      hiddens{}, heads{}, biases{});
  CHECK(checked == 7 * 7 * 2);
}
