// examples/firmware/predict_f32.cpp - predict in float, on the FPU: the
// networks trained in double at compile time, converted to float at compile
// time, and stored in .rodata.
#include "networks.hpp"
#include "predict.h"

namespace {
template <class Net>
float predict_one(const Net& net, const float* x) {
  ctnn::matrix<float, 1, 2> X{};
  X(0, 0) = x[0];
  X(0, 1) = x[1];
  return ctnn::predict(net, X)(0, 0);
}
}  // namespace

extern "C" float walkthrough_predict_f32(const float* x) { return predict_one(firmware::walkthrough_f32, x); }
extern "C" float xor_predict_f32(const float* x) { return predict_one(firmware::xor_f32, x); }
