// ctnn/plot.hpp - pictures of training, at run time: SVG and the terminal.
//
//   constexpr auto fit = ctnn::train(net, X, y, opt, ctnn::until{...}, ctnn::loss_history<double, 128>{});
//   std::ofstream loss("loss.svg");
//   ctnn::plot_loss_svg(loss, fit.history, {.title = "XOR", .log_y = true});
//   std::ofstream boundary("boundary.svg");
//   ctnn::plot_decision_boundary_svg(boundary, fit.network, X, y, {.title = "XOR"});
//   ctnn::plot_losses_svg(loss, {.title = "J"}, ctnn::curve(train_J, "train"), ctnn::curve(test_J, "test"));
//   ctnn::plot_loss_text(std::cout, fit.history);   // a small chart in characters
//   ctnn::sparkline(std::cout, fit.history, 40);    // one line of ▁▂▃▄▅▆▇█
//
// Run-time only, and never included by ctnn.hpp: it needs <ostream> and
// <cmath>. Nothing here allocates: numbers are formatted with snprintf into
// buffers on the stack, and written to the std::ostream given. Output is
// deterministic (the same history gives the same bytes), so that an
// example's printed chart can be checked.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <ostream>

#include "history.hpp"
#include "matrix.hpp"
#include "network.hpp"

