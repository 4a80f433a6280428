#include "collect/response_export.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <minizip/unzip.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "sample_surveys.hpp"

namespace voxloop::collect {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::BranchingSurvey;

ExportResponse VietnameseDetractor() {
  ExportResponse response;
  response.id = "7301";
  response.submitted_at = 1795512761000;  // 2026-11-24T09:32:41Z
  response.language = "vi";
  response.customer = "KH-0042";
  response.answers = {{"q_score", 3},
                      {"q_low", "Giao hàng chậm, \"shipper\" gọi không được,\r\nhủy đơn"},
                      {"q_topic", {"price", "speed"}},  // stored answers are normalised
                      {"q_contact", true},
                      {"q_email", "lan@example.vn"}};
  response.hidden = {{"plan", "=HYPERLINK(\"http://evil\")"}};
  return response;
}

// Splits one CSV line into fields, following RFC 4180 quoting.
std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t pos = 0; pos < line.size(); ++pos) {
    const char c = line[pos];
    if (quoted) {
      if (c == '"' && pos + 1 < line.size() && line[pos + 1] == '"') {
        fields.back() += '"';
        ++pos;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r' && c != '\n') {
      fields.back() += c;
    }
  }
  return fields;
}

TEST(ResponseExportTest, HeadsColumnsInDefaultLanguage) {
  auto definition = BranchingSurvey();
  definition.default_language = "vi";
  const ExportLayout layout({&definition});
  EXPECT_THAT(layout.headers(),
              ElementsAre("Mã phản hồi", "Thời gian gửi", "Trạng thái", "Ngôn ngữ", "Phiên bản",
                          "Khách hàng", "Bạn có sẵn lòng giới thiệu chúng tôi cho bạn bè không?",
                          "Bạn thích điều gì nhất?", "Điều gì chưa tốt?", "Điều gì quan trọng nhất?",
                          "Chúng tôi có thể liên hệ với bạn không?", "Email của bạn", "plan"));
}

TEST(ResponseExportTest, WritesCsvWithBomAndQuotedMultilineText) {
  const auto definition = BranchingSurvey();
  const ExportLayout layout({&definition});
  const CsvResponseWriter writer(layout);
  const std::string header = writer.Header();
  EXPECT_TRUE(header.starts_with("\xEF\xBB\xBFResponse ID,Submitted at,"));
  EXPECT_TRUE(header.ends_with("\r\n"));
  const std::string row = writer.Row(VietnameseDetractor());
  EXPECT_THAT(row, HasSubstr("\"Giao hàng chậm, \"\"shipper\"\" gọi không được,\r\nhủy đơn\""));
  const auto fields = SplitCsvLine(row);
  ASSERT_EQ(fields.size(), layout.headers().size());
  EXPECT_EQ(fields[0], "7301");
  EXPECT_EQ(fields[1], "2026-11-24T09:32:41.000Z");
  EXPECT_EQ(fields[6], "3");
  EXPECT_EQ(fields[9], "Price; Speed");
  EXPECT_EQ(fields[10], "Yes");
}

TEST(ResponseExportTest, NeutralisesFormulaCells) {
  const auto definition = BranchingSurvey();
  const ExportLayout layout({&definition});
  const auto fields = SplitCsvLine(CsvResponseWriter(layout).Row(VietnameseDetractor()));
  EXPECT_EQ(fields.back(), "'=HYPERLINK(\"http://evil\")");
  EXPECT_EQ(NeutralizeFormula("+84 912"), "'+84 912");
  EXPECT_EQ(NeutralizeFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutralizeFormula("-1"), "'-1");
  EXPECT_EQ(NeutralizeFormula("Tốt"), "Tốt");
}

