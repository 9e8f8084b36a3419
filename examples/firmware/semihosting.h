/* examples/firmware/semihosting.h - the two semihosting calls the firmware
 * makes (startup.cpp): QEMU's -semihosting prints and exits for it. */
#pragma once

#ifdef __cplusplus
extern "C" {
#endif

/* Writes a NUL-terminated string to the host's console (SYS_WRITE0). */
void semihosting_write0(const char* text);
/* Ends the program; QEMU exits with 0 if status is 0, else 1 (SYS_EXIT). */
[[noreturn]] void semihosting_exit(int status);

#ifdef __cplusplus
}
#endif