namespace ctnn {

// Options of plot_loss_svg.
struct loss_plot {
  const char* title = "Loss";
  bool log_y = false;          // log-scale J axis (points with J <= 0 are left out)
  int width = 640;             // of the SVG, in pixels
  int height = 400;
  const char* x_label = "epoch";
  const char* y_label = "J";
  const char* color = "#1f77b4";
};

// Options of plot_decision_boundary_svg. The plane [x_min, x_max] x
// [y_min, y_max] of the two inputs is cut into cells x cells squares,
// each coloured by ŷ at its centre, from blue (value_min) through white to
// red (value_max); contour lines are drawn where ŷ crosses each of the
// first level_count levels (0.5 by default: the decision boundary).
struct boundary_plot {
  const char* title = "Decision boundary";
  int width = 480;
  int height = 480;
  std::size_t cells = 60;      // per side, at most max_cells
  double x_min = -0.1, x_max = 1.1, y_min = -0.1, y_max = 1.1;  // data scaled to [0, 1], with a margin
  double value_min = 0, value_max = 1;
  std::array<double, 8> levels{0.5};
  std::size_t level_count = 1;
  const char* x_label = "x1";
  const char* y_label = "x2";
  static constexpr std::size_t max_cells = 256;
};

// Options of plot_loss_text.
struct text_plot {
  std::size_t width = 60;      // columns of the plot area, at most max_width
  std::size_t height = 10;     // rows of the plot area, at most max_height
  bool log_y = false;
  static constexpr std::size_t max_width = 200;
  static constexpr std::size_t max_height = 50;
};

// One line of a loss chart: a view of a loss_history (which must outlive
// it), with a legend label and a colour (nullptr: the next of a palette).
template <class T>
struct loss_curve {
  const std::size_t* epoch = nullptr;
  const T* loss = nullptr;
  std::size_t count = 0;
  const char* label = "";
  const char* color = nullptr;
};
template <class T, std::size_t N>
constexpr loss_curve<T> curve(const loss_history<T, N>& h, const char* label = "", const char* color = nullptr) {
  return {h.epoch.data(), h.loss.data(), h.count, label, color};
}

namespace detail::plot {

struct number {
  char text[32];
};
inline number format(const char* fmt, double v) {
  number n{};
  std::snprintf(n.text, sizeof n.text, fmt, v);
  return n;
}

// Writes s with XML's five special characters escaped.
inline void write_escaped(std::ostream& os, const char* s) {
  for (; s && *s; ++s) {
    switch (*s) {
      case '&': os << "&amp;"; break;
      case '<': os << "&lt;"; break;
      case '>': os << "&gt;"; break;
      case '"': os << "&quot;"; break;
      case '\'': os << "&apos;"; break;
      default: os << *s;
    }
  }
}

// A "nice" tick step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over span.
inline double nice_step(double span, int ticks) {
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
}

// Digits after the point for labels at multiples of step.
inline int decimals_for(double step) {
  const int d = static_cast<int>(-std::floor(std::log10(step) + 1e-9));
  return d > 0 ? (d < 12 ? d : 12) : 0;
}

inline number format_fixed(double v, int decimals) {
  number n{};
  std::snprintf(n.text, sizeof n.text, "%.*f", decimals, v == 0 ? 0.0 : v);  // no "-0"
  return n;
}

// The J axis: [low, high], in J or in log10 J.
struct axis {
  double low = 0, high = 1;
  bool log = false;
  double step = 0.1;  // between ticks (in log10 units for a log axis)
};

inline bool plottable(double J, bool log) { return std::isfinite(J) && (!log || J > 0); }

template <class T>
axis loss_axis(const loss_curve<T>* curves, std::size_t k, bool log) {
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t c = 0; c < k; ++c)
    for (std::size_t i = 0; i < curves[c].count; ++i) {
      const double J = static_cast<double>(curves[c].loss[i]);
      if (!plottable(J, log)) continue;
      const double v = log ? std::log10(J) : J;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
  axis a{};
  a.log = log;
  if (!(lo <= hi)) return a;  // nothing to plot
  if (log) {
    a.low = std::floor(lo);
    a.high = std::ceil(hi);
    if (a.high <= a.low) a.high = a.low + 1;
    const double decades = a.high - a.low;
    a.step = decades <= 6 ? 1 : std::ceil(decades / 6);
    return a;
  }
  if (lo >= 0) lo = 0;  // a loss curve reads best from 0
  if (hi <= lo) hi = lo + 1;
  a.step = nice_step(hi - lo, 5);
  a.low = std::floor(lo / a.step) * a.step;
  a.high = std::ceil(hi / a.step - 1e-9) * a.step;
  return a;
}

// Blue (t = 0) through near-white (t = 0.5) to red (t = 1).
inline void write_color(std::ostream& os, double t) {
  t = t > 0 ? (t < 1 ? t : 1) : 0;  // NaN too becomes 0
  constexpr double blue[3] = {59, 76, 192}, white[3] = {242, 242, 242}, red[3] = {180, 4, 38};
  const double* from = t < 0.5 ? blue : white;
  const double* to = t < 0.5 ? white : red;
  const double s = t < 0.5 ? 2 * t : 2 * t - 1;
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", static_cast<unsigned>(from[0] + s * (to[0] - from[0]) + 0.5),
                static_cast<unsigned>(from[1] + s * (to[1] - from[1]) + 0.5),
                static_cast<unsigned>(from[2] + s * (to[2] - from[2]) + 0.5));
  os << text;
}

inline void svg_open(std::ostream& os, int width, int height, const char* title) {
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
     << "\" viewBox=\"0 0 " << width << ' ' << height
     << "\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">\n"
     << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
     << "<text class=\"title\" x=\"" << width / 2 << "\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">";
  write_escaped(os, title);
  os << "</text>\n";
}

inline void text_at(std::ostream& os, double x, double y, const char* anchor, const char* s, const char* extra = "") {
  os << "<text x=\"" << format("%.1f", x).text << "\" y=\"" << format("%.1f", y).text << "\" text-anchor=\"" << anchor
     << '"' << extra << '>';
  write_escaped(os, s);
  os << "</text>\n";
}

inline void line(std::ostream& os, double x1, double y1, double x2, double y2, const char* style) {
  os << "<line x1=\"" << format("%.2f", x1).text << "\" y1=\"" << format("%.2f", y1).text << "\" x2=\""
     << format("%.2f", x2).text << "\" y2=\"" << format("%.2f", y2).text << "\" " << style << "/>\n";
}

// The plot area of an SVG: margins for the title, the ticks and the labels.
struct frame {
  double left, top, right, bottom;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};
inline frame frame_for(int width, int height) {
  return {70.0, 40.0, static_cast<double>(width) - 20.0, static_cast<double>(height) - 50.0};
}

inline void axis_labels(std::ostream& os, const frame& f, const char* x_label, const char* y_label) {
  text_at(os, (f.left + f.right) / 2, f.bottom + 40, "middle", x_label, " class=\"x-label\"");
  char rotate[96];
  std::snprintf(rotate, sizeof rotate, " class=\"y-label\" transform=\"rotate(-90 %.1f %.1f)\"", 18.0,
                (f.top + f.bottom) / 2);
  text_at(os, 18, (f.top + f.bottom) / 2, "middle", y_label, rotate);
}

}  // namespace detail::plot

