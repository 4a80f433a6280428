// CsvResponseWriter: RFC 4180 text, UTF-8 with a byte-order mark.
#include <cmath>
#include <cstdio>

#include "collect/response_export.hpp"

namespace voxloop::collect {
namespace {

void AppendField(std::string& line, std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    line.append(text);
    return;
  }
  line += '"';
  for (const char c : text) {
    if (c == '"') line += '"';
    line += c;
  }
  line += '"';
}

std::string NumberText(double number) {
  if (std::trunc(number) == number && std::fabs(number) < 1e15) {
    return std::to_string(static_cast<long long>(number));
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.10g", number);
  return text;
}

std::string CellText(const ExportCell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return NeutralizeFormula(*text);
  if (const auto* number = std::get_if<double>(&cell)) return NumberText(*number);
  if (const auto* time = std::get_if<core::TimeMs>(&cell)) return core::FormatRfc3339(*time);
  return {};
}

}  // namespace

std::string CsvResponseWriter::Header() const {
  std::string line = "\xEF\xBB\xBF";
  for (std::size_t column = 0; column < layout_.headers().size(); ++column) {
    if (column > 0) line += ',';
    AppendField(line, NeutralizeFormula(layout_.headers()[column]));
  }
  line += "\r\n";
  return line;
}

std::string CsvResponseWriter::Row(const ExportResponse& response) const {
  std::string line;
  const auto cells = layout_.Cells(response);
  for (std::size_t column = 0; column < cells.size(); ++column) {
    if (column > 0) line += ',';
    AppendField(line, CellText(cells[column]));
  }
  line += "\r\n";
  return line;
}

}  // namespace voxloop::collect
