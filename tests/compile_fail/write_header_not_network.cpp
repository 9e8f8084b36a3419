// write_header of a matrix, not a network
// expect: ctnn: write_header(os, net, name) needs net to be a ctnn::network
#include <sstream>

#include <ctnn/io.hpp>

void write(std::ostream& os) {
#ifdef CTNN_COMPILE_FAIL
  ctnn::matrix<double, 2, 1> net{};
#else
  ctnn::network<double, ctnn::dense<2, 1>> net{};
#endif
  (void)ctnn::write_header(os, net, "net");
}