namespace detail::plot {
inline constexpr const char* palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

template <class T>
void loss_svg(std::ostream& os, const loss_curve<T>* curves, std::size_t k, const loss_plot& o) {
  namespace p = detail::plot;
  const p::frame f = p::frame_for(o.width, o.height);
  const p::axis a = p::loss_axis(curves, k, o.log_y);
  double e0 = INFINITY, e1 = -INFINITY;
  for (std::size_t c = 0; c < k; ++c)
    if (curves[c].count > 0) {
      const double first = static_cast<double>(curves[c].epoch[0]);
      const double last = static_cast<double>(curves[c].epoch[curves[c].count - 1]);
      e0 = first < e0 ? first : e0;
      e1 = last > e1 ? last : e1;
    }
  if (!(e0 <= e1)) e0 = 0, e1 = 1;  // nothing recorded
  if (e1 <= e0) e1 = e0 + 1;
  const double x_step = p::nice_step(e1 - e0, 6) < 1 ? 1 : p::nice_step(e1 - e0, 6);
  const auto px = [&](double epoch_value) { return f.left + (epoch_value - e0) / (e1 - e0) * f.width(); };
  const auto py = [&](double j_value) { return f.bottom - (j_value - a.low) / (a.high - a.low) * f.height(); };

  p::svg_open(os, o.width, o.height, o.title);
  // Grid lines and J ticks.
  os << "<g class=\"y-ticks\">\n";
  for (double v = a.low; v <= a.high + a.step * 1e-6; v += a.step) {
    p::line(os, f.left, py(v), f.right, py(v), "stroke=\"#dddddd\"");
    p::line(os, f.left - 5, py(v), f.left, py(v), "stroke=\"black\"");
    const p::number label = a.log ? p::format("1e%.0f", v) : p::format_fixed(v, p::decimals_for(a.step));
    p::text_at(os, f.left - 8, py(v) + 4, "end", label.text);
  }
  os << "</g>\n<g class=\"x-ticks\">\n";
  for (double e = std::ceil(e0 / x_step) * x_step; e <= e1 + 1e-9; e += x_step) {
    p::line(os, px(e), f.bottom, px(e), f.bottom + 5, "stroke=\"black\"");
    p::text_at(os, px(e), f.bottom + 20, "middle", p::format("%.0f", e).text);
  }
  os << "</g>\n";
  p::line(os, f.left, f.top, f.left, f.bottom, "stroke=\"black\"");
  p::line(os, f.left, f.bottom, f.right, f.bottom, "stroke=\"black\"");
  p::axis_labels(os, f, o.x_label, o.log_y ? "J (log scale)" : o.y_label);
  for (std::size_t c = 0; c < k; ++c) {
    const loss_curve<T>& cv = curves[c];
    const char* color = cv.color ? cv.color : k == 1 && o.color ? o.color : palette[c % 6];
    os << "<polyline class=\"loss\" fill=\"none\" stroke=\"";
    p::write_escaped(os, color);
    os << "\" stroke-width=\"2\" points=\"";
    const char* sep = "";
    for (std::size_t i = 0; i < cv.count; ++i) {
      const double J = static_cast<double>(cv.loss[i]);
      if (!p::plottable(J, o.log_y)) continue;
      os << sep << p::format("%.2f", px(static_cast<double>(cv.epoch[i]))).text << ','
         << p::format("%.2f", py(o.log_y ? std::log10(J) : J)).text;
      sep = " ";
    }
    os << "\"/>\n";
    if (cv.label && *cv.label) {  // legend entry, top right inside the plot
      const double ly = f.top + 16 + 18 * static_cast<double>(c);
      char style[64];
      std::snprintf(style, sizeof style, "stroke=\"%s\" stroke-width=\"2\"", color);
      p::line(os, f.right - 150, ly - 4, f.right - 125, ly - 4, style);
      p::text_at(os, f.right - 118, ly, "start", cv.label, " class=\"legend\"");
    }
  }
  os << "</svg>\n";
}
}  // namespace detail::plot