TEST(ResponseExportTest, KeepsColumnsOfQuestionsDroppedInNewerVersions) {
  const auto older = BranchingSurvey();
  auto newer = older;
  newer.questions.erase(newer.questions.begin() + 3);  // q_topic dropped in version 2
  const ExportLayout layout({&newer, &older});
  EXPECT_EQ(layout.headers()[11], "What matters most?");
  ExportResponse old_response = VietnameseDetractor();
  old_response.version = 1;
  const auto cells = layout.Cells(old_response);
  EXPECT_EQ(std::get<std::string>(cells[11]), "Price; Speed");
}

TEST(ResponseExportTest, LeavesUnansweredCellsEmpty) {
  const auto definition = BranchingSurvey();
  const ExportLayout layout({&definition});
  ExportResponse response;
  response.id = "1";
  response.answers = {{"q_score", 10}};
  const auto cells = layout.Cells(response);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(cells[7]));
}

std::string ReadZipEntry(const std::string& path, const char* entry) {
  unzFile zip = unzOpen(path.c_str());
  if (zip == nullptr) return "";
  std::string content;
  if (unzLocateFile(zip, entry, 0) == UNZ_OK && unzOpenCurrentFile(zip) == UNZ_OK) {
    char buffer[4096];
    int read = 0;
    while ((read = unzReadCurrentFile(zip, buffer, sizeof buffer)) > 0) content.append(buffer, read);
    unzCloseCurrentFile(zip);
  }
  unzClose(zip);
  return content;
}

class XlsxExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/voxloop-xlsx-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(XlsxExportTest, WritesWorkbookWithLocalizedSheetAndCells) {
  auto definition = BranchingSurvey();
  definition.default_language = "zh";
  const ExportLayout layout({&definition});
  auto bytes = ExportXlsxBytes(layout, {VietnameseDetractor()}, dir_);
  ASSERT_TRUE(bytes.ok()) << bytes.error().internal;
  EXPECT_TRUE(bytes->starts_with("PK"));
  const std::string path = dir_ + "/export.xlsx";
  { std::ofstream(path, std::ios::binary) << *bytes; }
  EXPECT_THAT(ReadZipEntry(path, "xl/workbook.xml"), HasSubstr("name=\"回答\""));
  const std::string sheet = ReadZipEntry(path, "xl/worksheets/sheet1.xml");
  EXPECT_THAT(sheet, HasSubstr("您有多大可能向朋友推荐我们？"));
  EXPECT_THAT(sheet, HasSubstr("Giao hàng chậm"));
  EXPECT_THAT(sheet, HasSubstr("<v>3</v>"));
  EXPECT_THAT(sheet, HasSubstr("价格; 速度"));
  EXPECT_THAT(sheet, ::testing::Not(HasSubstr("<f>")));  // never a formula
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_), {}), 1);  // temp file gone
}

TEST_F(XlsxExportTest, StreamsManyRowsThroughTheWriter) {
  const auto definition = BranchingSurvey();
  const ExportLayout layout({&definition});
  const std::string path = dir_ + "/big.xlsx";
  auto writer = XlsxResponseWriter::Create(layout, path, dir_);
  ASSERT_TRUE(writer.ok());
  ExportResponse response = VietnameseDetractor();
  for (int row = 0; row < 5000; ++row) {
    response.id = std::to_string(row);
    ASSERT_TRUE((*writer)->AddRow(response).ok());
  }
  ASSERT_TRUE((*writer)->Finish().ok());
  EXPECT_THAT(ReadZipEntry(path, "xl/worksheets/sheet1.xml"), HasSubstr("<row r=\"5001\""));
}

TEST_F(XlsxExportTest, ReportsUnwritablePath) {
  const auto definition = BranchingSurvey();
  const ExportLayout layout({&definition});
  auto writer = XlsxResponseWriter::Create(layout, dir_ + "/missing/dir/x.xlsx", dir_);
  if (writer.ok()) {
    EXPECT_FALSE((*writer)->Finish().ok());
  } else {
    EXPECT_EQ(writer.error().code, core::ErrorCode::kUnavailable);
  }
}

}  // namespace
}  // namespace voxloop::collect
