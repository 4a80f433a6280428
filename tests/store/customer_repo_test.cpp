#include "store/customer_repo.hpp"

#include "core/id.hpp"
#include "store/workspace_repo.hpp"
#include "tests/store/store_fixture.hpp"

namespace voxloop::store {
namespace {

class CustomerRepoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    workspace_id_ = InsertWorkspace();
  }

  core::Customer Upsert(const CustomerInput& input) {
    core::Customer customer;
    Write([&](WriteContext& context) -> Status {
      VOXLOOP_ASSIGN_OR_RETURN(customer,
                               CustomerRepo(context.db, vault_).Upsert(workspace_id_, input, 10));
      return core::Ok();
    });
    return customer;
  }

  core::Id workspace_id_ = 0;
};

TEST_P(CustomerRepoTest, MatchesByExternalIdThenEmailThenPhone) {
  const core::Customer by_external = Upsert({.external_id = "c-1", .email = "lan@example.vn"});
  const core::Customer by_phone = Upsert({.phone = "+84 912 345 678"});
  EXPECT_NE(by_external.id, by_phone.id);
  // Same e-mail, differently written: the same customer.
  EXPECT_EQ(Upsert({.email = "  LAN@Example.VN "}).id, by_external.id);
  EXPECT_EQ(Upsert({.phone = "+84-912-345-678"}).id, by_phone.id);
  // external_id wins over e-mail when both are known.
  EXPECT_EQ(Upsert({.external_id = "c-1", .email = "other@example.com"}).id, by_external.id);
}

TEST_P(CustomerRepoTest, FillsUnknownFieldsAndMergesAttributes) {
  const core::Customer first = Upsert(
      {.email = "wei@example.cn", .name = "王伟", .attributes_json = R"({"plan":"pro","city":"上海"})"});
  const core::Customer second = Upsert(
      {.email = "wei@example.cn", .phone = "+86 138 0013 8000",
       .attributes_json = R"({"plan":"enterprise","city":null})"});
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.phone, "+8613800138000");
  EXPECT_EQ(second.name, "王伟");
  EXPECT_EQ(second.attributes_json, R"({"plan":"enterprise"})");
}

TEST_P(CustomerRepoTest, KeepsContactFieldsEncryptedAtRest) {
  Upsert({.email = "secret.person@example.com", .phone = "0912345678", .name = "Nguyễn Văn A"});
  auto raw = Read<std::vector<Row>>([](Connection& db) {
    return db.Query("SELECT email_enc, phone_enc, name_enc, email_hash FROM customers", {});
  });
  ASSERT_EQ(raw.size(), 1u);
  for (int column = 0; column < 4; ++column) {
    EXPECT_EQ(raw[0].Text(column).find("secret.person"), std::string_view::npos);
    EXPECT_EQ(raw[0].Text(column).find("0912345678"), std::string_view::npos);
    EXPECT_EQ(raw[0].Text(column).find("Nguyễn"), std::string_view::npos);
  }
  auto read_back = Read<CustomerPage>([&](Connection& db) {
    return CustomerRepo(db, vault_).List(workspace_id_, std::nullopt, 10,
                                         "Secret.Person@example.com", "");
  });
  ASSERT_EQ(read_back.customers.size(), 1u);
  EXPECT_EQ(read_back.customers[0].name, "Nguyễn Văn A");
}

TEST_P(CustomerRepoTest, ADifferentKeyCannotReadSealedFields) {
  Upsert({.external_id = "k", .email = "a@b.co"});
  const PiiVault other = PiiVault::WithRandomKey();
  auto page = Read<CustomerPage>([&](Connection& db) {
    return CustomerRepo(db, other).List(workspace_id_, std::nullopt, 10, "", "");
  });
  ASSERT_EQ(page.customers.size(), 1u);
  EXPECT_EQ(page.customers[0].email, "");
}

VOXLOOP_INSTANTIATE_STORE_SUITE(CustomerRepoTest);

}  // namespace
}  // namespace voxloop::store
