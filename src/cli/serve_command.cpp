// `voxloop serve`: runs the HTTP server until SIGINT/SIGTERM.
#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/thread_pool.hpp>

#include <iostream>
#include <memory>
#include <thread>

#include "app/demo_seed.hpp"
#include "app/runtime.hpp"
#include "cli/commands.hpp"
#include "cli/runtime_options.hpp"
#include "http/routes.hpp"
#include "http/server/server.hpp"
#include "http/services.hpp"
#include "mail/smtp_sender.hpp"

namespace voxloop::cli {
namespace {

struct ServeOptions {
  app::RuntimeOptions runtime;
  std::string listen = "127.0.0.1:8080";
  int io_threads = 0;
  int workers = 0;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  std::size_t max_text_chars = 20000;
  bool no_demo = false;
  bool access_log = true;
  bool secure_cookies = false;
  double public_rate_per_minute = 60;      // per client IP and survey
  double survey_rate_per_second = 500;     // per survey, from all clients
  std::string log_level = "info";
  std::string public_url;  // "" = http://<listen host:port>
  std::string smtp_url;    // "" = e-mail is not configured
  std::string mail_from = "Voxloop <surveys@voxloop.localhost>";
  std::string reply_domain;    // "" = the domain of mail_from
  std::string inbound_secret;  // "" = the inbound mail endpoint is off
};

// Application messages go to stderr; the access log to stdout, written by a background
// thread so that logging never stalls a request.
void ConfigureLogging(const ServeOptions& options) {
  spdlog::set_default_logger(spdlog::stderr_logger_mt("voxloop"));
  spdlog::set_level(spdlog::level::from_str(options.log_level));
  spdlog::init_thread_pool(16384, 1);
  auto access = std::make_shared<spdlog::async_logger>(
      "access", std::make_shared<spdlog::sinks::stdout_sink_mt>(), spdlog::thread_pool(),
      spdlog::async_overflow_policy::overrun_oldest);
  access->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %v", spdlog::pattern_time_type::utc);
  access->set_level(options.access_log ? spdlog::level::info : spdlog::level::off);
  spdlog::register_logger(access);
}

bool SplitListen(const std::string& listen, std::string& host, unsigned short& port) {
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    const int value = std::stoi(listen.substr(colon + 1));
    if (value < 0 || value > 65535) return false;
    port = static_cast<unsigned short>(value);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

int Serve(const ServeOptions& options) {
  ConfigureLogging(options);
  http::ServerOptions server_options;
  if (!SplitListen(options.listen, server_options.host, server_options.port)) {
    std::cerr << "voxloop: --listen must be HOST:PORT\n";
    return 2;
  }
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  server_options.io_threads = options.io_threads > 0 ? options.io_threads : cores;
  server_options.max_body_bytes = options.max_body_bytes;
  auto runtime = app::Runtime::Open(options.runtime);
  if (!runtime) {
    spdlog::critical("cannot start: {} {}", runtime.error().message, runtime.error().internal);
    return 1;
  }
  if ((*runtime)->started_empty() && !options.no_demo) {
    auto demo = app::SeedDemoWorkspace(**runtime);
    if (!demo) {
      spdlog::critical("cannot create the demo workspace: {} {}", demo.error().message,
                       demo.error().internal);
      return 1;
    }
    app::PrintDemoWelcome(*demo, std::cout);
  }
  if (auto started = (*runtime)->StartMetrics(); !started) {
    spdlog::critical("cannot build the metrics index: {} {}", started.error().message,
                     started.error().internal);
    return 1;
  }
  boost::asio::thread_pool blocking_pool(options.workers > 0 ? options.workers : 2 * cores + 2);
  http::RateLimiter login_limiter(10, 10.0 / 60.0);
  // Public survey endpoints: a respondent sends a few requests per survey; a burst of a
  // minute's worth is allowed, then the per-minute rate.
  http::RateLimiter public_ip_limiter(options.public_rate_per_minute,
                                      options.public_rate_per_minute / 60.0);
  http::RateLimiter public_survey_limiter(options.survey_rate_per_second * 2,
                                          options.survey_rate_per_second);
  http::LiveFeed live_feed;
  (*runtime)->intake().AddObserver(&live_feed);
  (*runtime)->notifications().SetListener(&live_feed);
  http::Services services{(*runtime)->database(),      (*runtime)->vault(),
                          (*runtime)->authenticator(), (*runtime)->accounts(),
                          (*runtime)->intake(),        (*runtime)->customers(),
                          (*runtime)->erasure(),       (*runtime)->analysis(),
                          (*runtime)->surveys(),       (*runtime)->survey_responses(),
                          blocking_pool,               login_limiter,
                          public_ip_limiter,           public_survey_limiter,
                          live_feed,
                          http::Limits{options.max_body_bytes, options.max_text_chars, 1000},
                          options.secure_cookies};
  http::Router router(http::BuildRoutes(), services);
  http::Server server(server_options, router);
  if (auto bound = server.Bind(); !bound) {
    spdlog::critical("{}", bound.error().message);
    return 1;
  }
  services.public_url = options.public_url;
  if (services.public_url.empty()) {
    const bool ipv6 = server_options.host.find(':') != std::string::npos;
    services.public_url = "http://" + (ipv6 ? "[" + server_options.host + "]" : server_options.host) +
                          ":" + std::to_string(server.port());
  }
  // E-mail: invitations need the public URL for their links, so they start after the bind.
  if (!options.inbound_secret.empty() && options.inbound_secret.size() < 16) {
    spdlog::critical("--inbound-secret must have at least 16 characters");
    return 2;
  }
  std::unique_ptr<mail::SmtpSender> mail_sender;
  collect::MailSettings mail_settings;
  mail_settings.public_url = services.public_url;
  if (!options.smtp_url.empty()) {
    auto smtp = mail::ParseSmtpUrl(options.smtp_url);
    auto from = collect::ParseMailFrom(options.mail_from);
    if (!smtp || !from) {
      spdlog::critical("--smtp-url or --mail-from is invalid: {}",
                       !smtp ? smtp.error().message : from.error().message);
      return 2;
    }
    mail_sender = std::make_unique<mail::SmtpSender>(std::move(*smtp));
    mail_settings.sender = mail_sender.get();
    mail_settings.from = std::move(*from);
  }
  (*runtime)->notifier().Configure({mail_settings.sender, mail_settings.from, mail_settings.public_url});
  (*runtime)->case_mail().Configure(
      {mail_settings.sender, mail_settings.from, options.reply_domain, mail_settings.public_url});
  (*runtime)->invitations().Configure(std::move(mail_settings));
  services.invitations = &(*runtime)->invitations();
  services.metrics = &(*runtime)->metrics();
  services.webhooks = &(*runtime)->webhooks();
  services.rules = &(*runtime)->rules();
  services.cases = &(*runtime)->cases();
  services.case_mail = &(*runtime)->case_mail();
  services.notifications = &(*runtime)->notifications();
  services.inbound_secret = options.inbound_secret;
  (*runtime)->StartBackgroundJobs();
  server.on_listening = [&] {
    std::cout << "Voxloop listening on http://" << server_options.host << ":" << server.port()
              << std::endl;
  };
  server.on_drain = [&live_feed] { live_feed.WakeAll(); };
  server.Run();
  (*runtime)->notifications().SetListener(nullptr);
  blocking_pool.join();
  spdlog::info("stopped");
  spdlog::shutdown();
  return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, CommandContext& context) {
  auto options = std::make_shared<ServeOptions>();
  auto* serve = app.add_subcommand("serve", "Run the Voxloop server");
  AddRuntimeOptions(*serve, options->runtime);
  serve->add_option("--listen", options->listen, "HOST:PORT to listen on (port 0: any free port)")
      ->envname("VOXLOOP_LISTEN")
      ->capture_default_str();
  serve->add_option("--io-threads", options->io_threads, "HTTP I/O threads (default: one per core)");
  serve->add_option("--workers", options->workers, "Threads for database reads and analysis");
  serve->add_option("--max-body-bytes", options->max_body_bytes, "Largest request body accepted")
      ->capture_default_str();
  serve->add_option("--max-text-chars", options->max_text_chars, "Longest feedback text accepted")
      ->capture_default_str();
  serve->add_flag("--no-demo", options->no_demo, "Do not create the demo workspace on first start");
  serve->add_flag("!--no-access-log", options->access_log, "Do not write the access log");
  serve->add_flag("--secure-cookies", options->secure_cookies, "Mark cookies Secure (behind HTTPS)")
      ->envname("VOXLOOP_SECURE_COOKIES");
  serve->add_option("--public-rate-limit", options->public_rate_per_minute,
                    "Public survey requests per minute per client IP and survey")
      ->envname("VOXLOOP_PUBLIC_RATE_LIMIT")
      ->check(CLI::Range(1.0, 1e9))
      ->capture_default_str();
  serve->add_option("--survey-rate-limit", options->survey_rate_per_second,
                    "Public requests per second per survey, from all clients")
      ->envname("VOXLOOP_SURVEY_RATE_LIMIT")
      ->check(CLI::Range(1.0, 1e9))
      ->capture_default_str();
  serve->add_option("--smtp-url", options->smtp_url,
                    "Outgoing mail server for survey invitations: smtp[s]://[user:pass@]host[:port]")
      ->envname("VOXLOOP_SMTP_URL");
  serve->add_option("--mail-from", options->mail_from, "Sender of survey invitations: \"Name <address>\"")
      ->envname("VOXLOOP_MAIL_FROM")
      ->capture_default_str();
  serve->add_option("--reply-domain", options->reply_domain,
                    "Domain of the per-case reply addresses reply+<token>@domain (default: --mail-from's)")
      ->envname("VOXLOOP_REPLY_DOMAIN");
  serve->add_option("--inbound-secret", options->inbound_secret,
                    "Bearer secret a mail relay sends to POST /api/v1/inbound/email (empty: endpoint off)")
      ->envname("VOXLOOP_INBOUND_SECRET");
  serve->add_option("--reminder-interval-seconds", options->runtime.reminder_interval_seconds,
                    "How often to look for invitations due a reminder")
      ->envname("VOXLOOP_REMINDER_INTERVAL_SECONDS")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve->add_option("--watch-interval-seconds", options->runtime.watch_interval_seconds,
                    "How often SLA breaches and metric rules (NPS thresholds, topic spikes) are judged")
      ->envname("VOXLOOP_WATCH_INTERVAL_SECONDS")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve->add_option("--webhook-retry-base-ms", options->runtime.webhook_retry_base_ms,
                    "Wait before the second attempt of a failed webhook delivery, doubling per attempt "
                    "(0: 5 s, the job runner's back-off)")
      ->envname("VOXLOOP_WEBHOOK_RETRY_BASE_MS")
      ->check(CLI::Range(0, 3600000))
      ->capture_default_str();
  serve->add_option("--job-lease-seconds", options->runtime.job_lease_seconds,
                    "How long a background job stays taken by a worker that stopped answering "
                    "(a crashed server's jobs run again after it)")
      ->envname("VOXLOOP_JOB_LEASE_SECONDS")
      ->check(CLI::Range(2, 3600))
      ->capture_default_str();
  serve->add_option("--public-url", options->public_url,
                    "Base URL respondents use to reach this server, for QR codes and links "
                    "(default: http://<listen address>)")
      ->envname("VOXLOOP_PUBLIC_URL")
      ->check([](const std::string& url) -> std::string {
        const bool web = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
        return web ? std::string() : std::string("must start with http:// or https://");
      });
  serve->add_option("--log-level", options->log_level, "trace, debug, info, warn, error")
      ->capture_default_str();
  serve->callback([options, &context] { context.exit_code = Serve(*options); });
}

}  // namespace voxloop::cli
