#include "collect/survey_responses.hpp"
#include "collect/surveys.hpp"
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "auth/accounts.hpp"
#include "http/response.hpp"
#include "http/services.hpp"
#include "ingest/customer_directory.hpp"
#include "learning/analysis_service.hpp"
#include "ingest/erasure.hpp"
#include "ingest/feedback_intake.hpp"
#include "store/database.hpp"

namespace voxloop::http {
namespace {

class NoAnalysis final : public ingest::TextAnalyzer {
 public:
  core::FeedbackAnalysis Analyze(core::Id, std::string_view) const override { return {}; }
  std::string FoldForSearch(std::string_view text) const override { return std::string(text); }
};

// A router over a real (temporary SQLite) store, with test routes.
class RouterTest : public ::testing::Test {
 protected:
  RouterTest()
      : database_(store::Database::Open({::testing::TempDir() + "/router-" +
                                         std::to_string(reinterpret_cast<std::uintptr_t>(this)) +
                                         ".db"}).value()),
        authenticator_(*database_),
        accounts_(*database_, authenticator_),
        intake_(vault_, analysis_),
        customers_(*database_, vault_),
        limiter_(10, 1),
        erasure_(*database_, vault_),
        model_cache_(*database_),
        job_runner_(*database_),
        analysis_service_(*database_, model_cache_, job_runner_),
        surveys_(*database_),
        survey_responses_(*database_, surveys_, intake_, vault_),
        services_{*database_, vault_,   authenticator_, accounts_,  intake_, customers_,
                  erasure_, analysis_service_, surveys_, survey_responses_, pool_, limiter_,
                  limiter_, limiter_, live_feed_, Limits{}, false} {}

  Response Call(Router& router, Method method, std::string target,
                std::vector<std::pair<std::string, std::string>> headers = {}) {
    Request request{method, target, 11};
    for (auto& [name, value] : headers) request.set(name, value);
    boost::asio::io_context io;
    auto future = boost::asio::co_spawn(io, router.Handle(request, ClientInfo{"127.0.0.1"}),
                                        boost::asio::use_future);
    io.run();
    return future.get().response;
  }

  store::PiiVault vault_ = store::PiiVault::WithRandomKey();
  std::unique_ptr<store::Database> database_;
  auth::Authenticator authenticator_;
  auth::Accounts accounts_;
  NoAnalysis analysis_;
  ingest::FeedbackIntake intake_;
  ingest::CustomerDirectory customers_;
  ingest::Erasure erasure_;
  learning::WorkspaceModelCache model_cache_;
  jobs::JobRunner job_runner_;
  learning::AnalysisService analysis_service_;
  collect::Surveys surveys_;
  collect::SurveyResponses survey_responses_;
  boost::asio::thread_pool pool_{2};
  RateLimiter limiter_;
  LiveFeed live_feed_;
  Services services_;
};

Handler Echo() {
  return [](RequestContext& context) -> boost::asio::awaitable<Response> {
    co_return TextResponse(context, Status::ok, "text/plain",
                           std::string(context.Param("id")) + "|" + std::string(context.Query("q")) +
                               "|" + std::string(context.Param("rest")));
  };
}

TEST_F(RouterTest, ExtractsPathAndQueryParameters) {
  Router router({{Method::get, "/things/{id}", Access::kPublic, {}, Echo()},
                 {Method::get, "/files/{*rest}", Access::kPublic, {}, Echo()}},
                services_);
  EXPECT_EQ(Call(router, Method::get, "/things/42?q=ph%E1%BB%9F").body(), "42|phở|");
  EXPECT_EQ(Call(router, Method::get, "/files/a/b/c.js").body(), "||a/b/c.js");
}

TEST_F(RouterTest, AnswersNotFoundAndMethodNotAllowed) {
  Router router({{Method::get, "/things/{id}", Access::kPublic, {}, Echo()}}, services_);
  EXPECT_EQ(Call(router, Method::get, "/things").result(), Status::not_found);
  EXPECT_EQ(Call(router, Method::get, "/things/").result(), Status::not_found);
  const Response wrong = Call(router, Method::delete_, "/things/1");
  EXPECT_EQ(wrong.result(), Status::method_not_allowed);
  EXPECT_EQ(wrong[beast_http::field::allow], "GET");
  EXPECT_EQ(Call(router, Method::get, "no-leading-slash").result(), Status::bad_request);
}

TEST_F(RouterTest, TurnsAThrowingHandlerIntoAnOpaque500) {
  Router router({{Method::get, "/boom", Access::kPublic, {},
                  [](RequestContext&) -> boost::asio::awaitable<Response> {
                    throw std::runtime_error("secret detail");
                    co_return Response{};
                  }}},
                services_);
  const Response response = Call(router, Method::get, "/boom");
  EXPECT_EQ(response.result(), Status::internal_server_error);
  EXPECT_EQ(response.body().find("secret detail"), std::string::npos);
}

TEST_F(RouterTest, EchoesSafeRequestIdsAndReplacesUnsafeOnes) {
  Router router({{Method::get, "/x", Access::kPublic, {}, Echo()}}, services_);
  EXPECT_EQ(Call(router, Method::get, "/x", {{"X-Request-Id", "abc-123"}})["X-Request-Id"], "abc-123");
  EXPECT_NE(Call(router, Method::get, "/x", {{"X-Request-Id", "bad id\r\n"}})["X-Request-Id"],
            "bad id\r\n");
}

TEST_F(RouterTest, RequiresCredentialsOnProtectedRoutes) {
  Router router({{Method::get, "/me", Access::kAuthenticated, {}, Echo()},
                 {Method::get, "/public", Access::kPublic, {}, Echo()}},
                services_);
  EXPECT_EQ(Call(router, Method::get, "/me").result(), Status::unauthorized);
  EXPECT_EQ(Call(router, Method::get, "/me", {{"Authorization", "Bearer vxl_unknown"}}).result(),
            Status::unauthorized);
  // A stale session cookie does not stop a public page.
  EXPECT_EQ(Call(router, Method::get, "/public", {{"Cookie", "vxl_session=stale"}}).result(),
            Status::ok);
}

TEST_F(RouterTest, HeadAnswersLikeGetWithoutABody) {
  Router router({{Method::get, "/things/{id}", Access::kPublic, {}, Echo()}}, services_);
  const Response response = Call(router, Method::head, "/things/7");
  EXPECT_EQ(response.result(), Status::ok);
  EXPECT_TRUE(response.body().empty());
  EXPECT_EQ(response[beast_http::field::content_length], "3");
}

}  // namespace
}  // namespace voxloop::http