// An SVG line chart of J against the epoch, from a loss_history: one
// polyline with a vertex per plotted point (every point of the history,
// less non-finite ones, and those with J <= 0 on a log scale), axes with
// ticks, tick labels, axis labels and a title.
template <class T, std::size_t N>
void plot_loss_svg(std::ostream& os, const loss_history<T, N>& h, const loss_plot& o = {}) {
  const loss_curve<T> one = curve(h);
  detail::plot::loss_svg(os, &one, 1, o);
}

// The same with several curves on one pair of axes, each with a legend
// label, e.g. the training and the test error:
//   ctnn::plot_losses_svg(os, {.title = "J"}, ctnn::curve(train_J, "train"), ctnn::curve(test_J, "test"));
template <class T, class... More>
void plot_losses_svg(std::ostream& os, const loss_plot& o, const loss_curve<T>& first, const More&... more) {
  const loss_curve<T> curves[] = {first, more...};
  detail::plot::loss_svg(os, curves, 1 + sizeof...(More), o);
}

namespace detail::plot {
template <class Net, class T, std::size_t N>
void boundary(std::ostream& os, const Net& net, const matrix<T, N, 2>& X, const matrix<T, N, 1>& y,
              const boundary_plot& options);
}  // namespace detail::plot

// An SVG of what a 2-input, 1-output network predicts over the plane: a
// grid of cells coloured by ŷ, contour lines at the levels, and the
// training points (X's rows) as circles coloured by their y.
template <class T, class... L, std::size_t N, std::size_t M, std::size_t YC>
void plot_decision_boundary_svg(std::ostream& os, const network<T, L...>& net, const matrix<T, N, M>& X,
                                const matrix<T, N, YC>& y, const boundary_plot& o = {}) {
  using Net = network<T, L...>;
  static_assert(Net::inputs == 2 && M == 2 && Net::outputs == 1 && YC == 1,
                "ctnn: plot_decision_boundary_svg(os, net, X, y) needs a network with 2 inputs and 1 output");
  if constexpr (Net::inputs == 2 && M == 2 && Net::outputs == 1 && YC == 1) detail::plot::boundary(os, net, X, y, o);
}

