// ctnn/plot.hpp's text output: the sparkline and the ASCII chart, on
// histories small enough that the expected characters were worked out by
// hand (column c samples epoch e0 + c (e1 - e0) / (width - 1), J linearly
// interpolated; row = round((1 - t) (height - 1)), t = (J - lo) / (hi - lo)).
// The SVGs are checked by tests/plot/check_svgs.py. Run time only: plot.hpp
// is a run-time header.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <ctnn/plot.hpp>

namespace {
template <std::size_t N>
ctnn::loss_history<double, N> history_of(std::initializer_list<double> J) {
  ctnn::loss_history<double, N> h{};
  std::size_t e = 0;
  for (double v : J) h.record(e++, v);
  return h;
}
}  // namespace

TEST_CASE("sparkline: one block per column, lowest J as the lowest block") {
  std::ostringstream os;
  ctnn::sparkline(os, history_of<8>({7, 6, 5, 4, 3, 2, 1, 0}), 8);
  CHECK(os.str() == "\u2588\u2587\u2586\u2585\u2584\u2583\u2582\u2581");
  std::ostringstream flat;
  ctnn::sparkline(flat, history_of<4>({0.5, 0.5}), 3);  // constant J: all at the bottom
  CHECK(flat.str() == "\u2581\u2581\u2581");
  std::ostringstream none;
  ctnn::sparkline(none, ctnn::loss_history<double, 4>{}, 10);
  CHECK(none.str().empty());
}

TEST_CASE("plot_loss_text: rows, columns, labels") {
  std::ostringstream os;
  ctnn::plot_loss_text(os, history_of<4>({2, 1, 0}), {.width = 5, .height = 3});
  // columns at epochs 0, 0.5, 1, 1.5, 2: J = 2, 1.5, 1, 0.5, 0; rows 0, 1, 1, 2, 2.
  CHECK(os.str() ==
        "         2 +*    \n"
        "           | **  \n"
        "         0 +   **\n"
        "           +-----\n"
        "            0 2 epochs\n");
  std::ostringstream log;
  ctnn::plot_loss_text(log, history_of<4>({100, 10, 1}), {.width = 3, .height = 3, .log_y = true});
  CHECK(log.str() ==
        "       100 +*  \n"
        "           | * \n"
        "         1 +  *\n"
        "           +---\n"
        "            0 2 epochs   (J on a log scale)\n");
  std::ostringstream empty;
  ctnn::plot_loss_text(empty, ctnn::loss_history<double, 4>{});
  CHECK(empty.str() == "(no history)\n");
}

TEST_CASE("plot_loss_svg: one polyline vertex per point, escaped title") {
  std::ostringstream os;
  ctnn::plot_loss_svg(os, history_of<8>({1, 0.5, 0.25}), {.title = "a < b & c"});
  const std::string svg = os.str();
  CHECK(svg.find(">a &lt; b &amp; c</text>") != std::string::npos);
  const auto start = svg.find("points=\"");
  CHECK(start != std::string::npos);  // (not REQUIRE: the suite is also built without exceptions)
  const std::string points =
      start == std::string::npos ? "" : svg.substr(start + 8, svg.find('"', start + 8) - start - 8);
  // x: the plot spans 70 .. 620 px for epochs 0 .. 2; y: J from 0 (at 350 px) to 1 (at 40 px).
  CHECK(points == "70.00,40.00 345.00,195.00 620.00,272.50");
}

TEST_CASE("plots of degenerate input stay finite") {
  using net_t = ctnn::mlp<double, ctnn::sigmoid, 2, 2, 1>;
  const ctnn::matrix<double, 1, 2> X{{0.5, 0.5}};
  const ctnn::matrix<double, 1, 1> y{{1}};
  std::ostringstream os;
  // Empty ranges everywhere, and one cell.
  ctnn::plot_decision_boundary_svg(os, ctnn::initialize<net_t>(1), X, y,
                                   {.cells = 0, .x_min = 1, .x_max = 1, .y_min = 2, .y_max = 0, .value_min = 0.5,
                                    .value_max = 0.5});
  ctnn::plot_loss_svg(os, ctnn::loss_history<double, 4>{});   // nothing recorded
  ctnn::plot_loss_svg(os, history_of<4>({0.25}), {.log_y = true});  // one point
  ctnn::plot_loss_svg(os, history_of<4>({0.0, 0.0}), {.log_y = true});  // nothing positive
  const std::string svg = os.str();
  CHECK(svg.find("nan") == std::string::npos);
  CHECK(svg.find("inf") == std::string::npos);
  CHECK(svg.find("<rect class=\"cell\"") != std::string::npos);
}
