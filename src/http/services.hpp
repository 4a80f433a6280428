// Services: the subsystem objects handlers may call, built once in app/ and shared by every
// request. Each referenced object documents its own thread-safety.
#pragma once

#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <string>

#include "http/live_feed.hpp"
#include "http/middleware/rate_limiter.hpp"

namespace voxloop::store {
class Database;
class PiiVault;
}  // namespace voxloop::store
namespace voxloop::auth {
class Authenticator;
class Accounts;
}  // namespace voxloop::auth
namespace voxloop::ingest {
class FeedbackIntake;
class CustomerDirectory;
class Erasure;
}  // namespace voxloop::ingest
namespace voxloop::collect {
class Surveys;
class SurveyResponses;
class Invitations;
}  // namespace voxloop::collect
namespace voxloop::insights {
class MetricsService;
}  // namespace voxloop::insights
namespace voxloop::learning {
class AnalysisService;
}  // namespace voxloop::learning
namespace voxloop::workflow {
class CaseMail;
class Notifications;
class Cases;
class Rules;
class Webhooks;
}  // namespace voxloop::workflow

namespace voxloop::http {

struct Limits {
  std::size_t max_body_bytes = 8 * 1024 * 1024;  // 8 MiB: a 1000-item batch of long texts fits
  std::size_t max_text_chars = 20000;            // per feedback text
  std::size_t max_batch_items = 1000;
};

struct Services {
  store::Database& database;
  store::PiiVault& vault;
  auth::Authenticator& authenticator;
  auth::Accounts& accounts;
  ingest::FeedbackIntake& intake;
  ingest::CustomerDirectory& customers;
  ingest::Erasure& erasure;
  learning::AnalysisService& analysis;  // corrections, taxonomy, models, re-analysis
  collect::Surveys& surveys;
  collect::SurveyResponses& survey_responses;
  boost::asio::thread_pool& blocking_pool;  // database reads, analysis, password hashing
  RateLimiter& login_limiter;  // by client IP and e-mail
  RateLimiter& public_ip_limiter;      // public survey endpoints, by client IP and survey
  RateLimiter& public_survey_limiter;  // public survey endpoints, by survey
  LiveFeed& live_feed;
  Limits limits;
  bool secure_cookies = false;  // set the Secure flag (serve behind HTTPS)
  std::string public_url;  // how respondents reach this server, e.g. "https://feedback.example.vn"
  collect::Invitations* invitations = nullptr;  // e-mail invitations; null in tests without them
  insights::MetricsService* metrics = nullptr;  // the query API; null in tests without it
  workflow::Webhooks* webhooks = nullptr;       // webhook subscriptions; null in tests without them
  workflow::Rules* rules = nullptr;             // alert rules; null in tests without them
  workflow::Cases* cases = nullptr;             // cases; null in tests without them
  workflow::CaseMail* case_mail = nullptr;      // replies and follow-ups; null in tests without them
  workflow::Notifications* notifications = nullptr;  // in-app notifications; null in tests without them
  std::string inbound_secret;  // bearer secret of POST /api/v1/inbound/email; "" = off
};

}  // namespace voxloop::http