namespace detail::plot {
template <class Net, class T, std::size_t N>
void boundary(std::ostream& os, const Net& net, const matrix<T, N, 2>& X, const matrix<T, N, 1>& y,
              const boundary_plot& options) {
  namespace p = detail::plot;
  // Empty or reversed ranges would divide by zero: widen them.
  boundary_plot o = options;
  if (!(o.x_max > o.x_min)) o.x_max = o.x_min + 1;
  if (!(o.y_max > o.y_min)) o.y_max = o.y_min + 1;
  if (!(o.value_max > o.value_min)) o.value_max = o.value_min + 1;
  const p::frame f = p::frame_for(o.width, o.height);
  const std::size_t cells = o.cells < 1 ? 1 : o.cells > boundary_plot::max_cells ? boundary_plot::max_cells : o.cells;
  const double dx = (o.x_max - o.x_min) / static_cast<double>(cells);
  const double dy = (o.y_max - o.y_min) / static_cast<double>(cells);
  const auto px = [&](double x_value) { return f.left + (x_value - o.x_min) / (o.x_max - o.x_min) * f.width(); };
  const auto py = [&](double y_value) { return f.bottom - (y_value - o.y_min) / (o.y_max - o.y_min) * f.height(); };
  const auto t_of = [&](double yhat_value) { return (yhat_value - o.value_min) / (o.value_max - o.value_min); };
  const auto yhat_at = [&](double input1, double input2) {
    const matrix<T, 1, 2> grid_point{{static_cast<T>(input1), static_cast<T>(input2)}};
    return static_cast<double>(predict(net, grid_point)(0, 0));
  };

  p::svg_open(os, o.width, o.height, o.title);
  // Cells, a little larger than their spacing so that no seams show.
  os << "<g class=\"cells\" shape-rendering=\"crispEdges\">\n";
  const double cw = f.width() / static_cast<double>(cells), ch = f.height() / static_cast<double>(cells);
  for (std::size_t j = 0; j < cells; ++j)
    for (std::size_t i = 0; i < cells; ++i) {
      const double v =
          yhat_at(o.x_min + (static_cast<double>(i) + 0.5) * dx, o.y_min + (static_cast<double>(j) + 0.5) * dy);
      os << "<rect class=\"cell\" x=\"" << p::format("%.2f", f.left + static_cast<double>(i) * cw).text << "\" y=\""
         << p::format("%.2f", f.bottom - static_cast<double>(j + 1) * ch).text << "\" width=\""
         << p::format("%.2f", cw + 0.5).text << "\" height=\"" << p::format("%.2f", ch + 0.5).text << "\" fill=\"";
      p::write_color(os, t_of(v));
      os << "\"/>\n";
    }
  os << "</g>\n";
  // Contours by marching squares over the cell corners, two rows at a time.
  os << "<g class=\"contours\" stroke=\"black\" stroke-width=\"1.5\" fill=\"none\">\n";
  std::array<double, boundary_plot::max_cells + 1> below{}, above{};
  const std::size_t levels = o.level_count < o.levels.size() ? o.level_count : o.levels.size();
  for (std::size_t i = 0; i <= cells; ++i) below[i] = yhat_at(o.x_min + static_cast<double>(i) * dx, o.y_min);
  for (std::size_t j = 0; j < cells; ++j) {
    for (std::size_t i = 0; i <= cells; ++i)
      above[i] = yhat_at(o.x_min + static_cast<double>(i) * dx, o.y_min + static_cast<double>(j + 1) * dy);
    for (std::size_t k = 0; k < levels; ++k) {
      const double c = o.levels[k];
      for (std::size_t i = 0; i < cells; ++i) {
        // Corners: a (x0, y0), b (x1, y0), d (x0, y1), e (x1, y1).
        const double x0 = o.x_min + static_cast<double>(i) * dx, y0 = o.y_min + static_cast<double>(j) * dy;
        const double va = below[i], vb = below[i + 1], vd = above[i], ve = above[i + 1];
        // Where the level crosses each edge (if it does).
        std::array<double, 8> pts{};
        std::size_t n = 0;
        const auto cross = [&](double v_from, double v_to, double xa, double ya, double xb, double yb) {
          if ((v_from < c) == (v_to < c)) return;
          const double fraction = (c - v_from) / (v_to - v_from);
          pts[n++] = xa + fraction * (xb - xa);
          pts[n++] = ya + fraction * (yb - ya);
        };
        cross(va, vb, x0, y0, x0 + dx, y0);            // bottom
        cross(vb, ve, x0 + dx, y0, x0 + dx, y0 + dy);  // right
        cross(ve, vd, x0 + dx, y0 + dy, x0, y0 + dy);  // top
        cross(vd, va, x0, y0 + dy, x0, y0);            // left
        if (n >= 4) p::line(os, px(pts[0]), py(pts[1]), px(pts[2]), py(pts[3]), "class=\"contour\"");
        if (n == 8) p::line(os, px(pts[4]), py(pts[5]), px(pts[6]), py(pts[7]), "class=\"contour\"");
      }
    }
    below = above;
  }
  os << "</g>\n";
  if (levels > 0) {  // which lines are drawn, above the plot's right corner
    os << "<text class=\"levels\" x=\"" << p::format("%.1f", f.right).text << "\" y=\""
       << p::format("%.1f", f.top - 5).text << "\" text-anchor=\"end\" font-size=\"10\">contours at ";
    for (std::size_t k = 0; k < levels; ++k) os << (k > 0 ? ", " : "") << p::format("%g", o.levels[k]).text;
    os << "</text>\n";
  }
  // Axes, ticks and labels.
  const double xs = p::nice_step(o.x_max - o.x_min, 5), ys = p::nice_step(o.y_max - o.y_min, 5);
  for (double v = std::ceil(o.x_min / xs - 1e-9) * xs; v <= o.x_max + xs * 1e-6; v += xs) {
    p::line(os, px(v), f.bottom, px(v), f.bottom + 5, "stroke=\"black\"");
    p::text_at(os, px(v), f.bottom + 20, "middle", p::format_fixed(v, p::decimals_for(xs)).text);
  }
  for (double v = std::ceil(o.y_min / ys - 1e-9) * ys; v <= o.y_max + ys * 1e-6; v += ys) {
    p::line(os, f.left - 5, py(v), f.left, py(v), "stroke=\"black\"");
    p::text_at(os, f.left - 8, py(v) + 4, "end", p::format_fixed(v, p::decimals_for(ys)).text);
  }
  os << "<rect x=\"" << p::format("%.1f", f.left).text << "\" y=\"" << p::format("%.1f", f.top).text << "\" width=\""
     << p::format("%.1f", f.width()).text << "\" height=\"" << p::format("%.1f", f.height()).text
     << "\" fill=\"none\" stroke=\"black\"/>\n";
  p::axis_labels(os, f, o.x_label, o.y_label);
  // The training points.
  os << "<g class=\"points\" stroke=\"black\" stroke-width=\"1.5\">\n";
  for (std::size_t r = 0; r < N; ++r) {
    os << "<circle cx=\"" << p::format("%.2f", px(static_cast<double>(X(r, 0)))).text << "\" cy=\""
       << p::format("%.2f", py(static_cast<double>(X(r, 1)))).text << "\" r=\"6\" fill=\"";
    p::write_color(os, t_of(static_cast<double>(y(r, 0))));
    os << "\"/>\n";
  }
  os << "</g>\n</svg>\n";
}
}  // namespace detail::plot

