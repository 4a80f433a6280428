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

std::string Line(const std::vector<std::string>& texts) {
  std::string line;
  for (std::size_t column = 0; column < texts.size(); ++column) {
    if (column > 0) line += ',';
    AppendField(line, texts[column]);
  }
  line += "\r\n";
  return line;
}

std::string CellsLine(const std::vector<ExportCell>& cells) {
  std::vector<std::string> texts;
  texts.reserve(cells.size());
  for (const ExportCell& cell : cells) texts.push_back(CellText(cell));
  return Line(texts);
}

std::string HeaderLine(const std::vector<std::string>& headers) {
  std::vector<std::string> texts;
  texts.reserve(headers.size());
  for (const std::string& header : headers) texts.push_back(NeutralizeFormula(header));
  return "\xEF\xBB\xBF" + Line(texts);
}

}  // namespace

std::string CsvTableBytes(const ExportTable& table) {
  std::string out = HeaderLine(table.headers);
  for (const auto& row : table.rows) out += CellsLine(row);
  return out;
}

std::string CsvResponseWriter::Header() const { return HeaderLine(layout_.headers()); }

std::string CsvResponseWriter::Row(const ExportResponse& response) const {
  return CellsLine(layout_.Cells(response));
}

}  // namespace voxloop::collect
