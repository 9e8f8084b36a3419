// examples/firmware/host.cpp - the firmware's report, computed on the host
// from the same sources (predict_f32.cpp, predict_q7_8.cpp), followed by the
// double networks' outputs, for run_qemu.py to compare with QEMU's output.
#include <cstddef>
#include <cstdio>

#include "networks.hpp"
#include "report.hpp"

int main() {
  firmware::report([](const char* text, std::size_t size) { std::fwrite(text, 1, size, stdout); });
  const auto walkthrough = ctnn::predict(firmware::walkthrough_f64, firmware::walkthrough_X);
  for (std::size_t i = 0; i < walkthrough.rows(); ++i) std::printf("walkthrough f64 %zu %.12f\n", i, walkthrough(i, 0));
  const auto xor_yhat = ctnn::predict(firmware::xor_f64, firmware::xor_X);
  for (std::size_t i = 0; i < xor_yhat.rows(); ++i) std::printf("xor f64 %zu %.12f\n", i, xor_yhat(i, 0));
  std::printf("bounds f32 %g q7_8 %g\n", firmware::float_bound, firmware::fixed_bound);
}
