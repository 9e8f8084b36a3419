// ctnn/ctnn.hpp - everything in ctnn that is freestanding-friendly: no
// <iostream>, no allocation, no exceptions. Run-time helpers (printing,
// export) live beside it and are included on their own.
#pragma once

#include "math.hpp"
#include "fixed.hpp"  // before activation.hpp: math::sigmoid(fixed) must be declared first
#include "matrix.hpp"
#include "activation.hpp"
#include "loss.hpp"
#include "random.hpp"
#include "layer.hpp"
#include "network.hpp"
#include "regularization.hpp"
#include "optimizer.hpp"
#include "descend.hpp"
#include "history.hpp"
#include "train.hpp"
#include "gradient_check.hpp"
#include "staged.hpp"
#include "convert.hpp"
#include "quantize.hpp"
