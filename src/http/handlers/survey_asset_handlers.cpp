// What the survey channels fetch besides the page itself:
//   GET /assets/collect/{name}   the hosted page's survey.css and survey.js
//   GET /widget.js               the widget for businesses' own sites (any origin may load it)
//   GET /s/{survey}/qr.svg|.png  a QR code of the hosted page's absolute URL with src=qr
//                                (?size= module pixels 1–64, ?kiosk=1 for a kiosk link)
// Scripts and styles revalidate with their ETag; names carry no version, so caching is
// short: an hour for the page's assets, five minutes for widget.js (it lives on other sites,
// where a fix should arrive soon). QR codes only exist for published surveys.
#include <charconv>

#include "collect/assets.hpp"
#include "collect/qr_code.hpp"
#include "collect/surveys.hpp"
#include "http/async.hpp"
#include "http/handlers/handlers.hpp"
#include "http/handlers/survey_page_request.hpp"
#include "http/response.hpp"
#include "http/services.hpp"

namespace voxloop::http::handlers {
namespace {

constexpr std::string_view kPageAssetCache = "public, max-age=3600";
constexpr std::string_view kWidgetCache = "public, max-age=300";
constexpr std::string_view kQrCache = "public, max-age=3600";

Response AssetResponse(const RequestContext& context, std::string_view name,
                       std::string_view cache_control) {
  const auto asset = collect::FindPublicAsset(name);
  if (!asset) return ErrorResponse(context, core::Error::NotFound("No such file"));
  Response response = context.Header("If-None-Match") == asset->etag
                          ? EmptyResponse(context, Status::not_modified)
                          : TextResponse(context, Status::ok, std::string(asset->content_type),
                                         std::string(asset->body));
  response.set(beast_http::field::etag, asset->etag);
  response.set(beast_http::field::cache_control, cache_control);
  return response;
}

core::Result<int> ModulePixels(const RequestContext& context) {
  const std::string_view text = context.Query("size");
  if (text.empty()) return collect::QrOptions{}.module_pixels;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 1 || value > 64) {
    return core::Error::Field("size", "out_of_range", "Module pixels from 1 to 64");
  }
  return value;
}

// The absolute URL a printed code leads to.
std::string QrTargetUrl(const RequestContext& context, core::Id survey_id) {
  std::string url = context.services.public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/s/" + core::IdToString(survey_id) + "?src=qr";
  if (context.Query("kiosk") == "1") url += "&kiosk=1";
  return url;
}

enum class QrFormat { kSvg, kPng };

boost::asio::awaitable<Response> QrCode(RequestContext& context, QrFormat format) {
  auto id = SurveyPathId(context);
  if (!id) co_return ErrorResponse(context, id.error());
  auto pixels = ModulePixels(context);
  if (!pixels) co_return ErrorResponse(context, pixels.error());
  auto survey = co_await Offload(context.services.blocking_pool,
                                 [&] { return context.services.surveys.GetPublic(*id); });
  if (!survey) co_return ErrorResponse(context, survey.error());
  const std::string url = QrTargetUrl(context, *id);
  collect::QrOptions options;
  options.module_pixels = *pixels;
  auto image = format == QrFormat::kSvg ? collect::QrCodeSvg(url, options)
                                        : collect::QrCodePng(url, options);
  if (!image) co_return ErrorResponse(context, image.error());
  Response response = TextResponse(
      context, Status::ok, format == QrFormat::kSvg ? "image/svg+xml; charset=utf-8" : "image/png",
      std::move(*image));
  response.set(beast_http::field::cache_control, kQrCache);
  response.set(beast_http::field::content_disposition,
               "inline; filename=\"survey-" + core::IdToString(*id) +
                   (format == QrFormat::kSvg ? "-qr.svg\"" : "-qr.png\""));
  response.set("Access-Control-Allow-Origin", "*");
  co_return response;
}

}  // namespace

Reply SurveyPageAsset(RequestContext& context) {
  co_return AssetResponse(context, context.Param("name"), kPageAssetCache);
}

Reply WidgetScript(RequestContext& context) {
  Response response = AssetResponse(context, "widget.js", kWidgetCache);
  response.set("Access-Control-Allow-Origin", "*");
  co_return response;
}

Reply SurveyQrSvg(RequestContext& context) { co_return co_await QrCode(context, QrFormat::kSvg); }

Reply SurveyQrPng(RequestContext& context) { co_return co_await QrCode(context, QrFormat::kPng); }

}  // namespace voxloop::http::handlers
