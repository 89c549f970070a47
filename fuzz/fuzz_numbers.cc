// Fuzz target for the figure parser (facts/numbers.h). Beyond "does not crash", it checks the
// contract on every figure: the span lies inside the input, figures are in order and do not
// overlap, values are finite, a range's high end is above its low end; and parse_decimal /
// parse_number_words accept or refuse any input without crashing.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "precis/facts/numbers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::uint32_t last_end = 0;
  for (const auto& f : precis::facts::find_figures(bytes)) {
    if (f.span.begin >= f.span.end || f.span.end > bytes.size() || f.span.begin < last_end) std::abort();
    last_end = f.span.end;
    if (!std::isfinite(f.value)) std::abort();
    if (f.value_high && !(std::isfinite(*f.value_high) && *f.value_high > f.value)) std::abort();
  }
  if (auto v = precis::facts::parse_decimal(bytes); v && !std::isfinite(*v)) std::abort();
  if (auto v = precis::facts::parse_number_words(bytes.substr(0, 200)); v && !std::isfinite(*v)) std::abort();
  return 0;
}
