// write_header of a network whose element type has no exact C++ literal form here (int)
// expect: ctnn: write_header(os, net, name) needs a network of float, double, long double or ctnn::fixed
#include <sstream>

#include <ctnn/io.hpp>

#ifdef CTNN_COMPILE_FAIL
using element = int;
#else
using element = double;
#endif

void write(std::ostream& os) {
  ctnn::network<element, ctnn::dense<2, 1, ctnn::relu>> net{};
  (void)ctnn::write_header(os, net, "net");
}
