// XlsxResponseWriter over libxlsxwriter, in constant-memory mode (rows are flushed to a temp
// file as they are written).
#include <xlsxwriter.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "collect/response_export.hpp"
#include "collect/ui_text.hpp"
#include "core/text.hpp"

namespace voxloop::collect {
namespace {

constexpr std::size_t kMaxCellChars = 32767;  // Excel's limit for one cell
constexpr double kExcelUnixEpochDays = 25569.0;  // 1970-01-01 as an Excel serial date
constexpr double kMsPerDay = 86400000.0;

}  // namespace

struct XlsxResponseWriter::State {
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* header_format = nullptr;
  lxw_format* time_format = nullptr;
  const ExportLayout* layout = nullptr;
  lxw_row_t next_row = 0;
  std::string temp_dir;

  ~State() {
    if (workbook != nullptr) workbook_close(workbook);
  }
};

XlsxResponseWriter::XlsxResponseWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
XlsxResponseWriter::~XlsxResponseWriter() = default;

core::Result<std::unique_ptr<XlsxResponseWriter>> XlsxResponseWriter::Create(
    const ExportLayout& layout, const std::string& path, const std::string& temp_dir) {
  auto state = std::make_unique<State>();
  state->layout = &layout;
  state->temp_dir = temp_dir;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = state->temp_dir.empty() ? nullptr : state->temp_dir.data();
  state->workbook = workbook_new_opt(path.c_str(), &options);
  if (state->workbook == nullptr) {
    return core::Error::Unavailable("Could not create the export file", "workbook_new_opt " + path);
  }
  const std::string sheet_name(UiText(layout.language(), "export_sheet"));
  state->sheet = workbook_add_worksheet(state->workbook, sheet_name.c_str());
  if (state->sheet == nullptr) state->sheet = workbook_add_worksheet(state->workbook, nullptr);
  state->header_format = workbook_add_format(state->workbook);
  format_set_bold(state->header_format);
  state->time_format = workbook_add_format(state->workbook);
  format_set_num_format(state->time_format, "yyyy-mm-dd hh:mm:ss");
  worksheet_freeze_panes(state->sheet, 1, 0);
  for (std::size_t column = 0; column < layout.headers().size(); ++column) {
    worksheet_write_string(state->sheet, 0, static_cast<lxw_col_t>(column),
                           layout.headers()[column].c_str(), state->header_format);
  }
  worksheet_set_column(state->sheet, 0, static_cast<lxw_col_t>(layout.headers().size() - 1), 18,
                       nullptr);
  state->next_row = 1;
  return std::unique_ptr<XlsxResponseWriter>(new XlsxResponseWriter(std::move(state)));
}

core::Status XlsxResponseWriter::AddRow(const ExportResponse& response) {
  if (state_->workbook == nullptr) return core::Error::Internal("AddRow after Finish");
  const auto cells = state_->layout->Cells(response);
  const lxw_row_t row = state_->next_row++;
  for (std::size_t column = 0; column < cells.size(); ++column) {
    const auto col = static_cast<lxw_col_t>(column);
    const ExportCell& cell = cells[column];
    lxw_error error = LXW_NO_ERROR;
    if (const auto* text = std::get_if<std::string>(&cell)) {
      const std::string clipped(core::Utf8Prefix(*text, kMaxCellChars));
      error = worksheet_write_string(state_->sheet, row, col, clipped.c_str(), nullptr);
    } else if (const auto* number = std::get_if<double>(&cell)) {
      error = worksheet_write_number(state_->sheet, row, col, *number, nullptr);
    } else if (const auto* time = std::get_if<core::TimeMs>(&cell)) {
      error = worksheet_write_number(state_->sheet, row, col,
                                     static_cast<double>(*time) / kMsPerDay + kExcelUnixEpochDays,
                                     state_->time_format);
    }
    if (error != LXW_NO_ERROR) {
      return core::Error::Unavailable("Could not write the export", lxw_strerror(error));
    }
  }
  return core::Ok();
}

core::Status XlsxResponseWriter::Finish() {
  if (state_->workbook == nullptr) return core::Ok();
  const lxw_error error = workbook_close(state_->workbook);
  state_->workbook = nullptr;
  if (error != LXW_NO_ERROR) {
    return core::Error::Unavailable("Could not write the export", lxw_strerror(error));
  }
  return core::Ok();
}

core::Result<std::string> ExportXlsxBytes(const ExportLayout& layout,
                                          const std::vector<ExportResponse>& responses,
                                          const std::string& temp_dir) {
  std::string path = (temp_dir.empty() ? std::string("/tmp") : temp_dir) + "/voxloop-export-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return core::Error::Unavailable("Could not create the export file", "mkstemp");
  close(fd);
  // Removes the temporary file on every way out.
  const std::unique_ptr<std::string, void (*)(std::string*)> remove_file(
      &path, [](std::string* file) { std::remove(file->c_str()); });
  VOXLOOP_ASSIGN_OR_RETURN(auto writer, XlsxResponseWriter::Create(layout, path, temp_dir));
  for (const auto& response : responses) VOXLOOP_TRY(writer->AddRow(response));
  VOXLOOP_TRY(writer->Finish());
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace voxloop::collect
