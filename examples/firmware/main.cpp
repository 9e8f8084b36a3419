// examples/firmware/main.cpp - a Cortex-M4 program (QEMU's mps2-an386) that
// runs two networks trained at compile time - the walkthrough's 2-3-1
// network (BFGS) and XOR - in float and in Q7.8 fixed point, and prints
// their outputs through semihosting. See README.md.
#include <cstddef>

#include "report.hpp"
#include "semihosting.h"

int main() {
  firmware::report([](const char* text, std::size_t /*size*/) { semihosting_write0(text); });
  semihosting_write0("done\n");
  return 0;
}
