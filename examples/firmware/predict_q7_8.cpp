// examples/firmware/predict_q7_8.cpp - predict in Q7.8 fixed point: integer
// arithmetic only (no FPU, no libm), so it also builds for a Cortex-M0.
#include <cstdint>

#include "networks.hpp"
#include "predict.h"

namespace {
template <class Net>
std::int16_t predict_one(const Net& net, const std::int16_t* x) {
  ctnn::matrix<firmware::q, 1, 2> X{};
  X(0, 0) = firmware::q::from_raw(x[0]);
  X(0, 1) = firmware::q::from_raw(x[1]);
  return ctnn::predict(net, X)(0, 0).raw;
}
}  // namespace

extern "C" std::int16_t walkthrough_predict_q7_8(const std::int16_t* x) {
  return predict_one(firmware::walkthrough_q7_8, x);
}
extern "C" std::int16_t xor_predict_q7_8(const std::int16_t* x) { return predict_one(firmware::xor_q7_8, x); }
