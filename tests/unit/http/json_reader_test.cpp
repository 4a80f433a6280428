#include "http/json_reader.hpp"

#include <gtest/gtest.h>

namespace voxloop::http {
namespace {

TEST(JsonReaderTest, ClassifiesUnreadableBodies) {
  EXPECT_EQ(ParseJsonBody("{\"a\":").error().type, "malformed-json");
  EXPECT_EQ(ParseJsonBody("   ").error().type, "malformed-json");
  EXPECT_EQ(ParseJsonBody(std::string("{\"a\":\"\xc3\x28\"}")).error().type, "invalid-utf8");
  EXPECT_EQ(ParseJsonObjectBody("[1]").error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(ParseJsonObjectBody(R"({"a":"phở"})"));
}

TEST(JsonReaderTest, RejectsDeeplyNestedDocuments) {
  std::string deep(1000, '[');
  deep += std::string(1000, ']');
  EXPECT_FALSE(ParseJsonBody(deep));
}

TEST(JsonReaderTest, CollectsOneErrorPerField) {
  auto body = ParseJsonObjectBody(
      R"({"name":"","count":"3","when":"tomorrow","tags":["a",""],"extra":1,"id":"07"})");
  ASSERT_TRUE(body);
  Validation validation;
  FieldReader reader = validation.Reader(*body, "item");
  reader.RejectUnknown({"name", "count", "when", "tags", "id"});
  EXPECT_FALSE(reader.String("name", Presence::kRequired));
  EXPECT_FALSE(reader.Integer("count", Presence::kOptional, 0, 10));
  EXPECT_FALSE(reader.Time("when", Presence::kOptional));
  EXPECT_FALSE(reader.StringList("tags", Presence::kOptional, 5, 10));
  EXPECT_FALSE(reader.Id("id", Presence::kOptional));
  EXPECT_FALSE(reader.Bool("missing", Presence::kRequired));
  std::vector<std::string> fields;
  for (const auto& error : validation.errors()) fields.push_back(error.field + ":" + error.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"item.extra:unknown", "item.name:required",
                                              "item.count:type", "item.when:invalid",
                                              "item.tags[1]:type", "item.id:invalid",
                                              "item.missing:required"}));
}

TEST(JsonReaderTest, CountsTextLimitsInCharactersNotBytes) {
  auto body = ParseJsonObjectBody(R"({"text":"ươ","long":"abcd"})");
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  EXPECT_EQ(reader.String("text", Presence::kRequired, 2), "ươ");
  EXPECT_FALSE(reader.String("long", Presence::kRequired, 3));
  EXPECT_EQ(validation.errors().size(), 1u);
  EXPECT_EQ(validation.errors()[0].code, "too_long");
}

TEST(JsonReaderTest, ChecksNumberRanges) {
  auto body = ParseJsonObjectBody(R"({"low":-1,"ok":7.5,"big":1e400})");
  ASSERT_TRUE(body);
  Validation validation;
  FieldReader reader = validation.Reader(*body);
  EXPECT_FALSE(reader.Number("low", Presence::kOptional, 0, 10));
  EXPECT_EQ(reader.Number("ok", Presence::kOptional, 0, 10), 7.5);
  EXPECT_FALSE(reader.Number("absent", Presence::kOptional, 0, 10));
  EXPECT_FALSE(reader.Number("big", Presence::kOptional, 0, 1e300)) << "infinity is out of range";
  EXPECT_EQ(validation.errors().size(), 2u);
}

}  // namespace
}  // namespace voxloop::http
