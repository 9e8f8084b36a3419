/* examples/firmware/predict.h - the firmware's C interface: one call per
 * network and number format. x points to the 2 inputs, the result is the
 * network's single output. Q7.8 values are raw int16_t: value = raw / 256.
 * No state, no allocation: the weights are constants in .rodata. */
#pragma once

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

float walkthrough_predict_f32(const float* x);
int16_t walkthrough_predict_q7_8(const int16_t* x);
float xor_predict_f32(const float* x);
int16_t xor_predict_q7_8(const int16_t* x);

#ifdef __cplusplus
}
#endif
