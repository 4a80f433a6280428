// XlsxResponseWriter over libxlsxwriter, in constant-memory mode (rows are flushed to a temp
// file as they are written).
#include <xlsxwriter.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iterator>

#include "collect/response_export.hpp"
#include "collect/ui_text.hpp"
#include "core/text.hpp"

namespace voxloop::collect {
namespace {

constexpr std::size_t kMaxCellChars = 32767;  // Excel's limit for one cell
constexpr double kExcelUnixEpochDays = 25569.0;  // 1970-01-01 as an Excel serial date
constexpr double kMsPerDay = 86400000.0;

// One sheet of cells under a frozen header row, written row by row.
struct XlsxSheet {
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* header_format = nullptr;
  lxw_format* time_format = nullptr;
  lxw_row_t next_row = 0;
  std::string temp_dir;

  XlsxSheet() = default;
  XlsxSheet(const XlsxSheet&) = delete;
  XlsxSheet& operator=(const XlsxSheet&) = delete;
  ~XlsxSheet() {
    if (workbook != nullptr) workbook_close(workbook);
  }

  // Creates the workbook with one sheet and its frozen header row.
  core::Status Open(const std::string& path, const std::string& sheet_name,
                    const std::vector<std::string>& headers) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = temp_dir.empty() ? nullptr : temp_dir.data();
    workbook = workbook_new_opt(path.c_str(), &options);
    if (workbook == nullptr) {
      return core::Error::Unavailable("Could not create the export file", "workbook_new_opt " + path);
    }
    sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
    if (sheet == nullptr) sheet = workbook_add_worksheet(workbook, nullptr);
    header_format = workbook_add_format(workbook);
    format_set_bold(header_format);
    time_format = workbook_add_format(workbook);
    format_set_num_format(time_format, "yyyy-mm-dd hh:mm:ss");
    worksheet_freeze_panes(sheet, 1, 0);
    for (std::size_t column = 0; column < headers.size(); ++column) {
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(column), headers[column].c_str(),
                             header_format);
    }
    if (!headers.empty()) {
      worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(headers.size() - 1), 18, nullptr);
    }
    next_row = 1;
    return core::Ok();
  }

  core::Status WriteCells(const std::vector<ExportCell>& cells) {
    if (workbook == nullptr) return core::Error::Internal("AddRow after Finish");
    const lxw_row_t row = next_row++;
    for (std::size_t column = 0; column < cells.size(); ++column) {
      const auto col = static_cast<lxw_col_t>(column);
      const ExportCell& cell = cells[column];
      lxw_error error = LXW_NO_ERROR;
      if (const auto* text = std::get_if<std::string>(&cell)) {
        const std::string clipped(core::Utf8Prefix(*text, kMaxCellChars));
        error = worksheet_write_string(sheet, row, col, clipped.c_str(), nullptr);
      } else if (const auto* number = std::get_if<double>(&cell)) {
        error = worksheet_write_number(sheet, row, col, *number, nullptr);
      } else if (const auto* time = std::get_if<core::TimeMs>(&cell)) {
        error = worksheet_write_number(sheet, row, col,
                                       static_cast<double>(*time) / kMsPerDay + kExcelUnixEpochDays,
                                       time_format);
      }
      if (error != LXW_NO_ERROR) {
        return core::Error::Unavailable("Could not write the export", lxw_strerror(error));
      }
    }
    return core::Ok();
  }

  core::Status Close() {
    if (workbook == nullptr) return core::Ok();
    const lxw_error error = workbook_close(workbook);
    workbook = nullptr;
    if (error != LXW_NO_ERROR) return core::Error::Unavailable("Could not write the export", lxw_strerror(error));
    return core::Ok();
  }
};

}  // namespace

struct XlsxResponseWriter::State : XlsxSheet {
  const ExportLayout* layout = nullptr;
};

XlsxResponseWriter::XlsxResponseWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
XlsxResponseWriter::~XlsxResponseWriter() = default;

core::Result<std::unique_ptr<XlsxResponseWriter>> XlsxResponseWriter::Create(
    const ExportLayout& layout, const std::string& path, const std::string& temp_dir) {
  auto state = std::make_unique<State>();
  state->layout = &layout;
  state->temp_dir = temp_dir;
  VOXLOOP_TRY(state->Open(path, std::string(UiText(layout.language(), "export_sheet")), layout.headers()));
  return std::unique_ptr<XlsxResponseWriter>(new XlsxResponseWriter(std::move(state)));
}

core::Status XlsxResponseWriter::AddRow(const ExportResponse& response) {
  if (state_->workbook == nullptr) return core::Error::Internal("AddRow after Finish");
  return state_->WriteCells(state_->layout->Cells(response));
}

core::Status XlsxResponseWriter::Finish() { return state_->Close(); }

namespace {

// Runs `write` on a fresh temporary file path, then returns the file's bytes; the file is
// removed on every way out.
core::Result<std::string> BytesOfTempFile(const std::string& temp_dir,
                                          const std::function<core::Status(const std::string&)>& write) {
  std::string path = (temp_dir.empty() ? std::string("/tmp") : temp_dir) + "/voxloop-export-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return core::Error::Unavailable("Could not create the export file", "mkstemp");
  close(fd);
  const std::unique_ptr<std::string, void (*)(std::string*)> remove_file(
      &path, [](std::string* file) { std::remove(file->c_str()); });
  VOXLOOP_TRY(write(path));
  std::ifstream file(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace

core::Result<std::string> ExportXlsxBytes(const ExportLayout& layout,
                                          const std::vector<ExportResponse>& responses,
                                          const std::string& temp_dir) {
  return BytesOfTempFile(temp_dir, [&](const std::string& path) -> core::Status {
    VOXLOOP_ASSIGN_OR_RETURN(auto writer, XlsxResponseWriter::Create(layout, path, temp_dir));
    for (const auto& response : responses) VOXLOOP_TRY(writer->AddRow(response));
    return writer->Finish();
  });
}

core::Result<std::string> XlsxTableBytes(const ExportTable& table, const std::string& temp_dir) {
  return BytesOfTempFile(temp_dir, [&](const std::string& path) -> core::Status {
    XlsxSheet sheet;
    sheet.temp_dir = temp_dir;
    VOXLOOP_TRY(sheet.Open(path, table.sheet_name, table.headers));
    for (const auto& row : table.rows) VOXLOOP_TRY(sheet.WriteCells(row));
    return sheet.Close();
  });
}

}  // namespace voxloop::collect
