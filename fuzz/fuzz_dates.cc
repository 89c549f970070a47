// Fuzz target for the date expression parser (facts/dates.h). Beyond "does not crash", it checks
// the contract on every match: spans lie inside the input, in order and not overlapping; every
// resolved day is a valid calendar day; begin <= end; confidence in (0, 1]. The first line of the
// input may be a publication date ("2004-11-02"), so both resolved and unresolved paths run.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "precis/facts/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::optional<precis::facts::CivilDay> published;
  std::size_t nl = bytes.find('\n');
  if (nl != std::string_view::npos) published = precis::facts::parse_iso_day(bytes.substr(0, nl));
  for (bool with_date : {true, false}) {
    auto matches = precis::facts::find_dates(bytes, with_date ? published : std::nullopt);
    std::uint32_t last_end = 0;
    for (const auto& m : matches) {
      if (m.span.begin >= m.span.end || m.span.end > bytes.size() || m.span.begin < last_end) std::abort();
      last_end = m.span.end;
      if (!precis::facts::valid_day(m.begin.year, m.begin.month, m.begin.day)) std::abort();
      if (!precis::facts::valid_day(m.end.year, m.end.month, m.end.day)) std::abort();
      if (m.end < m.begin || !(m.confidence > 0 && m.confidence <= 1)) std::abort();
      if (precis::facts::civil_from_days(precis::facts::days_from_civil(m.begin)) != m.begin) std::abort();
    }
  }
  return 0;
}