namespace detail::plot {
// J at epoch e, by linear interpolation between the history's points.
template <class T, std::size_t N>
double loss_at(const loss_history<T, N>& h, double e) {
  if (h.count < 2) return static_cast<double>(h.loss[0]);
  std::size_t i = 1;
  while (i + 1 < h.count && static_cast<double>(h.epoch[i]) < e) ++i;
  const double ea = static_cast<double>(h.epoch[i - 1]), eb = static_cast<double>(h.epoch[i]);
  const double Ja = static_cast<double>(h.loss[i - 1]), Jb = static_cast<double>(h.loss[i]);
  if (eb <= ea) return Jb;
  const double s = (e - ea) / (eb - ea);
  return Ja + (s < 0 ? 0 : s > 1 ? 1 : s) * (Jb - Ja);
}
// Column c of `columns` covers epoch e0 + c (e1 − e0) / (columns − 1).
template <class T, std::size_t N>
double column_loss(const loss_history<T, N>& h, std::size_t c, std::size_t columns, bool log) {
  const double e0 = static_cast<double>(h.epoch[0]), e1 = static_cast<double>(h.last_epoch());
  const double e = columns > 1 ? e0 + (e1 - e0) * static_cast<double>(c) / static_cast<double>(columns - 1) : e1;
  const double J = loss_at(h, e);
  return log ? (J > 0 ? std::log10(J) : NAN) : J;
}
}  // namespace detail::plot

