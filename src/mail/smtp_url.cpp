#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <charconv>

#include "mail/smtp_sender.hpp"

namespace voxloop::mail {
namespace {

constexpr long kMaxTimeoutMs = 600'000;

core::Error BadUrl(std::string message) {
  return core::Error::Field("smtp_url", "invalid", std::move(message));
}

core::Status ApplyParameter(std::string_view key, std::string_view value, SmtpConfig& config) {
  if (key == "require_tls") {
    if (value != "true" && value != "false") return BadUrl("require_tls must be true or false");
    config.require_tls = config.require_tls || value == "true";
    return core::Ok();
  }
  if (key == "timeout_ms") {
    long timeout_ms = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), timeout_ms);
    if (ec != std::errc() || end != value.data() + value.size() || timeout_ms < 1 ||
        timeout_ms > kMaxTimeoutMs) {
      return BadUrl("timeout_ms must be a number of milliseconds from 1 to 600000");
    }
    config.timeout_ms = timeout_ms;
    return core::Ok();
  }
  return BadUrl("Unknown SMTP URL parameter: " + std::string(key));
}

}  // namespace

core::Result<SmtpConfig> ParseSmtpUrl(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return BadUrl("Not a URL; use smtp://host:port or smtps://host:port");
  const boost::urls::url_view& view = *parsed;
  const std::string scheme = view.scheme();
  if (scheme != "smtp" && scheme != "smtps") {
    return BadUrl("The scheme must be smtp or smtps");
  }
  if (!view.has_authority() || view.encoded_host().empty()) {
    return BadUrl("The SMTP URL needs a host");
  }
  if (view.has_port()) {
    const std::string_view port = view.port();
    int number = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (ec != std::errc() || end != port.data() + port.size() || number < 1 || number > 65535) {
      return BadUrl("The SMTP port must be from 1 to 65535");
    }
  }
  if (view.has_fragment()) return BadUrl("The SMTP URL must not have a fragment");
  const std::string path(view.encoded_path());
  if (path.find('/', 1) != std::string::npos) {
    return BadUrl("The path of an SMTP URL is one name for EHLO");
  }
  SmtpConfig config;
  config.require_tls = scheme == "smtps";
  config.url = scheme + "://" + std::string(view.encoded_host_and_port()) + path;
  if (view.has_userinfo()) {
    config.username = view.user();
    config.password = view.password();
    if (config.username.empty()) return BadUrl("The SMTP user name is empty");
  }
  for (const auto& param : view.params()) {
    VOXLOOP_TRY(ApplyParameter(param.key, param.has_value ? param.value : "", config));
  }
  return config;
}

}  // namespace voxloop::mail
