// examples/firmware/startup.cpp - the least a Cortex-M4 needs before main():
// a vector table, the FPU switched on, .data copied, .bss zeroed; and the
// two semihosting calls the program uses (write a string, exit). For QEMU's
// mps2-an386 with mps2-an386.ld.
//
// Semihosting is called directly (bkpt 0xab) rather than through newlib's
// librdimon (--specs=rdimon.specs): its initialise_monitor_handles sets up
// stdio, which links malloc, free and 8 KB more into the image.
#include <cstdint>

#include "semihosting.h"

extern "C" {
// From the linker script.
extern std::uint32_t __stack_top__[];
extern std::uint32_t __data_load__[], __data_start__[], __data_end__[];
extern std::uint32_t __bss_start__[], __bss_end__[];
extern void (*__init_array_start[])();
extern void (*__init_array_end[])();

[[noreturn]] void reset_handler();
void start();
[[noreturn]] void fault_handler();
}

// The FPU must be on before the first floating-point instruction, and the
// compiler may emit one in any C++ function (to copy memory, for example),
// so this runs first and is written in assembly: CPACR (0xE000ED88) bits
// 20-23 give CP10 and CP11, the FPU, full access.
extern "C" [[gnu::naked, noreturn]] void reset_handler() {
  asm volatile(
      "ldr r0, =0xE000ED88\n"
      "ldr r1, [r0]\n"
      "orr r1, r1, #(0xF << 20)\n"
      "str r1, [r0]\n"
      "dsb\n"
      "isb\n"
      "bl start\n"           // .data, .bss, constructors
      "bl main\n"            // (C++ code may not call main)
      "b semihosting_exit\n");  // with main's result, in r0
}

extern "C" void start() {
  for (std::uint32_t *from = __data_load__, *to = __data_start__; to < __data_end__;) *to++ = *from++;
  for (std::uint32_t* p = __bss_start__; p < __bss_end__;) *p++ = 0;
  for (auto f = __init_array_start; f < __init_array_end; ++f) (*f)();
}

// Any fault ends the run with a failure, rather than hanging QEMU.
extern "C" [[noreturn]] void fault_handler() { semihosting_exit(3); }

// Semihosting: r0 = operation, r1 = argument, bkpt 0xab; the debugger (QEMU)
// does the work.
namespace {
std::uint32_t semihosting_call(std::uint32_t operation, const void* argument) {
  register std::uint32_t r0 asm("r0") = operation;
  register const void* r1 asm("r1") = argument;
  asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}
}  // namespace

extern "C" void semihosting_write0(const char* text) { semihosting_call(0x04, text); }  // SYS_WRITE0

extern "C" [[noreturn]] void semihosting_exit(int status) {
  // SYS_EXIT with ADP_Stopped_ApplicationExit: QEMU exits with status 0;
  // any other reason (here RunTimeErrorUnknown) makes it exit with 1.
  const std::uint32_t reason = status == 0 ? 0x20026 : 0x20023;
  semihosting_call(0x18, reinterpret_cast<const void*>(reason));
  for (;;) {
  }
}

namespace {
using handler = void (*)();
struct vector_table {
  std::uint32_t* initial_stack;
  handler reset;
  handler exceptions[14];  // NMI, HardFault, MemManage, BusFault, UsageFault, 4 reserved, SVCall,
                           // DebugMonitor, reserved, PendSV, SysTick
};
}  // namespace

// At address 0 (see mps2-an386.ld): the core reads SP and PC from here on reset.
extern const vector_table vectors;
[[gnu::section(".vectors"), gnu::used]] const vector_table vectors{__stack_top__,
                           reset_handler,
                           {fault_handler, fault_handler, fault_handler, fault_handler, fault_handler, nullptr,
                            nullptr, nullptr, nullptr, fault_handler, fault_handler, nullptr, fault_handler,
                            fault_handler}};