// One line of `width` block characters (UTF-8 ▁▂▃▄▅▆▇█), J from the first
// to the last epoch of the history, lowest J as ▁ and highest as █; no newline.
template <class T, std::size_t N>
void sparkline(std::ostream& os, const loss_history<T, N>& h, std::size_t width = 40, bool log_y = false) {
  namespace p = detail::plot;
  static constexpr const char* blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584",
                                           "\u2585", "\u2586", "\u2587", "\u2588"};
  if (h.count == 0 || width == 0) return;
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t c = 0; c < width; ++c) {
    const double v = p::column_loss(h, c, width, log_y);
    if (std::isfinite(v)) lo = v < lo ? v : lo, hi = v > hi ? v : hi;
  }
  for (std::size_t c = 0; c < width; ++c) {
    const double v = p::column_loss(h, c, width, log_y);
    if (!std::isfinite(v)) {
      os << ' ';
      continue;
    }
    const double t = hi > lo ? (v - lo) / (hi - lo) : 0.0;
    os << blocks[static_cast<std::size_t>(t * 7 + 0.5)];
  }
}

// A small chart in plain ASCII: `height` rows by `width` columns, a '*'
// in each column at the row of J there (and down or up to the previous
// column's row, so that the line stays connected), J's range at the left
// and the epochs below. Ends with a newline.
template <class T, std::size_t N>
void plot_loss_text(std::ostream& os, const loss_history<T, N>& h, const text_plot& o = {}) {
  namespace p = detail::plot;
  const std::size_t width = o.width < 2 ? 2 : o.width > text_plot::max_width ? text_plot::max_width : o.width;
  const std::size_t height = o.height < 2 ? 2 : o.height > text_plot::max_height ? text_plot::max_height : o.height;
  if (h.count == 0) {
    os << "(no history)\n";
    return;
  }
  std::array<std::size_t, text_plot::max_width> row{};  // row of each column's '*', 0 = top; height = none
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t c = 0; c < width; ++c) {
    const double v = p::column_loss(h, c, width, o.log_y);
    if (std::isfinite(v)) lo = v < lo ? v : lo, hi = v > hi ? v : hi;
  }
  for (std::size_t c = 0; c < width; ++c) {
    const double v = p::column_loss(h, c, width, o.log_y);
    const double t = hi > lo ? (v - lo) / (hi - lo) : 0.0;
    row[c] = std::isfinite(v) ? static_cast<std::size_t>((1 - t) * static_cast<double>(height - 1) + 0.5) : height;
  }
  const p::number top = p::format("%.3g", o.log_y ? std::pow(10.0, hi) : hi);
  const p::number bottom = p::format("%.3g", o.log_y ? std::pow(10.0, lo) : lo);
  char blank[32];
  std::snprintf(blank, sizeof blank, "%10s", "");
  for (std::size_t r = 0; r < height; ++r) {
    char label[32];
    std::snprintf(label, sizeof label, "%10s", r == 0 ? top.text : r == height - 1 ? bottom.text : "");
    os << label << (r == 0 || r == height - 1 ? " +" : " |");
    for (std::size_t c = 0; c < width; ++c) {
      // A '*' at the column's own row, and on the rows between it and the
      // previous column's, so that a steep fall stays one connected line.
      const std::size_t prev = c > 0 && row[c - 1] < height ? row[c - 1] : row[c];
      const bool own = row[c] == r;
      const bool between = row[c] < height && ((prev < r && r < row[c]) || (row[c] < r && r < prev));
      os << (own || between ? '*' : ' ');
    }
    os << '\n';
  }
  os << blank << " +";
  for (std::size_t c = 0; c < width; ++c) os << '-';
  os << '\n';
  char epochs[64];
  std::snprintf(epochs, sizeof epochs, "%zu", h.epoch[0]);
  char last[32];
  std::snprintf(last, sizeof last, "%zu epochs", h.last_epoch());
  const std::size_t used = std::strlen(epochs), tail = std::strlen(last);
  os << blank << "  " << epochs << ' ';
  for (std::size_t k = used + tail + 1; k < width; ++k) os << ' ';
  os << last << (o.log_y ? "   (J on a log scale)" : "") << '\n';
}

}  // namespace ctnn
