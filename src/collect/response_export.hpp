// Exports of survey responses: CSV (RFC 4180, UTF-8 with BOM so Excel reads Vietnamese and
// Chinese correctly, CRLF lines) and XLSX (libxlsxwriter in constant-memory mode). Both are
// written row by row so an export of a million responses never holds them all in memory:
//
//   ExportLayout layout({&latest, &older});          // columns, headers in the default language
//   CsvResponseWriter csv(layout);
//   sink(csv.Header());
//   for (each stored response, in pages) sink(csv.Row(response));
//
// One column per question (questions of older versions that the latest one dropped come
// after the current ones), then one per hidden field. Choice answers show their labels,
// yes/no answers localized words. CSV cells that a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) get a leading apostrophe; XLSX cells are always written
// as strings or numbers, never formulas. ExportLayout is immutable after construction and
// may be shared between threads; writers are not thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "collect/survey_definition.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace voxloop::collect {

// A stored response as the exporter needs it (the store maps its rows onto this).
struct ExportResponse {
  std::string id;
  core::TimeMs submitted_at = 0;
  bool completed = true;
  std::string language;
  int version = 1;
  std::string customer;  // the customer's external id or e-mail; empty when anonymous
  boost::json::object answers;
  boost::json::object hidden;
};

// A cell: text, a number, a time, or nothing.
using ExportCell = std::variant<std::monostate, std::string, double, core::TimeMs>;

class ExportLayout {
 public:
  // `versions`: the survey's definitions, newest first (at least one; null entries skipped).
  explicit ExportLayout(const std::vector<const SurveyDefinition*>& versions);

  const std::vector<std::string>& headers() const { return headers_; }
  // The language of headers and labels: the newest version's default language.
  const std::string& language() const { return language_; }
  // The cells of one response, one per header.
  std::vector<ExportCell> Cells(const ExportResponse& response) const;

 private:
  struct QuestionColumn {
    const Question* question;  // from the newest version that has it
  };
  std::string language_;
  std::vector<std::string> headers_;
  std::vector<QuestionColumn> questions_;
  std::vector<std::string> hidden_fields_;
};

// Prefixes text a spreadsheet would evaluate with an apostrophe.
std::string NeutralizeFormula(std::string text);

class CsvResponseWriter {
 public:
  explicit CsvResponseWriter(const ExportLayout& layout) : layout_(layout) {}
  // The byte-order mark and the header line.
  std::string Header() const;
  // One line (CRLF-terminated); fields with commas, quotes or line breaks are quoted.
  std::string Row(const ExportResponse& response) const;

 private:
  const ExportLayout& layout_;
};

// Writes an .xlsx file at `path`. Usage: Create, AddRow per response, Finish.
class XlsxResponseWriter {
 public:
  // Errors: kUnavailable when the file cannot be created. `temp_dir` holds the row data
  // libxlsxwriter spools in constant-memory mode ("" = the system's).
  static core::Result<std::unique_ptr<XlsxResponseWriter>> Create(const ExportLayout& layout,
                                                                   const std::string& path,
                                                                   const std::string& temp_dir = "");
  ~XlsxResponseWriter();
  XlsxResponseWriter(const XlsxResponseWriter&) = delete;
  XlsxResponseWriter& operator=(const XlsxResponseWriter&) = delete;

  core::Status AddRow(const ExportResponse& response);
  // Completes the file. Errors: kUnavailable when it cannot be written.
  core::Status Finish();

 private:
  struct State;
  explicit XlsxResponseWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// A plain table of cells under headers (the metrics query's rows, for instance), exported
// whole: small tables only (they are held in memory).
struct ExportTable {
  std::string sheet_name;  // XLSX only; at most 31 characters
  std::vector<std::string> headers;
  std::vector<std::vector<ExportCell>> rows;  // each as long as headers
};
std::string CsvTableBytes(const ExportTable& table);
core::Result<std::string> XlsxTableBytes(const ExportTable& table, const std::string& temp_dir = "");

// The whole XLSX export as bytes, through a temporary file in `temp_dir` that is removed.
core::Result<std::string> ExportXlsxBytes(const ExportLayout& layout,
                                          const std::vector<ExportResponse>& responses,
                                          const std::string& temp_dir);

}  // namespace voxloop::collect
