#include <gtest/gtest.h>

#include "http/handlers/json_views.hpp"
#include "http/problem.hpp"

namespace voxloop::http {
namespace {

TEST(MaskTest, MasksContactDetails) {
  EXPECT_EQ(MaskEmail("lan@example.vn"), "l***@example.vn");
  EXPECT_EQ(MaskEmail("ưu@ví.dụ"), "ư***@ví.dụ");
  EXPECT_EQ(MaskEmail(""), "");
  EXPECT_EQ(MaskPhone("+84912345678"), "+84******678");
  EXPECT_EQ(MaskPhone("0912345678"), "*******678");
  EXPECT_EQ(MaskName("Nguyễn Văn An"), "N. V. A.");
  EXPECT_EQ(MaskName("王伟"), "王.");
}

TEST(FeedbackViewTest, ShowsRedactedTextWithoutPiiPermission) {
  core::FeedbackItem item;
  item.text = "Call me at 0912345678";
  item.analysis.redacted_text = "Call me at [phone]";
  item.analysis.pii_kinds = {"phone"};
  EXPECT_EQ(FeedbackView(item, /*show_pii=*/true).at("text").as_string(), item.text);
  auto masked = FeedbackView(item, /*show_pii=*/false);
  EXPECT_EQ(masked.at("text").as_string(), "Call me at [phone]");
  EXPECT_TRUE(masked.at("text_redacted").as_bool());
}

TEST(ProblemTest, MapsEveryCodeToOneStatus) {
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kInvalidArgument), Status::bad_request);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kUnauthenticated), Status::unauthorized);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kForbidden), Status::forbidden);
  EXPECT_EQ(HttpStatusFor(core::ErrorCode::kTooLarge), Status::payload_too_large);
  const Response response =
      ProblemResponse(core::Error::Internal("SELECT secret FROM x"), "req-1", 11, true);
  EXPECT_EQ(response.result(), Status::internal_server_error);
  EXPECT_EQ(response.body().find("SELECT"), std::string::npos);
  EXPECT_NE(response.body().find("req-1"), std::string::npos);
}

}  // namespace
}  // namespace voxloop::http
